import type { ResultStatus, RuleResult } from "@/lib/rules";
import { RULE_CODES, ruleCode, ruleIdOf } from "./rule-codes";

// Compact encodings stored on Server rows and Evaluation history (see prisma/schema.prisma). Rules are stored by
// their two-character codes (rule-codes.ts, decision 025); these functions are the only readers and writers of that
// form, so callers see rule ids.

const CODE: Record<ResultStatus, string> = { pass: "p", fail: "f", unknown: "u", waived: "w" };
const STATUS: Record<string, ResultStatus> = { p: "pass", f: "fail", u: "unknown", w: "waived" };

/** "code:status" per rule id and status, built once per rule (50,000 servers x 57 rules per upload). */
const entries = new Map<string, Record<ResultStatus, string>>();

/** One stored status entry, e.g. statusEntry("host-memory", "fail") -> "0y:f". */
export function statusEntry(ruleId: string, status: ResultStatus): string {
  let byStatus = entries.get(ruleId);
  if (byStatus === undefined) {
    const code = ruleCode(ruleId);
    byStatus = { pass: `${code}:p`, fail: `${code}:f`, unknown: `${code}:u`, waived: `${code}:w` };
    entries.set(ruleId, byStatus);
  }
  return byStatus[status];
}

/**
 * Each coded rule's place in the stored form: codes all have two characters, so sorting the entries sorts the codes.
 * encodeStatuses drops each entry in its place instead of sorting ≈ 57 strings per server (50,000 per upload).
 */
const PLACE_OF_ID = new Map(
  Object.entries(RULE_CODES)
    .sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id], place) => [id, place]),
);
const placed: (string | undefined)[] = new Array<string | undefined>(PLACE_OF_ID.size).fill(undefined);

/** "0a:p,0b:f" (rule code:status) over own and shared results, sorted. */
export function encodeStatuses(...groups: readonly (readonly RuleResult[])[]): string {
  let count = 0;
  for (const results of groups) {
    for (const result of results) {
      const place = PLACE_OF_ID.get(result.ruleId);
      if (place === undefined || placed[place] !== undefined) {
        placed.fill(undefined); // a rule without a code, or a rule twice: sort them all
        return sortedEntries(groups);
      }
      placed[place] = statusEntry(result.ruleId, result.status);
      count++;
    }
  }
  const parts: string[] = [];
  for (let i = 0; parts.length < count; i++) {
    const entry = placed[i];
    if (entry !== undefined) {
      parts.push(entry);
      placed[i] = undefined;
    }
  }
  return parts.join(",");
}

function sortedEntries(groups: readonly (readonly RuleResult[])[]): string {
  const parts: string[] = [];
  for (const results of groups) for (const result of results) parts.push(statusEntry(result.ruleId, result.status));
  return parts.sort().join(",");
}

/** Rule id -> status from the stored form (codes, or rule ids in rows written before decision 025's migration). */
export function decodeStatuses(encoded: string): Map<string, ResultStatus> {
  const map = new Map<string, ResultStatus>();
  if (!encoded) return map;
  for (const part of encoded.split(",")) {
    const colon = part.lastIndexOf(":");
    const status = STATUS[part.slice(colon + 1)];
    if (colon > 0 && status) map.set(ruleIdOf(part.slice(0, colon)), status);
  }
  return map;
}

/** True when the stored statuses give `ruleId` the status `status`. */
export function hasStatus(encoded: string, ruleId: string, status: ResultStatus): boolean {
  return `,${encoded},`.includes(`,${statusEntry(ruleId, status)},`);
}

/**
 * A stored list of the rules with one status (decision 029): ",0y,15," — what comes before each ":<letter>" entry of
 * the stored statuses (a rule code, or the id of a rule without one), in their order; "" when there is none. The
 * migrations that added the columns derive the same from existing rows.
 */
function rulesWithStatusOf(encoded: string, status: ResultStatus): string {
  const suffix = `:${CODE[status]}`;
  let list = "";
  for (let at = encoded.indexOf(suffix); at !== -1; at = encoded.indexOf(suffix, at + 2)) {
    const end = at + 2;
    if (end !== encoded.length && encoded.charCodeAt(end) !== 44 /* , */) continue;
    list += `${list === "" ? "," : ""}${encoded.slice(encoded.lastIndexOf(",", at) + 1, at)},`;
  }
  return list;
}

/** Server.failingRules: the failing rules of the stored statuses (what the failing-rule filter reads). */
export function failingRulesOf(encoded: string): string {
  return rulesWithStatusOf(encoded, "fail");
}

/** Server.waivedRules: the waived rules of the stored statuses (what the wave gate counts from an index). */
export function waivedRulesOf(encoded: string): string {
  return rulesWithStatusOf(encoded, "waived");
}

/** Rule ids with the status `status` in the stored statuses. */
export function idsWithStatus(encoded: string, status: ResultStatus): string[] {
  return undelimitRuleIds(rulesWithStatusOf(encoded, status));
}

/** ",a,b," so that one value can be matched with LIKE '%,value,%' (tags). */
export function delimitIds(ids: readonly string[]): string {
  return ids.length === 0 ? "" : `,${ids.join(",")},`;
}

export function undelimitIds(value: string): string[] {
  return value.split(",").filter(Boolean);
}

/** A stored rule list (blockingRules, conditionRules, unknownRules, unknownBlockers): ",code,code," in the given order. */
export function delimitRuleIds(ids: readonly string[]): string {
  return ids.length === 0 ? "" : `,${ids.map(ruleCode).join(",")},`;
}

/** The rule ids of a stored rule list. */
export function undelimitRuleIds(value: string): string[] {
  return undelimitIds(value).map(ruleIdOf);
}

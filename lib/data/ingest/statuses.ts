import type { ResultStatus, RuleResult } from "@/lib/rules";

// Compact encodings stored on Server rows and Evaluation history (see prisma/schema.prisma).

const CODE: Record<ResultStatus, string> = { pass: "p", fail: "f", unknown: "u", waived: "w" };
const STATUS: Record<string, ResultStatus> = { p: "pass", f: "fail", u: "unknown", w: "waived" };

/** "rule-a:p,rule-b:f" over own and shared results, sorted by rule id. */
export function encodeStatuses(...groups: readonly (readonly RuleResult[])[]): string {
  const parts: string[] = [];
  for (const results of groups) for (const result of results) parts.push(`${result.ruleId}:${CODE[result.status]}`);
  return parts.sort().join(",");
}

export function decodeStatuses(encoded: string): Map<string, ResultStatus> {
  const map = new Map<string, ResultStatus>();
  if (!encoded) return map;
  for (const part of encoded.split(",")) {
    const colon = part.lastIndexOf(":");
    const status = STATUS[part.slice(colon + 1)];
    if (colon > 0 && status) map.set(part.slice(0, colon), status);
  }
  return map;
}

/** ",a,b," so that one rule id can be matched with LIKE '%,id,%'. */
export function delimitIds(ids: readonly string[]): string {
  return ids.length === 0 ? "" : `,${ids.join(",")},`;
}

export function undelimitIds(value: string): string[] {
  return value.split(",").filter(Boolean);
}

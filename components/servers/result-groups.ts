import type { ResultStatus, RuleResult, RuleScope, Severity } from "@/lib/rules";

// Pure ordering and grouping of a server's rule results for the detail page.

const STATUS_ORDER: Record<ResultStatus, number> = { fail: 0, unknown: 1, waived: 2, pass: 3 };
const SEVERITY_ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** Failing first (then unknown, waived, passing); blockers before warnings before info; then by rule id. */
export function compareResults(a: RuleResult, b: RuleResult): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId);
}

export function sortResults(results: readonly RuleResult[]): RuleResult[] {
  return [...results].sort(compareResults);
}

/** Inherited scopes in the order the page shows them. */
export const INHERITED_SCOPES = ["domain", "gmsa-acl", "tenant", "sync-scope", "fleet"] as const satisfies readonly RuleScope[];

export const SCOPE_HEADINGS: Record<RuleScope, string> = {
  host: "This server",
  domain: "Its domain",
  "gmsa-acl": "gMSA permissions (ACL)",
  tenant: "Tenant",
  "sync-scope": "Sync scope",
  fleet: "Fleet",
};

export interface ResultGroup {
  scope: RuleScope;
  results: RuleResult[];
}

/** Shared results grouped by scope (non-empty groups only), each sorted failing first. */
export function groupInherited(shared: readonly RuleResult[]): ResultGroup[] {
  const groups: ResultGroup[] = [];
  for (const scope of INHERITED_SCOPES) {
    const results = shared.filter((result) => result.scope === scope);
    if (results.length > 0) groups.push({ scope, results: sortResults(results) });
  }
  // A scope the page does not know yet (or a host result stored with the shared ones) is still shown.
  const known = new Set<RuleScope>(INHERITED_SCOPES);
  const other = shared.filter((result) => !known.has(result.scope));
  if (other.length > 0) groups.push({ scope: other[0].scope, results: sortResults(other) });
  return groups;
}

/** Counts per status, for group headings ("2 failing, 1 unknown, 14 passing"). */
export function statusCounts(results: readonly RuleResult[]): Record<ResultStatus, number> {
  const counts: Record<ResultStatus, number> = { fail: 0, unknown: 0, waived: 0, pass: 0 };
  for (const result of results) counts[result.status]++;
  return counts;
}

export interface DecidedBy {
  /** Failing blockers: they make the server Not ready. */
  blocking: RuleResult[];
  /** Blockers without data: they make the server Unknown when nothing fails. */
  unknownBlockers: RuleResult[];
  /** Failing warnings: Ready with conditions. */
  conditions: RuleResult[];
}

/** The results that decide the verdict, by their effective severity (as lib/readiness/rollup counts them). */
export function decidedBy(results: readonly RuleResult[]): DecidedBy {
  const sorted = sortResults(results);
  return {
    blocking: sorted.filter((r) => r.status === "fail" && r.severity === "blocker"),
    unknownBlockers: sorted.filter((r) => r.status === "unknown" && r.severity === "blocker"),
    conditions: sorted.filter((r) => r.status === "fail" && r.severity === "warning"),
  };
}

/** Evidence `actual` values as compact JSON ("absent" strings stay readable as JSON strings). */
export function compactJson(value: unknown, max = 400): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? "null";
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

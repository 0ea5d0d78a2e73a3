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

// ---- Missing data: one action per cause instead of one "blocker without data" per rule ----

/** Why results are unknown, in the order the page offers the actions. */
export const MISSING_DATA_CAUSES = ["workgroup", "collector", "domain", "tenant", "sync-scope", "other"] as const;
export type MissingDataCause = (typeof MISSING_DATA_CAUSES)[number];

/** What the page knows about the host, from its facts (absent when not collected). */
export interface MissingDataHost {
  /** Win32_ComputerSystem.PartOfDomain: false for a workgroup server. */
  partOfDomain?: boolean;
  cloud?: "public" | "usgov";
}

export interface MissingDataGroup {
  cause: MissingDataCause;
  /** The unknown results this action would let the rules judge, sorted (blockers first). */
  results: RuleResult[];
  /** How many of them are blockers (they hold the verdict at Unknown). */
  blockers: number;
}

const DOMAIN_SCOPES: ReadonlySet<RuleScope> = new Set(["domain", "gmsa-acl", "sync-scope", "fleet"]);

/** The cause of one unknown result. */
export function missingDataCause(result: RuleResult, host: MissingDataHost): MissingDataCause {
  const fact = result.reason?.code === "missing-fact" ? result.reason.missingFact : "";
  if (result.reason?.code === "rule-error") return "other";
  const domainFact = fact.startsWith("domain.") || fact === "acl" || fact.startsWith("acl.");
  // A workgroup server has no domain: its domain, gMSA and scope rules wait for the join, not for a collection.
  if (host.partOfDomain === false && (DOMAIN_SCOPES.has(result.scope) || domainFact)) return "workgroup";
  if (result.scope === "host" && fact.startsWith("host.") && fact !== "host.tier0") return "collector";
  if (result.scope === "domain" || result.scope === "gmsa-acl" || domainFact) return "domain";
  if (result.scope === "tenant") return "tenant";
  if (result.scope === "sync-scope") return "sync-scope";
  return "other";
}

/** The unknown results grouped by cause (non-empty groups only, in MISSING_DATA_CAUSES order). */
export function groupMissingData(results: readonly RuleResult[], host: MissingDataHost): MissingDataGroup[] {
  const byCause = new Map<MissingDataCause, RuleResult[]>();
  for (const result of sortResults(results)) {
    if (result.status !== "unknown") continue;
    const cause = missingDataCause(result, host);
    const list = byCause.get(cause) ?? [];
    list.push(result);
    byCause.set(cause, list);
  }
  return MISSING_DATA_CAUSES.flatMap((cause) => {
    const list = byCause.get(cause);
    return list ? [{ cause, results: list, blockers: list.filter((r) => r.severity === "blocker").length }] : [];
  });
}

/** The collector run an admin types on the server (docs/collector.md), for its cloud; `-IncludeDomain` for the domain facts. */
export function collectorCommand(cloud: MissingDataHost["cloud"], includeDomain = false): string {
  return `powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1 -Cloud ${cloud === "usgov" ? "USGov" : "Public"}${includeDomain ? " -IncludeDomain" : ""}`;
}

/** The distinct collect commands of a group's results, one block after the other ("" when none has one). */
export function groupCommands(results: readonly RuleResult[]): string {
  const commands = [...new Set(results.map((r) => r.reason?.collect ?? "").filter((c) => c.trim() !== ""))];
  return commands.join("\n");
}

/** The page's view of the host facts: PartOfDomain and the cloud, when collected and well formed. */
export function missingDataHost(host: unknown): MissingDataHost {
  const record = (value: unknown): Record<string, unknown> | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  const membership = record(record(host)?.domainMembership);
  const network = record(record(host)?.network);
  const partOfDomain = typeof membership?.partOfDomain === "boolean" ? membership.partOfDomain : undefined;
  const cloud = network?.cloud === "usgov" || network?.cloud === "public" ? network.cloud : undefined;
  return { ...(partOfDomain === undefined ? {} : { partOfDomain }), ...(cloud === undefined ? {} : { cloud }) };
}

import "server-only";
import { type Verdict, VERDICT_RANK, verdictSchema } from "@/lib/readiness";
import { failingChanges, type RuleChange } from "@/lib/views/history-changes";
import { type ServerFilters, serverScopeSearch } from "@/lib/views/server-filters";
import { type ChangeCause, CHANGE_CAUSES, classifyCauses } from "./changes-cause";
import { db } from "./db";
import { serverWhere } from "./servers";
import { type ChangedServerRow, sqlJobs } from "./sql-jobs";

export { CHANGE_CAUSES, CHANGE_CAUSE_HINTS, CHANGE_CAUSE_LABELS, type ChangeCause } from "./changes-cause";

// "What changed": servers whose verdict at `to` differs from their verdict at `from` (the newest Evaluation row at or
// before each date), grouped by the cause of the evaluation where the verdict LAST changed inside the window. A server
// that flipped and flipped back is not a change. Servers with no verdict at `from` are counted as new.

/** A rule that started or stopped failing (lib/views/history-changes: null = the rule did not apply). */
export type { RuleChange };

export interface ServerChange {
  fqdn: string;
  name: string;
  domain: string;
  before: Verdict;
  after: Verdict;
  /** ISO time of the evaluation where the verdict last changed. */
  at: string;
  cause: ChangeCause;
  /** The upload's file name, the waiver's rule, the ruleset version, the attestation key, a lapse note. */
  causeDetail: string | null;
  direction: "improved" | "worse";
  /** Rules that started failing (or became unknown) and stopped, comparing the two dates. */
  rules: RuleChange[];
}

export interface ChangeGroup {
  cause: ChangeCause;
  improved: number;
  worse: number;
  changes: ServerChange[];
}

export interface ChangesReport {
  from: string;
  to: string;
  changed: number;
  improved: number;
  worse: number;
  /** Servers first evaluated inside the window (no verdict at `from`), by their verdict at `to`. */
  added: { total: number; byVerdict: Record<Verdict, number> };
  /** Servers removed inside the window (their last upload was deleted), from the audit log. */
  removed: number;
  /** Groups in CHANGE_CAUSES order; empty groups are left out. */
  groups: ChangeGroup[];
  /** The server-list filter applied, as a query string ("" for every server). */
  filter: string;
}

type Row = ChangedServerRow;



function hasFilter(filters: ServerFilters | undefined): filters is ServerFilters {
  return filters !== undefined && serverScopeSearch(filters) !== "";
}

/** Servers matching a list filter (as it stands now), or null for every server. */
async function serverIdsMatching(filters: ServerFilters | undefined, now: Date): Promise<Set<string> | null> {
  if (!hasFilter(filters)) return null;
  const rows = await db().server.findMany({ where: serverWhere(filters, now), select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

async function countRemoved(from: Date, to: Date): Promise<number> {
  const rows = await db().auditEntry.findMany({ where: { action: "upload.delete", at: { gt: from, lte: to } }, select: { afterJson: true } });
  let removed = 0;
  for (const row of rows) {
    try {
      const after = JSON.parse(row.afterJson ?? "{}") as { serversRemoved?: unknown };
      if (typeof after.serversRemoved === "number") removed += after.serversRemoved;
    } catch {
      // an unreadable entry counts nothing
    }
  }
  return removed;
}

/**
 * Verdict changes between `from` and `to` (instants), optionally only for servers matching a server-list filter
 * (applied to the servers as they are now). Removed servers are counted for the whole fleet.
 */
export async function getChanges(input: { from: Date; to: Date; filters?: ServerFilters }, now = new Date()): Promise<ChangesReport> {
  const { from, to, filters } = input;
  const [rows, only, removed] = await Promise.all([
    sqlJobs().changes.changedServers(from, to),
    serverIdsMatching(filters, now),
    countRemoved(from, to),
  ]);
  const added: ChangesReport["added"] = { total: 0, byVerdict: { ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 } };
  const changedRows: Row[] = [];
  for (const row of rows) {
    if (only && !only.has(row.serverId)) continue;
    if (row.beforeVerdict === null) {
      added.total++;
      added.byVerdict[verdictSchema.catch("unknown").parse(row.afterVerdict)]++;
    } else if (row.changedAt !== null) changedRows.push(row);
  }
  const causes = await classifyCauses(changedRows.map((row) => ({ cause: row.cause ?? "", note: row.note, at: row.changedAt! })));
  const groups = new Map<ChangeCause, ChangeGroup>();
  let improved = 0;
  changedRows.forEach((row, index) => {
    const before = verdictSchema.catch("unknown").parse(row.beforeVerdict);
    const after = verdictSchema.catch("unknown").parse(row.afterVerdict);
    const direction = VERDICT_RANK[after] < VERDICT_RANK[before] ? "improved" : "worse";
    if (direction === "improved") improved++;
    const { kind, detail } = causes[index]!;
    let group = groups.get(kind);
    if (!group) groups.set(kind, (group = { cause: kind, improved: 0, worse: 0, changes: [] }));
    group[direction]++;
    group.changes.push({
      fqdn: row.fqdn,
      name: row.name,
      domain: row.domain,
      before,
      after,
      at: new Date(row.changedAt!).toISOString(),
      cause: kind,
      causeDetail: detail,
      direction,
      rules: failingChanges(row.beforeStatuses ?? "", row.afterStatuses),
    });
  });
  for (const group of groups.values()) {
    group.changes.sort((a, b) => VERDICT_RANK[b.after] - VERDICT_RANK[a.after] || a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name));
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    changed: changedRows.length,
    improved,
    worse: changedRows.length - improved,
    added,
    removed,
    groups: CHANGE_CAUSES.flatMap((cause) => groups.get(cause) ?? []),
    filter: hasFilter(filters) ? serverScopeSearch(filters) : "",
  };
}

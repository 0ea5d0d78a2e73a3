import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { engine } from "@/lib/readiness/engine";
import type { Verdict } from "@/lib/readiness/verdict";
import { sqlDate } from "../sqlite/connection";
import { loadEvaluationState } from "./state";
import { decodeStatuses, delimitIds, encodeStatuses, undelimitIds } from "./statuses";

// RAW SQL (SQLite, inside the upload transaction): evaluates the affected servers and writes their
// verdicts, evaluation history, the domains' shared results and the fleet-wide rule counts.

export interface ReevaluationOutcome {
  serversEvaluated: number;
  serversChanged: number;
}

/**
 * Re-evaluates every server of `domains` (or all): host rules per server, shared rules once per domain,
 * roll-up per server. Writes an Evaluation history row when the outcome changed or when the server is
 * in `touched` (its facts came with this change), tagged with `cause`.
 */
export function reevaluate(
  db: Database.Database,
  domains: ReadonlySet<string> | "all",
  cause: string,
  touched: ReadonlySet<string>,
  asOf: Date,
): ReevaluationOutcome {
  const state = loadEvaluationState(db, domains);
  if (state.servers.length === 0 && domains !== "all") {
    for (const domain of domains) db.prepare("DELETE FROM DomainEvaluation WHERE domain = ?").run(domain);
    return { serversEvaluated: 0, serversChanged: 0 };
  }
  const asOfIso = asOf.toISOString();
  const evaluation = engine.evaluateFleet({
    asOf: asOfIso,
    hosts: state.servers.map((server) => server.facts),
    domains: state.domains,
    tenant: state.tenant,
    scope: state.scope,
    onRuleError: (ruleId, error) => console.error(`[rules] ${ruleId} threw`, error),
  });

  const now = sqlDate(asOf);
  const updateServer = db.prepare(
    `UPDATE Server SET verdict = ?, verdictRank = ?, confidenceStars = ?, confidenceShare = ?, blockingRules = ?, conditionRules = ?,
       unknownRules = ?, statuses = ?, hostResultsJson = ?, rulesetVersion = ?, evaluatedAt = ?, updatedAt = ? WHERE id = ?`,
  );
  const insertEvaluation = db.prepare(
    `INSERT INTO Evaluation (id, serverId, evaluatedAt, rulesetVersion, verdict, confidenceStars, statuses, cause)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const delta = new Map<string, Counts>();
  const bump = (ruleId: string, status: keyof Counts, by: number) => {
    let counts = delta.get(ruleId);
    if (!counts) delta.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 }));
    counts[status] += by;
  };

  let changed = 0;
  for (let i = 0; i < state.servers.length; i++) {
    const server = state.servers[i]!;
    const { hostResults, sharedResults, readiness } = evaluation.hosts[i]!;
    const statuses = encodeStatuses(hostResults, sharedResults);
    const blocking = delimitIds(readiness.blockingRuleIds);
    const outcomeChanged = statuses !== server.statuses || readiness.verdict !== server.verdict;
    if (outcomeChanged || blocking !== server.blockingRules) {
      for (const [ruleId, status] of decodeStatuses(server.statuses)) bump(ruleId, status, -1);
      for (const [ruleId, status] of decodeStatuses(statuses)) bump(ruleId, status, +1);
      for (const ruleId of undelimitIds(server.blockingRules)) bump(ruleId, "blocking", -1);
      for (const ruleId of readiness.blockingRuleIds) bump(ruleId, "blocking", +1);
    }
    if (outcomeChanged) changed++;
    updateServer.run(
      readiness.verdict,
      VERDICT_SORT_RANK[readiness.verdict],
      readiness.confidence.stars,
      readiness.confidence.share,
      blocking,
      delimitIds(readiness.conditionRuleIds),
      delimitIds(readiness.unknownRuleIds),
      statuses,
      JSON.stringify(hostResults),
      evaluation.rulesetVersion,
      now,
      now,
      server.id,
    );
    if (outcomeChanged || touched.has(server.id)) {
      insertEvaluation.run(randomUUID(), server.id, now, evaluation.rulesetVersion, readiness.verdict, readiness.confidence.stars, statuses, cause);
    }
  }

  const upsertShared = db.prepare(
    `INSERT INTO DomainEvaluation (domain, resultsJson, rulesetVersion, evaluatedAt) VALUES (?, ?, ?, ?)
     ON CONFLICT(domain) DO UPDATE SET resultsJson = excluded.resultsJson, rulesetVersion = excluded.rulesetVersion, evaluatedAt = excluded.evaluatedAt`,
  );
  for (const [domain, results] of evaluation.shared) upsertShared.run(domain, JSON.stringify(results), evaluation.rulesetVersion, now);

  applyRuleSummaryDelta(db, delta);
  recordReadinessSnapshot(db, now, cause);
  return { serversEvaluated: state.servers.length, serversChanged: changed };
}

/** Stored in Server.verdictRank so lists can sort worst first with an index. */
export const VERDICT_SORT_RANK: Readonly<Record<Verdict, number>> = { "not-ready": 0, unknown: 1, "ready-with-conditions": 2, ready: 3 };

export type Counts = { pass: number; fail: number; unknown: number; waived: number; blocking: number };

/** Fleet-wide verdict counts after this evaluation (the overview's trend chart). */
export function recordReadinessSnapshot(db: Database.Database, at: string, cause: string): void {
  const counts = Object.fromEntries(
    (db.prepare("SELECT verdict, COUNT(*) AS n FROM Server GROUP BY verdict").all() as { verdict: string; n: number }[]).map((row) => [row.verdict, row.n]),
  );
  db.prepare("INSERT INTO ReadinessSnapshot (id, at, ready, conditions, notReady, unknown, cause) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    randomUUID(),
    at,
    counts["ready"] ?? 0,
    counts["ready-with-conditions"] ?? 0,
    counts["not-ready"] ?? 0,
    counts["unknown"] ?? 0,
    cause,
  );
}

export function applyRuleSummaryDelta(db: Database.Database, delta: ReadonlyMap<string, Counts>): void {
  const upsert = db.prepare(
    `INSERT INTO RuleSummary (ruleId, pass, fail, unknown, waived, blocking) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(ruleId) DO UPDATE SET pass = pass + excluded.pass, fail = fail + excluded.fail,
       unknown = unknown + excluded.unknown, waived = waived + excluded.waived, blocking = blocking + excluded.blocking`,
  );
  for (const [ruleId, counts] of delta) upsert.run(ruleId, counts.pass, counts.fail, counts.unknown, counts.waived, counts.blocking);
  db.prepare("DELETE FROM RuleSummary WHERE pass = 0 AND fail = 0 AND unknown = 0 AND waived = 0 AND blocking = 0").run();
}

/** Rebuilds RuleSummary from every server's statuses (maintenance, and the reference the delta is tested against). */
export function recomputeRuleSummary(db: Database.Database): void {
  const totals = new Map<string, Counts>();
  const countsOf = (ruleId: string) => {
    let counts = totals.get(ruleId);
    if (!counts) totals.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 }));
    return counts;
  };
  for (const row of db.prepare("SELECT statuses, blockingRules FROM Server").iterate() as Iterable<{ statuses: string; blockingRules: string }>) {
    for (const [ruleId, status] of decodeStatuses(row.statuses)) countsOf(ruleId)[status]++;
    for (const ruleId of undelimitIds(row.blockingRules)) countsOf(ruleId).blocking++;
  }
  db.prepare("DELETE FROM RuleSummary").run();
  applyRuleSummaryDelta(db, totals);
}

import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { engine } from "@/lib/readiness/engine";
import { sqlDate } from "../sqlite/connection";
import { loadEvaluationState } from "./state";
import { decodeStatuses, delimitIds, encodeStatuses } from "./statuses";

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
    `UPDATE Server SET verdict = ?, confidenceStars = ?, confidenceShare = ?, blockingRules = ?, conditionRules = ?,
       unknownRules = ?, statuses = ?, hostResultsJson = ?, rulesetVersion = ?, evaluatedAt = ?, updatedAt = ? WHERE id = ?`,
  );
  const insertEvaluation = db.prepare(
    `INSERT INTO Evaluation (id, serverId, evaluatedAt, rulesetVersion, verdict, confidenceStars, statuses, cause)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const delta = new Map<string, { pass: number; fail: number; unknown: number; waived: number }>();
  const bump = (ruleId: string, status: "pass" | "fail" | "unknown" | "waived", by: number) => {
    let counts = delta.get(ruleId);
    if (!counts) delta.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0 }));
    counts[status] += by;
  };

  let changed = 0;
  for (let i = 0; i < state.servers.length; i++) {
    const server = state.servers[i]!;
    const { hostResults, sharedResults, readiness } = evaluation.hosts[i]!;
    const statuses = encodeStatuses(hostResults, sharedResults);
    const outcomeChanged = statuses !== server.statuses || readiness.verdict !== server.verdict;
    if (outcomeChanged) {
      changed++;
      for (const [ruleId, status] of decodeStatuses(server.statuses)) bump(ruleId, status, -1);
      for (const [ruleId, status] of decodeStatuses(statuses)) bump(ruleId, status, +1);
    }
    updateServer.run(
      readiness.verdict,
      readiness.confidence.stars,
      readiness.confidence.share,
      delimitIds(readiness.blockingRuleIds),
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
  return { serversEvaluated: state.servers.length, serversChanged: changed };
}

type Counts = { pass: number; fail: number; unknown: number; waived: number };

export function applyRuleSummaryDelta(db: Database.Database, delta: ReadonlyMap<string, Counts>): void {
  const upsert = db.prepare(
    `INSERT INTO RuleSummary (ruleId, pass, fail, unknown, waived) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(ruleId) DO UPDATE SET pass = pass + excluded.pass, fail = fail + excluded.fail,
       unknown = unknown + excluded.unknown, waived = waived + excluded.waived`,
  );
  for (const [ruleId, counts] of delta) upsert.run(ruleId, counts.pass, counts.fail, counts.unknown, counts.waived);
  db.prepare("DELETE FROM RuleSummary WHERE pass = 0 AND fail = 0 AND unknown = 0 AND waived = 0").run();
}

/** Rebuilds RuleSummary from every server's statuses (maintenance, and the reference the delta is tested against). */
export function recomputeRuleSummary(db: Database.Database): void {
  const totals = new Map<string, Counts>();
  for (const row of db.prepare("SELECT statuses FROM Server").iterate() as Iterable<{ statuses: string }>) {
    for (const [ruleId, status] of decodeStatuses(row.statuses)) {
      let counts = totals.get(ruleId);
      if (!counts) totals.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0 }));
      counts[status]++;
    }
  }
  db.prepare("DELETE FROM RuleSummary").run();
  applyRuleSummaryDelta(db, totals);
}

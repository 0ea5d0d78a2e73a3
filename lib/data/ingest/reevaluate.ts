import { newRowId } from "../ids";
import { applyWaivers, describeDomain, domainFactsFor, engine, type ResultSummary, rollupWith, scopeForDomain, summarizeResults, type Verdict } from "@/lib/readiness";
import type { RuleContext, RuleResult } from "@/lib/rules";
import { refreshWaveGatesTx } from "../rollout/gates";
import { sqlDate } from "../sqlite/connection";
import type { Column, SqlValue, WriteTx } from "../write-tx";
import { FACTS_AND_OUTCOME_COLUMNS, type FreshServers, OUTCOME_COLUMNS, type OutcomeValues } from "./fresh-servers";
import { type ContextState, knownDomains, loadContextState, loadServersOfDomains, loadServersToEvaluate, type LoadedServer } from "./state";
import { decodeStatuses, delimitRuleIds, encodeStatuses, failingRulesOf, undelimitRuleIds, waivedRulesOf } from "./statuses";
import { QueuedWrites } from "./queued-writes";
import { type ActiveWaivers, lapseNote, loadActiveWaivers, recordLapses, uncoveredNote, waiversForServer, wasWaived } from "./waiver-sql";

// RAW SQL (portable, inside the evaluation write transaction, lib/data/write-tx.ts): evaluates the affected servers and writes their
// verdicts, evaluation history, the domains' shared results and the fleet-wide rule counts.

export interface ReevaluationScope {
  /** Domains whose domain-level inputs (facts, ACL, tenant, scope, fleet facts) may have changed, or "all". */
  domains: ReadonlySet<string> | "all";
  /** Servers that received new facts: always re-evaluated, and their history always gets a row. */
  touched: ReadonlySet<string>;
  /**
   * True when only host facts changed (an inventory upload): servers outside `touched` are re-evaluated only
   * when their domain's shared results changed (e.g. the agent count crossed a threshold). False when domain
   * facts changed (host rules read them), so every server of `domains` is re-evaluated.
   */
  hostFactsOnly: boolean;
  /**
   * An upload's servers (writeHostFacts): their current facts in memory, and the new servers and snapshots still to
   * be written; reevaluate writes each new server once, with its outcome, and finishes it.
   */
  fresh?: FreshServers;
}

export interface ReevaluationOutcome {
  serversEvaluated: number;
  serversChanged: number;
}

/** Unknown results of blocker severity, sorted (the wave gate counts them as blockers). */
function unknownBlockerIds(own: readonly RuleResult[], shared: readonly RuleResult[]): string[] {
  const ids: string[] = [];
  for (const list of [own, shared]) for (const r of list) if (r.status === "unknown" && r.severity === "blocker") ids.push(r.ruleId);
  return ids.sort();
}

/** Stored in Server.verdictRank so lists can sort worst first with an index. */
export const VERDICT_SORT_RANK: Readonly<Record<Verdict, number>> = { "not-ready": 0, unknown: 1, "ready-with-conditions": 2, ready: 3 };

export type Counts = { pass: number; fail: number; unknown: number; waived: number; blocking: number };

/** What a roll-up depends on in a list of results (message and evidence wording may change without effect). */
function rollupKey(results: readonly RuleResult[]): string {
  return results.map((r) => `${r.ruleId}:${r.status}:${r.severity}`).join(",");
}

interface SharedDomain {
  ctx: RuleContext;
  results: RuleResult[];
  /** The roll-up summary of `results` (the same for every server of the domain). */
  summary: ResultSummary;
}

/**
 * Evaluates the shared rules of each domain once (with the domain's waivers applied) and stores them; returns the
 * domains whose roll-up inputs changed, and the history notes of domains where a waiver lapsed.
 */
async function evaluateDomains(
  tx: WriteTx,
  keys: Iterable<string>,
  state: ContextState,
  asOf: string,
  rulesetVersion: string,
  now: string,
  waivers: ActiveWaivers | null,
  asOfDate: Date,
) {
  const shared = new Map<string, SharedDomain>();
  const changed = new Set<string>();
  const notes = new Map<string, string[]>();
  const compute = async (key: string): Promise<SharedDomain> => {
    const own = state.domains[key];
    const ctx: RuleContext = {
      asOf,
      domain: domainFactsFor(key, own?.domain),
      acl: own?.acl,
      tenant: state.tenant,
      scope: scopeForDomain(key, own?.scope, state.scope),
      fleet: state.fleet,
    };
    let results = engine.evaluateShared(ctx, (ruleId, error) => console.error(`[rules] ${ruleId} threw`, error));
    const domainWaivers = waivers?.byDomain.get(key);
    if (waivers && domainWaivers) {
      const applied = applyWaivers(results, domainWaivers, asOf);
      results = applied.results as RuleResult[];
      if (applied.lapsed.length > 0) {
        await recordLapses(tx, waivers, applied.lapsed, asOfDate, key || "no domain");
        notes.set(key, applied.lapsed.map(lapseNote));
        changed.add(key);
      }
    }
    const previous = await tx.get<{ resultsJson: string; rulesetVersion: string }>(`SELECT "resultsJson", "rulesetVersion" FROM "DomainEvaluation" WHERE "domain" = ?`, [key]);
    if (!previous || previous.rulesetVersion !== rulesetVersion || rollupKey(JSON.parse(previous.resultsJson) as RuleResult[]) !== rollupKey(results)) {
      changed.add(key);
    }
    const details = describeDomain({ domain: key, asOf, facts: own?.domain, aclExports: state.aclExports[key] ?? [], judged: own?.acl, scope: state.scope });
    await tx.run(
      `INSERT INTO "DomainEvaluation" ("domain", "resultsJson", "detailsJson", "rulesetVersion", "evaluatedAt") VALUES (?, ?, ?, ?, ?)
       ON CONFLICT ("domain") DO UPDATE SET "resultsJson" = excluded."resultsJson", "detailsJson" = excluded."detailsJson",
         "rulesetVersion" = excluded."rulesetVersion", "evaluatedAt" = excluded."evaluatedAt"`,
      [key, JSON.stringify(results), JSON.stringify(details), rulesetVersion, now],
    );
    return { ctx, results, summary: summarizeResults(results) };
  };
  for (const key of keys) shared.set(key, await compute(key));
  const get = async (key: string) => shared.get(key) ?? (shared.set(key, await compute(key)), shared.get(key)!);
  return { get, changed, notes };
}

/**
 * Re-evaluates what a change affects: shared rules once per affected domain, host rules per server that needs
 * it, roll-up per server. Rows and history are written only for servers whose outcome changed or that
 * received new facts (history rows are tagged with `cause`).
 */
export async function reevaluate(tx: WriteTx, scope: ReevaluationScope, cause: string, asOfDate: Date): Promise<ReevaluationOutcome> {
  const asOf = asOfDate.toISOString();
  const now = sqlDate(asOfDate);
  const { fresh } = scope;
  const state = await loadContextState(tx, fresh);
  // "all" (tenant, scope or ruleset changes) always includes "": the tenant and scope screens read their stored
  // results and details even before any server exists.
  const domainKeys = scope.domains === "all" ? (await knownDomains(tx, fresh)).add("") : scope.domains;
  // Active waivers, once (all waiver work is skipped when there are none).
  const loadedWaivers = await loadActiveWaivers(tx);
  const waivers = loadedWaivers.count > 0 ? loadedWaivers : null;
  const shared = await evaluateDomains(tx, domainKeys, state, asOf, engine.rulesetVersion, now, waivers, asOfDate);

  // Servers that received facts, plus (inventory uploads) those of the domains whose shared results changed, or
  // (other facts) every server of the affected domains; an upload's touched servers are always among the latter.
  let servers: LoadedServer[];
  if (scope.hostFactsOnly) servers = await loadServersToEvaluate(tx, shared.changed, scope.touched, fresh);
  else if (fresh) servers = await loadServersToEvaluate(tx, scope.domains, scope.touched, fresh);
  else servers = await loadServersOfDomains(tx, scope.domains);

  // Held and written in bulk after the loop: outcomes of stored servers (with their new facts when this upload gave them
  // some, decision 033), history rows (after the new servers' rows).
  const outcomes: SqlValue[][] = [];
  const factsAndOutcomes: SqlValue[][] = [];
  const evaluations: SqlValue[][] = [];
  const delta = new Map<string, Counts>();
  const bump = (ruleId: string, status: keyof Counts, by: number) => {
    let counts = delta.get(ruleId);
    if (!counts) delta.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 }));
    counts[status] += by;
  };

  // After each batch of servers (a small one first, then up to WRITE_BATCH), the rows evaluated so far are issued and
  // not awaited (decisions 027 and 031): the database inserts them while the next servers are evaluated.
  const queued = new QueuedWrites(tx);
  const issueHeldRows = async () => {
    if (fresh) queued.add(fresh.writeEvaluated());
    if (outcomes.length > 0) queued.add(tx.updateRows("Server", OUTCOME_COLUMNS, "id", outcomes.splice(0)));
    if (factsAndOutcomes.length > 0) queued.add(tx.updateRows("Server", FACTS_AND_OUTCOME_COLUMNS, "id", factsAndOutcomes.splice(0)));
    if (evaluations.length > 0) queued.add(tx.insertRows("Evaluation", EVALUATION_COLUMNS, evaluations.splice(0)));
    await queued.handOver();
  };

  let changed = 0;
  try {
    for (const server of servers) {
      const domain = await shared.get(server.domain);
      let hostResults: readonly RuleResult[] = engine.evaluateHost({ ...domain.ctx, host: server.facts }, (ruleId, error) => console.error(`[rules] ${ruleId} threw`, error));
      let notes: string[] | undefined = shared.notes.get(server.domain);
      if (waivers) {
        const list = waiversForServer(waivers, server.id, server.domain);
        if (list.length > 0) {
          const applied = applyWaivers(hostResults, list, asOf);
          hostResults = applied.results;
          if (applied.lapsed.length > 0) {
            await recordLapses(tx, waivers, applied.lapsed, asOfDate, server.fqdn);
            notes = [...(notes ?? []), ...applied.lapsed.map(lapseNote)];
          }
          for (const miss of applied.uncovered) if (wasWaived(server.statuses, miss.ruleId)) notes = [...(notes ?? []), uncoveredNote(miss)];
        }
      }
      const readiness = rollupWith(hostResults, domain.summary);
      const statuses = encodeStatuses(hostResults, domain.results);
      const blocking = delimitRuleIds(readiness.blockingRuleIds);
      const outcomeChanged = statuses !== server.statuses || readiness.verdict !== server.verdict || blocking !== server.blockingRules;
      const touched = scope.touched.has(server.id);
      if (outcomeChanged) {
        changed++;
        for (const [ruleId, status] of decodeStatuses(server.statuses)) bump(ruleId, status, -1);
        // The same counts as decoding `statuses` (one entry per rule id: host and shared rules are disjoint).
        for (const list of [hostResults, domain.results]) for (const r of list) bump(r.ruleId, r.status, +1);
        for (const ruleId of undelimitRuleIds(server.blockingRules)) bump(ruleId, "blocking", -1);
        for (const ruleId of readiness.blockingRuleIds) bump(ruleId, "blocking", +1);
      }
      if (outcomeChanged || touched || server.rulesetVersion !== engine.rulesetVersion) {
        const outcome: OutcomeValues = [
          readiness.verdict,
          VERDICT_SORT_RANK[readiness.verdict],
          readiness.confidence.stars,
          readiness.confidence.share,
          blocking,
          delimitRuleIds(readiness.conditionRuleIds),
          delimitRuleIds(readiness.unknownRuleIds),
          delimitRuleIds(unknownBlockerIds(hostResults, domain.results)),
          statuses,
          engine.rulesetVersion,
          now,
          now,
          failingRulesOf(statuses),
          waivedRulesOf(statuses),
        ];
        if (fresh?.isPending(server.id)) fresh.insertEvaluated(server.id, outcome);
        else {
          const heldFacts = fresh?.takeHeldFacts(server.id);
          if (heldFacts === undefined) outcomes.push([...outcome, server.id]);
          else factsAndOutcomes.push([...heldFacts, ...outcome, server.id]);
        }
      }
      if (outcomeChanged || touched || notes !== undefined) {
        const note = notes === undefined ? null : notes.join("; ").slice(0, 2_000);
        evaluations.push([newRowId(), server.id, now, engine.rulesetVersion, readiness.verdict, readiness.confidence.stars, statuses, cause, note]);
      }
      if (queued.batchFull()) await issueHeldRows();
      else await queued.keepFlowing();
    }
    await issueHeldRows();
    await queued.drain();
  } catch (error) {
    throw queued.rootCause(error);
  }
  await fresh?.finish();

  await applyRuleSummaryDelta(tx, delta);
  await recordReadinessSnapshot(tx, now, cause);
  await refreshWaveGatesTx(tx, cause, asOfDate);
  return { serversEvaluated: servers.length, serversChanged: changed };
}

const EVALUATION_COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["serverId", "text"],
  ["evaluatedAt", "timestamp"],
  ["rulesetVersion", "text"],
  ["verdict", "text"],
  ["confidenceStars", "int"],
  ["statuses", "text"],
  ["cause", "text"],
  ["note", "text"],
];

/** Fleet-wide verdict counts after this evaluation (the overview's trend chart). */
export async function recordReadinessSnapshot(tx: WriteTx, at: string, cause: string): Promise<void> {
  const counts = Object.fromEntries(
    (await tx.all<{ verdict: string; n: number }>(`SELECT "verdict", CAST(COUNT(*) AS INTEGER) AS n FROM "Server" GROUP BY "verdict"`)).map((row) => [row.verdict, row.n]),
  );
  await tx.run(`INSERT INTO "ReadinessSnapshot" ("id", "at", "ready", "conditions", "notReady", "unknown", "cause") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    newRowId(),
    at,
    counts["ready"] ?? 0,
    counts["ready-with-conditions"] ?? 0,
    counts["not-ready"] ?? 0,
    counts["unknown"] ?? 0,
    cause,
  ]);
}

export async function applyRuleSummaryDelta(tx: WriteTx, delta: ReadonlyMap<string, Counts>): Promise<void> {
  const sql = `INSERT INTO "RuleSummary" ("ruleId", "pass", "fail", "unknown", "waived", "blocking") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT ("ruleId") DO UPDATE SET "pass" = "RuleSummary"."pass" + excluded."pass", "fail" = "RuleSummary"."fail" + excluded."fail",
       "unknown" = "RuleSummary"."unknown" + excluded."unknown", "waived" = "RuleSummary"."waived" + excluded."waived",
       "blocking" = "RuleSummary"."blocking" + excluded."blocking"`;
  for (const [ruleId, counts] of delta) await tx.run(sql, [ruleId, counts.pass, counts.fail, counts.unknown, counts.waived, counts.blocking]);
  await tx.run(`DELETE FROM "RuleSummary" WHERE "pass" = 0 AND "fail" = 0 AND "unknown" = 0 AND "waived" = 0 AND "blocking" = 0`);
}

/** Rebuilds RuleSummary from every server's statuses (maintenance, and the reference the delta is tested against). */
export async function recomputeRuleSummary(tx: WriteTx): Promise<void> {
  const totals = new Map<string, Counts>();
  const countsOf = (ruleId: string) => {
    let counts = totals.get(ruleId);
    if (!counts) totals.set(ruleId, (counts = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 }));
    return counts;
  };
  for (const row of await tx.all<{ statuses: string; blockingRules: string }>(`SELECT "statuses", "blockingRules" FROM "Server"`)) {
    for (const [ruleId, status] of decodeStatuses(row.statuses)) countsOf(ruleId)[status]++;
    for (const ruleId of undelimitRuleIds(row.blockingRules)) countsOf(ruleId).blocking++;
  }
  await tx.run(`DELETE FROM "RuleSummary"`);
  await applyRuleSummaryDelta(tx, totals);
}

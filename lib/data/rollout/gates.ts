import "server-only";
import type Database from "better-sqlite3";
import { type DomainAgentPlan, evaluateWaveGate, type GateOutcome, type GateServer } from "@/lib/readiness";
import { RECOMMENDED_AGENTS } from "@/lib/rules";
import { undelimitIds } from "../ingest/statuses";
import { inWriteTransaction, sqlDate, sqlite } from "../sqlite/connection";

// RAW SQL (SQLite): the go/no-go gate of each wave, from stored results only (no rule runs here). The pure
// decision is lib/readiness/gate.ts; this module gathers its inputs with a few grouped, indexed queries, so
// refreshing every gate costs the same whatever the fleet size. `refreshWaveGatesIn` runs inside the write
// transaction of every evaluation (lib/data/ingest/reevaluate.ts), so a gate never disagrees with the
// verdicts it summarises; rollout changes (membership, status, order) call `refreshWaveGates` after they commit.

/**
 * Members whose stored results stop a gate: a failing blocker, an unknown blocker or an unwaived failing warning.
 * The roll-up makes that exactly "verdict is not ready" (ready = none of the three; lib/readiness/rollup.ts), which
 * the (waveId, rolloutStatus, verdict) index answers without reading the wide rows; gates.test.ts checks the
 * equivalence on the demo fleet.
 */
const PROBLEM = "verdict <> 'ready'";
const COUNTED = "rolloutStatus <> 'excluded'";

interface WaveForGate {
  id: string;
  position: number;
}

/**
 * Agents per domain for each wave of `waves` (all active waves, plus the one asked about when archived):
 * installed anywhere in the domain, plus planned in this and earlier waves of that list.
 */
function agentPlans(db: Database.Database, waves: readonly WaveForGate[], only?: string): Map<string, DomainAgentPlan[]> {
  const installedBy = new Map(
    (
      db
        .prepare("SELECT domain, COUNT(*) AS n FROM Server WHERE domain <> '' AND (agentInstalled = 1 OR rolloutStatus = 'installed') GROUP BY domain")
        .all() as { domain: string; n: number }[]
    ).map((row) => [row.domain, row.n]),
  );
  const position = new Map(waves.map((wave) => [wave.id, wave.position]));
  const planned = db
    .prepare(
      `SELECT waveId, domain, COUNT(*) AS n FROM Server
       WHERE waveId IS NOT NULL AND domain <> '' AND rolloutStatus NOT IN ('installed', 'excluded') AND (agentInstalled IS NULL OR agentInstalled = 0)
       GROUP BY waveId, domain`,
    )
    .all() as { waveId: string; domain: string; n: number }[];
  const plannedBy = new Map<string, { position: number; count: number }[]>();
  for (const row of planned) {
    const at = position.get(row.waveId);
    if (at === undefined) continue;
    const list = plannedBy.get(row.domain) ?? [];
    list.push({ position: at, count: row.n });
    plannedBy.set(row.domain, list);
  }
  const present = (
    only
      ? db.prepare(`SELECT waveId, domain FROM Server WHERE waveId = ? AND ${COUNTED} GROUP BY waveId, domain`).all(only)
      : db.prepare(`SELECT waveId, domain FROM Server WHERE waveId IS NOT NULL AND ${COUNTED} GROUP BY waveId, domain`).all()
  ) as { waveId: string; domain: string }[];
  const plans = new Map<string, DomainAgentPlan[]>();
  for (const row of present) {
    const at = position.get(row.waveId);
    if (at === undefined) continue;
    const count = (plannedBy.get(row.domain) ?? []).reduce((sum, entry) => (entry.position <= at ? sum + entry.count : sum), 0);
    const list = plans.get(row.waveId) ?? [];
    list.push({ domain: row.domain, installed: installedBy.get(row.domain) ?? 0, planned: count });
    plans.set(row.waveId, list);
  }
  return plans;
}

type WaveGateRow = { id: string; position: number; gateStatus: string; gateBlockers: number; gateSummary: string };

/**
 * Recomputes the gate of every active wave inside the caller's write transaction and stores status, blocker
 * count and summary. When a gate flips, gateChangedAt and gateChangeCause record when and why (`cause` uses
 * the evaluation-cause vocabulary: "upload:<id>", "waiver:<id>", "rollout:<fqdn>", …).
 */
export function refreshWaveGatesIn(db: Database.Database, cause: string, now: Date): { waves: number; flipped: number } {
  const waves = db.prepare("SELECT id, position, gateStatus, gateBlockers, gateSummary FROM Wave WHERE archivedAt IS NULL").all() as WaveGateRow[];
  if (waves.length === 0) return { waves: 0, flipped: 0 };
  const members = new Map(
    (db.prepare(`SELECT waveId, COUNT(*) AS n FROM Server WHERE waveId IS NOT NULL AND ${COUNTED} GROUP BY waveId`).all() as { waveId: string; n: number }[]).map((r) => [r.waveId, r.n]),
  );
  const problems = new Map(
    (db.prepare(`SELECT waveId, COUNT(*) AS n FROM Server WHERE waveId IS NOT NULL AND ${COUNTED} AND ${PROBLEM} GROUP BY waveId`).all() as { waveId: string; n: number }[]).map((r) => [
      r.waveId,
      r.n,
    ]),
  );
  const plans = agentPlans(db, waves);
  const at = sqlDate(now);
  const update = db.prepare("UPDATE Wave SET gateStatus = ?, gateBlockers = ?, gateSummary = ?, gateComputedAt = ? WHERE id = ?");
  const flip = db.prepare("UPDATE Wave SET gateChangedAt = ?, gateChangeCause = ? WHERE id = ?");
  let flipped = 0;
  for (const wave of waves) {
    const outcome = evaluateWaveGate({
      memberCount: members.get(wave.id) ?? 0,
      problemServers: [],
      problemServerCount: problems.get(wave.id) ?? 0,
      domains: plans.get(wave.id) ?? [],
      recommendedAgents: RECOMMENDED_AGENTS,
    });
    const statusChanged = outcome.status !== wave.gateStatus;
    if (statusChanged || outcome.blockerCount !== wave.gateBlockers || outcome.summary !== wave.gateSummary) {
      update.run(outcome.status, outcome.blockerCount, outcome.summary, at, wave.id);
    }
    if (statusChanged) {
      flipped++;
      flip.run(at, cause.slice(0, 300), wave.id);
    }
  }
  return { waves: waves.length, flipped };
}

/** After a rollout change committed (membership, status, order, archive): recompute every gate in its own transaction. */
export async function refreshWaveGates(cause: string, now = new Date()): Promise<{ waves: number; flipped: number }> {
  return inWriteTransaction((db) => refreshWaveGatesIn(db, cause, now));
}

export interface WaveGateDetail extends GateOutcome {
  /** Members with at least one waived result (accepted risks): they do not stop the gate, and are reported. */
  waivedServers: number;
  /** True when `blockers` lists only the first `limit` problem servers. */
  truncated: boolean;
}

type ProblemRow = { fqdn: string; name: string; domain: string; blockingRules: string; conditionRules: string; unknownBlockers: string };

function toGateServer(row: ProblemRow): GateServer {
  return {
    fqdn: row.fqdn,
    name: row.name,
    domain: row.domain,
    blockingRuleIds: undelimitIds(row.blockingRules),
    conditionRuleIds: undelimitIds(row.conditionRules),
    unknownBlockerIds: undelimitIds(row.unknownBlockers),
  };
}

/** The full gate of one wave with its blockers (server, rule, issue), from stored results. Null for an unknown wave. */
export function getWaveGate(waveId: string, limit = 1_000): WaveGateDetail | null {
  const db = sqlite();
  const read = db.transaction(() => {
    const wave = db.prepare("SELECT id, position, archivedAt FROM Wave WHERE id = ?").get(waveId) as { id: string; position: number; archivedAt: string | null } | undefined;
    if (!wave) return null;
    const active = db.prepare("SELECT id, position FROM Wave WHERE archivedAt IS NULL").all() as WaveForGate[];
    if (wave.archivedAt) active.push({ id: wave.id, position: wave.position });
    const memberCount = (db.prepare(`SELECT COUNT(*) AS n FROM Server WHERE waveId = ? AND ${COUNTED}`).get(waveId) as { n: number }).n;
    const problemCount = (db.prepare(`SELECT COUNT(*) AS n FROM Server WHERE waveId = ? AND ${COUNTED} AND ${PROBLEM}`).get(waveId) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT fqdn, name, domain, blockingRules, conditionRules, unknownBlockers FROM Server
         WHERE waveId = ? AND ${COUNTED} AND ${PROBLEM} ORDER BY verdictRank, name, fqdn LIMIT ?`,
      )
      .all(waveId, limit) as ProblemRow[];
    const waived = (db.prepare(`SELECT COUNT(*) AS n FROM Server WHERE waveId = ? AND ${COUNTED} AND (statuses LIKE '%:w,%' OR statuses LIKE '%:w')`).get(waveId) as { n: number }).n;
    const outcome = evaluateWaveGate({
      memberCount,
      problemServers: rows.map(toGateServer),
      problemServerCount: problemCount,
      domains: agentPlans(db, active, waveId).get(waveId) ?? [],
      recommendedAgents: RECOMMENDED_AGENTS,
    });
    return { ...outcome, waivedServers: waived, truncated: problemCount > rows.length };
  });
  return read.deferred();
}

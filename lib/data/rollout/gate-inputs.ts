import { type DomainAgentPlan, evaluateWaveGate, type GateOutcome, type GateServer } from "@/lib/readiness";
import { RECOMMENDED_AGENTS } from "@/lib/rules";
import { undelimitRuleIds } from "../ingest/statuses";

// The database-independent half of the wave gates (lib/data/rollout/gates.ts): the rows each implementation
// (lib/data/sqlite/gates.ts, lib/data/postgres/gates.ts) reads with a few grouped, indexed queries, and what is
// computed from them. The pure decision is lib/readiness/gate.ts.

/**
 * Members whose stored results stop a gate: a failing blocker, an unknown blocker or an unwaived failing warning.
 * The roll-up makes that exactly "verdict is not ready" (ready = none of the three; lib/readiness/rollup.ts), which
 * the (waveId, rolloutStatus, verdict) index answers without reading the wide rows; gates.test.ts checks the
 * equivalence on the demo fleet. Portable SQL (quoted identifiers work on SQLite and PostgreSQL).
 */
export const PROBLEM = `"verdict" <> 'ready'`;
export const COUNTED = `"rolloutStatus" <> 'excluded'`;

export interface WaveForGate {
  id: string;
  position: number;
}

export type WaveGateRow = { id: string; position: number; gateStatus: string; gateBlockers: number; gateSummary: string };

/** What agentPlans needs: agents installed per domain, planned per wave and domain, and the (wave, domain) pairs present. */
export interface AgentRows {
  installed: { domain: string; n: number }[];
  planned: { waveId: string; domain: string; n: number }[];
  present: { waveId: string; domain: string }[];
}

/**
 * Agents per domain for each wave of `waves` (all active waves, plus the one asked about when archived):
 * installed anywhere in the domain, plus planned in this and earlier waves of that list.
 */
export function agentPlans(rows: AgentRows, waves: readonly WaveForGate[]): Map<string, DomainAgentPlan[]> {
  const installedBy = new Map(rows.installed.map((row) => [row.domain, Number(row.n)]));
  const position = new Map(waves.map((wave) => [wave.id, wave.position]));
  const plannedBy = new Map<string, { position: number; count: number }[]>();
  for (const row of rows.planned) {
    const at = position.get(row.waveId);
    if (at === undefined) continue;
    const list = plannedBy.get(row.domain) ?? [];
    list.push({ position: at, count: Number(row.n) });
    plannedBy.set(row.domain, list);
  }
  const plans = new Map<string, DomainAgentPlan[]>();
  for (const row of rows.present) {
    const at = position.get(row.waveId);
    if (at === undefined) continue;
    const count = (plannedBy.get(row.domain) ?? []).reduce((sum, entry) => (entry.position <= at ? sum + entry.count : sum), 0);
    const list = plans.get(row.waveId) ?? [];
    list.push({ domain: row.domain, installed: installedBy.get(row.domain) ?? 0, planned: count });
    plans.set(row.waveId, list);
  }
  return plans;
}

/** The SQL of AgentRows (portable); `only` restricts `present` to one wave. */
export const AGENT_SQL = {
  installed: `SELECT "domain", COUNT(*) AS n FROM "Server" WHERE "domain" <> '' AND ("agentInstalled" = TRUE OR "rolloutStatus" = 'installed') GROUP BY "domain"`,
  planned: `SELECT "waveId", "domain", COUNT(*) AS n FROM "Server"
       WHERE "waveId" IS NOT NULL AND "domain" <> '' AND "rolloutStatus" NOT IN ('installed', 'excluded') AND ("agentInstalled" IS NULL OR "agentInstalled" = FALSE)
       GROUP BY "waveId", "domain"`,
  presentAll: `SELECT "waveId", "domain" FROM "Server" WHERE "waveId" IS NOT NULL AND ${COUNTED} GROUP BY "waveId", "domain"`,
  presentOne: `SELECT "waveId", "domain" FROM "Server" WHERE "waveId" = ? AND ${COUNTED} GROUP BY "waveId", "domain"`,
} as const;

/** The SQL of a refresh (portable). */
export const REFRESH_SQL = {
  waves: `SELECT "id", "position", "gateStatus", "gateBlockers", "gateSummary" FROM "Wave" WHERE "archivedAt" IS NULL`,
  members: `SELECT "waveId", COUNT(*) AS n FROM "Server" WHERE "waveId" IS NOT NULL AND ${COUNTED} GROUP BY "waveId"`,
  problems: `SELECT "waveId", COUNT(*) AS n FROM "Server" WHERE "waveId" IS NOT NULL AND ${COUNTED} AND ${PROBLEM} GROUP BY "waveId"`,
  update: `UPDATE "Wave" SET "gateStatus" = ?, "gateBlockers" = ?, "gateSummary" = ?, "gateComputedAt" = ? WHERE "id" = ?`,
  flip: `UPDATE "Wave" SET "gateChangedAt" = ?, "gateChangeCause" = ? WHERE "id" = ?`,
} as const;

/** The SQL of one wave's full gate (portable). */
export const DETAIL_SQL = {
  wave: `SELECT "id", "position", "archivedAt" FROM "Wave" WHERE "id" = ?`,
  active: `SELECT "id", "position" FROM "Wave" WHERE "archivedAt" IS NULL`,
  members: `SELECT COUNT(*) AS n FROM "Server" WHERE "waveId" = ? AND ${COUNTED}`,
  problems: `SELECT COUNT(*) AS n FROM "Server" WHERE "waveId" = ? AND ${COUNTED} AND ${PROBLEM}`,
  problemRows: `SELECT "fqdn", "name", "domain", "blockingRules", "conditionRules", "unknownBlockers" FROM "Server"
         WHERE "waveId" = ? AND ${COUNTED} AND ${PROBLEM} ORDER BY "verdictRank", "name", "fqdn" LIMIT ?`,
  /** Members with a waived result: from the wave index that covers `waivedRules` (decision 029), not from every row. */
  waived: `SELECT COUNT(*) AS n FROM "Server" WHERE "waveId" = ? AND ${COUNTED} AND "waivedRules" <> ''`,
} as const;

/** A wave's stored gate to write, and whether its status flipped. */
export interface GateWrite {
  id: string;
  outcome: GateOutcome;
  write: boolean;
  flipped: boolean;
}

/** The gates of every active wave from the counts (the refresh's pure half). */
export function gateWrites(
  waves: readonly WaveGateRow[],
  members: readonly { waveId: string; n: number }[],
  problems: readonly { waveId: string; n: number }[],
  plans: Map<string, DomainAgentPlan[]>,
): GateWrite[] {
  const memberBy = new Map(members.map((r) => [r.waveId, Number(r.n)]));
  const problemBy = new Map(problems.map((r) => [r.waveId, Number(r.n)]));
  return waves.map((wave) => {
    const outcome = evaluateWaveGate({
      memberCount: memberBy.get(wave.id) ?? 0,
      problemServers: [],
      problemServerCount: problemBy.get(wave.id) ?? 0,
      domains: plans.get(wave.id) ?? [],
      recommendedAgents: RECOMMENDED_AGENTS,
    });
    const flipped = outcome.status !== wave.gateStatus;
    return { id: wave.id, outcome, flipped, write: flipped || outcome.blockerCount !== Number(wave.gateBlockers) || outcome.summary !== wave.gateSummary };
  });
}

export interface WaveGateDetail extends GateOutcome {
  /** Members with at least one waived result (accepted risks): they do not stop the gate, and are reported. */
  waivedServers: number;
  /** True when `blockers` lists only the first `limit` problem servers. */
  truncated: boolean;
}

export type ProblemRow = { fqdn: string; name: string; domain: string; blockingRules: string; conditionRules: string; unknownBlockers: string };

function toGateServer(row: ProblemRow): GateServer {
  return {
    fqdn: row.fqdn,
    name: row.name,
    domain: row.domain,
    blockingRuleIds: undelimitRuleIds(row.blockingRules),
    conditionRuleIds: undelimitRuleIds(row.conditionRules),
    unknownBlockerIds: undelimitRuleIds(row.unknownBlockers),
  };
}

/** One wave's full gate from its rows (the detail's pure half). */
export function gateDetail(
  waveId: string,
  counts: { members: number; problems: number; waived: number },
  rows: readonly ProblemRow[],
  agents: AgentRows,
  waves: readonly WaveForGate[],
): WaveGateDetail {
  const outcome = evaluateWaveGate({
    memberCount: Number(counts.members),
    problemServers: rows.map(toGateServer),
    problemServerCount: Number(counts.problems),
    domains: agentPlans(agents, waves).get(waveId) ?? [],
    recommendedAgents: RECOMMENDED_AGENTS,
  });
  return { ...outcome, waivedServers: Number(counts.waived), truncated: Number(counts.problems) > rows.length };
}

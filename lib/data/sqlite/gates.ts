import "server-only";
import type Database from "better-sqlite3";
import { AGENT_SQL, type AgentRows, DETAIL_SQL, gateDetail, type ProblemRow, type WaveForGate, type WaveGateDetail } from "../rollout/gate-inputs";
import { sqlite } from "./connection";

// RAW SQL (SQLite): one wave's full gate (lib/data/rollout/gates.ts; the refresh is portable and lives there).

function agentRows(db: Database.Database, only?: string): AgentRows {
  return {
    installed: db.prepare(AGENT_SQL.installed).all() as AgentRows["installed"],
    planned: db.prepare(AGENT_SQL.planned).all() as AgentRows["planned"],
    present: (only ? db.prepare(AGENT_SQL.presentOne).all(only) : db.prepare(AGENT_SQL.presentAll).all()) as AgentRows["present"],
  };
}

/** One wave's full gate, read in one (deferred) transaction so its counts agree. */
export async function getWaveGate(waveId: string, limit: number): Promise<WaveGateDetail | null> {
  const db = sqlite();
  const read = db.transaction(() => {
    const wave = db.prepare(DETAIL_SQL.wave).get(waveId) as { id: string; position: number; archivedAt: string | null } | undefined;
    if (!wave) return null;
    const active = db.prepare(DETAIL_SQL.active).all() as WaveForGate[];
    if (wave.archivedAt) active.push({ id: wave.id, position: wave.position });
    const members = (db.prepare(DETAIL_SQL.members).get(waveId) as { n: number }).n;
    const problems = (db.prepare(DETAIL_SQL.problems).get(waveId) as { n: number }).n;
    const rows = db.prepare(DETAIL_SQL.problemRows).all(waveId, limit) as ProblemRow[];
    const waived = (db.prepare(DETAIL_SQL.waived).get(waveId) as { n: number }).n;
    return gateDetail(waveId, { members, problems, waived }, rows, agentRows(db, waveId), active);
  });
  return read.deferred();
}

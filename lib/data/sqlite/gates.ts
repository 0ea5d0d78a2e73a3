import "server-only";
import type Database from "better-sqlite3";
import { AGENT_SQL, type AgentRows, agentPlans, DETAIL_SQL, gateDetail, gateWrites, type ProblemRow, REFRESH_SQL, type WaveForGate, type WaveGateDetail, type WaveGateRow } from "../rollout/gate-inputs";
import { inWriteTransaction, sqlDate, sqlite } from "./connection";

// RAW SQL (SQLite): the wave gates (lib/data/rollout/gates.ts). `refreshWaveGatesIn` runs inside the write transaction
// of every evaluation (lib/data/ingest/reevaluate.ts), so a gate never disagrees with the verdicts it summarises.

function agentRows(db: Database.Database, only?: string): AgentRows {
  return {
    installed: db.prepare(AGENT_SQL.installed).all() as AgentRows["installed"],
    planned: db.prepare(AGENT_SQL.planned).all() as AgentRows["planned"],
    present: (only ? db.prepare(AGENT_SQL.presentOne).all(only) : db.prepare(AGENT_SQL.presentAll).all()) as AgentRows["present"],
  };
}

/** Recomputes and stores the gate of every active wave inside the caller's write transaction. */
export function refreshWaveGatesIn(db: Database.Database, cause: string, now: Date): { waves: number; flipped: number } {
  const waves = db.prepare(REFRESH_SQL.waves).all() as WaveGateRow[];
  if (waves.length === 0) return { waves: 0, flipped: 0 };
  const members = db.prepare(REFRESH_SQL.members).all() as { waveId: string; n: number }[];
  const problems = db.prepare(REFRESH_SQL.problems).all() as { waveId: string; n: number }[];
  const writes = gateWrites(waves, members, problems, agentPlans(agentRows(db), waves));
  const at = sqlDate(now);
  const update = db.prepare(REFRESH_SQL.update);
  const flip = db.prepare(REFRESH_SQL.flip);
  let flipped = 0;
  for (const { id, outcome, write, flipped: didFlip } of writes) {
    if (write) update.run(outcome.status, outcome.blockerCount, outcome.summary, at, id);
    if (didFlip) {
      flipped++;
      flip.run(at, cause.slice(0, 300), id);
    }
  }
  return { waves: waves.length, flipped };
}

export async function refreshWaveGates(cause: string, now: Date): Promise<{ waves: number; flipped: number }> {
  return inWriteTransaction((db) => refreshWaveGatesIn(db, cause, now));
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

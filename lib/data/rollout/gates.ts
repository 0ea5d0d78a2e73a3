import "server-only";
import { sqlDate } from "../sqlite/connection";
import { sqlJobs } from "../sql-jobs";
import { inWriteTx, type WriteTx } from "../write-tx";
import { AGENT_SQL, type AgentRows, agentPlans, gateWrites, REFRESH_SQL, type WaveGateRow } from "./gate-inputs";

// The go/no-go gate of each wave, from stored results only (no rule runs here). The pure decision is
// lib/readiness/gate.ts; lib/data/rollout/gate-inputs.ts gathers its inputs' shape and computes from the rows that
// a few grouped, indexed queries read (portable SQL), so refreshing every gate costs the same whatever the fleet size.
// `refreshWaveGatesTx` runs inside the write transaction of every evaluation (lib/data/ingest/reevaluate.ts), so a
// gate never disagrees with the verdicts it summarises; rollout changes (membership, status, order) call
// `refreshWaveGates` after they commit, which takes the same write transaction (on PostgreSQL: the same evaluation
// lock, so two instances refreshing at once write one after the other). One wave's detail is read per database
// (lib/data/sqlite/gates.ts, lib/data/postgres/gates.ts: one consistent read transaction).

export type { WaveGateDetail } from "./gate-inputs";

/** Recomputes and stores the gate of every active wave inside the caller's write transaction. */
export async function refreshWaveGatesTx(tx: WriteTx, cause: string, now: Date): Promise<{ waves: number; flipped: number }> {
  const waves = await tx.all<WaveGateRow>(REFRESH_SQL.waves);
  if (waves.length === 0) return { waves: 0, flipped: 0 };
  const members = await tx.all<{ waveId: string; n: number }>(REFRESH_SQL.members);
  const problems = await tx.all<{ waveId: string; n: number }>(REFRESH_SQL.problems);
  const agents: AgentRows = {
    installed: await tx.all(AGENT_SQL.installed),
    planned: await tx.all(AGENT_SQL.planned),
    present: await tx.all(AGENT_SQL.presentAll),
  };
  const writes = gateWrites(waves, members, problems, agentPlans(agents, waves));
  const at = sqlDate(now);
  let flipped = 0;
  for (const { id, outcome, write, flipped: didFlip } of writes) {
    if (write) await tx.run(REFRESH_SQL.update, [outcome.status, outcome.blockerCount, outcome.summary, at, id]);
    if (didFlip) {
      flipped++;
      await tx.run(REFRESH_SQL.flip, [at, cause.slice(0, 300), id]);
    }
  }
  return { waves: waves.length, flipped };
}

/** After a rollout change committed (membership, status, order, archive): recompute every gate in its own transaction. */
export function refreshWaveGates(cause: string, now = new Date()): Promise<{ waves: number; flipped: number }> {
  return inWriteTx((tx) => refreshWaveGatesTx(tx, cause, now));
}

/** The full gate of one wave with its blockers (server, rule, issue), from stored results. Null for an unknown wave. */
export function getWaveGate(waveId: string, limit = 1_000) {
  return sqlJobs().gates.detail(waveId, limit);
}

import "server-only";
import { sqlJobs } from "../sql-jobs";

// The go/no-go gate of each wave, from stored results only (no rule runs here). The pure decision is
// lib/readiness/gate.ts; lib/data/rollout/gate-inputs.ts gathers its inputs' shape and computes from the rows that
// lib/data/sqlite/gates.ts and lib/data/postgres/gates.ts read with a few grouped, indexed queries, so refreshing
// every gate costs the same whatever the fleet size. `refreshWaveGatesIn` (SQLite) runs inside the write transaction
// of every evaluation (lib/data/ingest/reevaluate.ts), so a gate never disagrees with the verdicts it summarises;
// rollout changes (membership, status, order) call `refreshWaveGates` after they commit.

export { refreshWaveGatesIn } from "../sqlite/gates";
export type { WaveGateDetail } from "./gate-inputs";

/** After a rollout change committed (membership, status, order, archive): recompute every gate in its own transaction. */
export function refreshWaveGates(cause: string, now = new Date()): Promise<{ waves: number; flipped: number }> {
  return sqlJobs().gates.refresh(cause, now);
}

/** The full gate of one wave with its blockers (server, rule, issue), from stored results. Null for an unknown wave. */
export function getWaveGate(waveId: string, limit = 1_000) {
  return sqlJobs().gates.detail(waveId, limit);
}

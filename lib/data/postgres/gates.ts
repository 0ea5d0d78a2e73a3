import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { AGENT_SQL, type AgentRows, agentPlans, DETAIL_SQL, gateDetail, gateWrites, type ProblemRow, REFRESH_SQL, type WaveForGate, type WaveGateDetail, type WaveGateRow } from "../rollout/gate-inputs";
import { numbered } from "./sql";

// RAW SQL (PostgreSQL): the wave gates (lib/data/rollout/gates.ts), the same portable queries as SQLite's with numbered
// placeholders. A refresh runs in one transaction that first takes a transaction-scoped advisory lock, so two instances
// refreshing at once write one after the other (the second computes from what the first committed) instead of
// interleaving their flips; the detail reads in one REPEATABLE READ transaction so its counts agree.

const GATE_LOCK = 1_507_010;

type Tx = Prisma.TransactionClient;

async function all<T>(tx: Tx, sql: string, ...params: unknown[]): Promise<T[]> {
  return tx.$queryRawUnsafe<T[]>(numbered(sql), ...params);
}

async function agentRows(tx: Tx, only?: string): Promise<AgentRows> {
  return {
    installed: await all(tx, AGENT_SQL.installed),
    planned: await all(tx, AGENT_SQL.planned),
    present: only ? await all(tx, AGENT_SQL.presentOne, only) : await all(tx, AGENT_SQL.presentAll),
  };
}

export async function refreshWaveGates(cause: string, now: Date): Promise<{ waves: number; flipped: number }> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock($1)", GATE_LOCK);
      const waves = await all<WaveGateRow>(tx, REFRESH_SQL.waves);
      if (waves.length === 0) return { waves: 0, flipped: 0 };
      const members = await all<{ waveId: string; n: number }>(tx, REFRESH_SQL.members);
      const problems = await all<{ waveId: string; n: number }>(tx, REFRESH_SQL.problems);
      const writes = gateWrites(waves, members, problems, agentPlans(await agentRows(tx), waves));
      let flipped = 0;
      for (const { id, outcome, write, flipped: didFlip } of writes) {
        if (write) await tx.$executeRawUnsafe(numbered(REFRESH_SQL.update), outcome.status, outcome.blockerCount, outcome.summary, now, id);
        if (didFlip) {
          flipped++;
          await tx.$executeRawUnsafe(numbered(REFRESH_SQL.flip), now, cause.slice(0, 300), id);
        }
      }
      return { waves: waves.length, flipped };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

export async function getWaveGate(waveId: string, limit: number): Promise<WaveGateDetail | null> {
  return db().$transaction(
    async (tx) => {
      const [wave] = await all<{ id: string; position: number; archivedAt: Date | null }>(tx, DETAIL_SQL.wave, waveId);
      if (!wave) return null;
      const active = await all<WaveForGate>(tx, DETAIL_SQL.active);
      if (wave.archivedAt) active.push({ id: wave.id, position: wave.position });
      const [members] = await all<{ n: number }>(tx, DETAIL_SQL.members, waveId);
      const [problems] = await all<{ n: number }>(tx, DETAIL_SQL.problems, waveId);
      const rows = await all<ProblemRow>(tx, DETAIL_SQL.problemRows, waveId, limit);
      const [waived] = await all<{ n: number }>(tx, DETAIL_SQL.waived, waveId);
      return gateDetail(waveId, { members: members.n, problems: problems.n, waived: waived.n }, rows, await agentRows(tx, waveId), active);
    },
    // The client is typed as SQLite's, whose only level is Serializable; PostgreSQL's client accepts RepeatableRead.
    { isolationLevel: "RepeatableRead" as unknown as "Serializable", timeout: 60_000 },
  );
}

import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { AGENT_SQL, type AgentRows, DETAIL_SQL, gateDetail, type ProblemRow, type WaveForGate, type WaveGateDetail } from "../rollout/gate-inputs";
import { numbered } from "./sql";

// RAW SQL (PostgreSQL): one wave's full gate (lib/data/rollout/gates.ts), the same portable queries as SQLite's with
// numbered placeholders, read in one REPEATABLE READ transaction so its counts agree. (The refresh is portable SQL in
// lib/data/rollout/gates.ts, inside the evaluation write transaction.)

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

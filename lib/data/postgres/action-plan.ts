import "server-only";
import { db } from "../db";
import type { PlanServerRow } from "../sql-jobs";

// RAW SQL (PostgreSQL): the action plan's reads (lib/data/action-plan.ts).

export async function readServers(domain: string | null): Promise<PlanServerRow[]> {
  const select = 'SELECT "id", "domain", "site", "blockingRules", "conditionRules", "unknownBlockers" FROM "Server"';
  return domain === null
    ? db().$queryRawUnsafe<PlanServerRow[]>(`${select} ORDER BY "id"`)
    : db().$queryRawUnsafe<PlanServerRow[]>(`${select} WHERE "domain" = $1 ORDER BY "id"`, domain);
}

/**
 * Changes with every evaluation, on every instance: PostgreSQL has no rowid, so the number of ReadinessSnapshot rows
 * (never deleted; one per evaluation, written in its transaction) with the newest id. A small table: one row per
 * evaluation, not per server.
 */
export async function evaluationVersion(): Promise<string> {
  const [row] = await db().$queryRawUnsafe<{ n: number; id: string | null }[]>('SELECT COUNT(*)::int AS n, MAX("id") AS id FROM "ReadinessSnapshot"');
  return row && Number(row.n) > 0 ? `${row.n}:${row.id}` : "none";
}

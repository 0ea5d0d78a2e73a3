import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PATCH_COLUMN_TYPES, patchBatches, type PatchBatch } from "../rollout/write-patches";

// RAW SQL (PostgreSQL), inside the Prisma transaction: one UPDATE … FROM (VALUES …) per 400 servers, as on SQLite.
// VALUES parameters carry explicit casts (PostgreSQL would type them text), and each column comes with a "set" flag.

async function writeBatch(tx: Prisma.TransactionClient, { rows, columns }: PatchBatch, actorName: string, now: Date): Promise<void> {
  const names = ["id", ...columns.flatMap((column) => [`set_${column}`, `v_${column}`])];
  const assignments = columns.map((column) => `"${column}" = CASE WHEN v."set_${column}" THEN v."v_${column}" ELSE s."${column}" END`);
  const params: unknown[] = [];
  const tuples: string[] = [];
  const next = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  for (const { id, data } of rows) {
    const cells = [next(id, "text")];
    for (const column of columns) {
      const set = column in data;
      const value = set ? (data as Record<string, unknown>)[column] : null;
      cells.push(next(set, "boolean"), next(value ?? null, PATCH_COLUMN_TYPES[column]));
    }
    tuples.push(`(${cells.join(", ")})`);
  }
  const at = next(now, "timestamp(3)");
  const by = next(actorName, "text");
  await tx.$executeRawUnsafe(
    `UPDATE "Server" AS s SET ${[...assignments, `"rolloutVersion" = s."rolloutVersion" + 1`, `"rolloutUpdatedAt" = ${at}`, `"rolloutUpdatedBy" = ${by}`].join(", ")}
       FROM (VALUES ${tuples.join(", ")}) AS v(${names.map((name) => `"${name}"`).join(", ")})
       WHERE s."id" = v."id"`,
    ...params,
  );
}

export async function writePatches(tx: Prisma.TransactionClient, updates: Parameters<typeof patchBatches>[0], actorName: string, now: Date): Promise<void> {
  for (const batch of patchBatches(updates)) await writeBatch(tx, batch, actorName, now);
}

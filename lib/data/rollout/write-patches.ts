import "server-only";
import type { AuditActor } from "@/lib/audit/entry";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sqlJobs } from "../sql-jobs";
import type { planRolloutChange } from "./server-rollout";

// Writes many servers' rollout changes in a few statements inside a Prisma transaction (bulk changes and plan
// imports). The columns each row sets come from planRolloutChange. RAW SQL in lib/data/sqlite/rollout-patches.ts and
// lib/data/postgres/rollout-patches.ts.

export type ServerPatch = NonNullable<ReturnType<typeof planRolloutChange>>["data"];

/** Columns a change may set (planRolloutChange decides which) with their PostgreSQL types; version, updatedAt and updatedBy are set on every changed row. */
export const PATCH_COLUMN_TYPES = {
  waveId: "text",
  rolloutStatus: "text",
  rolloutStatusSource: "text",
  rolloutDetectedUploadId: "text",
  rolloutInstalledAt: "timestamp(3)",
  rolloutOwner: "text",
  rolloutTargetDate: "text",
  rolloutNote: "text",
} as const;
type PatchColumn = keyof typeof PATCH_COLUMN_TYPES;
const PATCH_COLUMNS = Object.keys(PATCH_COLUMN_TYPES) as PatchColumn[];
const ALWAYS_SET = new Set(["rolloutVersion", "rolloutUpdatedAt", "rolloutUpdatedBy"]);
const ROWS_PER_STATEMENT = 400;

export interface PatchBatch {
  rows: readonly { id: string; data: ServerPatch }[];
  /** Only the columns some row of the batch sets are assigned: the database then leaves the other columns' indexes alone. */
  columns: PatchColumn[];
}

/** The updates in batches of 400 with the columns each batch sets; refuses a column it does not know. */
export function patchBatches(updates: readonly { id: string; data: ServerPatch }[]): PatchBatch[] {
  const batches: PatchBatch[] = [];
  for (let i = 0; i < updates.length; i += ROWS_PER_STATEMENT) {
    const rows = updates.slice(i, i + ROWS_PER_STATEMENT);
    const used = new Set<string>();
    for (const { data } of rows) {
      const unknown = Object.keys(data).filter((key) => !ALWAYS_SET.has(key) && !(PATCH_COLUMNS as readonly string[]).includes(key));
      // planRolloutChange learnt a new column: refuse loudly rather than drop it (add it to PATCH_COLUMN_TYPES).
      if (unknown.length > 0) throw new Error(`Rollout patches do not write ${unknown.join(", ")}.`);
      for (const key of Object.keys(data)) used.add(key);
    }
    batches.push({ rows, columns: PATCH_COLUMNS.filter((column) => used.has(column)) });
  }
  return batches;
}

export async function writeServerPatches(tx: Prisma.TransactionClient, updates: readonly { id: string; data: ServerPatch }[], actor: AuditActor, now: Date): Promise<void> {
  await sqlJobs().rolloutPatches.write(tx, updates, actor.name, now);
}

import "server-only";
import { databaseKind, type DatabaseKind } from "./database-kind";
import { db } from "./db";
import { migrationState, type MigrationState } from "./schema-state";

export type DatabaseHealth =
  | { ok: true; kind: DatabaseKind; migrations: MigrationState & { upToDate: boolean } }
  | { ok: false; kind: DatabaseKind; error: string };

/**
 * Whether the database answers, which one it is, and its migration state. Never throws: a database that is down
 * (a PostgreSQL restart) gives ok: false with a short reason; the next call tries again (the pool reconnects).
 */
export async function checkDatabase(): Promise<DatabaseHealth> {
  const kind = databaseKind();
  try {
    await db().$queryRawUnsafe("SELECT 1"); // RAW SQL: portable (SQLite and PostgreSQL)
    const migrations = await migrationState();
    return { ok: true, kind, migrations: { ...migrations, upToDate: migrations.pending.length === 0 && migrations.failed.length === 0 } };
  } catch (error) {
    console.error("[health] database check failed", error);
    return { ok: false, kind, error: describe(error) };
  }
}

function describe(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n").find((line) => line.trim() !== "") ?? "unknown error";
  return `database unavailable${code ? ` (${code})` : ""}: ${firstLine.slice(0, 200)}`;
}

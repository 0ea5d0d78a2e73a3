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

/** The driver's reason (Prisma wraps it: "Invalid `prisma.$queryRawUnsafe()` invocation: … <reason>"), one line. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !/^Invalid `.*` invocation:?$/.test(line));
  return `database unavailable: ${(lines.at(-1) ?? "unknown error").slice(0, 300)}`;
}

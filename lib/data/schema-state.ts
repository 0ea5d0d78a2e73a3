import "server-only";
import { env } from "@/lib/env";
import { databaseKind } from "./database-kind";
import { db } from "./db";
import { DEFAULT_MIGRATIONS_DIR, applyMigrations, listMigrations } from "./migrations/apply-migrations.mjs";
import { DEFAULT_POSTGRES_MIGRATIONS_DIR, applyPostgresMigrations } from "./migrations/apply-postgres-migrations.mjs";

// Applying and reporting the committed migrations of whichever database DATABASE_URL names (decision 020).

export type MigrationState = { applied: number; pending: string[]; failed: string[] };

function migrationsDir(): string {
  return databaseKind() === "postgres" ? DEFAULT_POSTGRES_MIGRATIONS_DIR : DEFAULT_MIGRATIONS_DIR;
}

/**
 * Applies pending migrations at start and returns the names applied. SQLite: the embedded migrator (exclusive lock).
 * PostgreSQL: under Prisma's advisory lock, so instances starting together migrate once.
 */
export async function migrateDatabase(log: (line: string) => void = () => {}): Promise<string[]> {
  const { DATABASE_URL: url } = env();
  if (databaseKind() === "postgres") return applyPostgresMigrations({ url, log });
  return applyMigrations({ url, log });
}

const committedNames = new Map<string, string[]>();

/** The committed migration names (read once per folder and process: the folder does not change under a running server). */
function committedMigrations(): string[] {
  const dir = migrationsDir();
  let names = committedNames.get(dir);
  if (names === undefined) {
    names = listMigrations(dir).map((m) => m.name);
    committedNames.set(dir, names);
  }
  return names;
}

type HistoryRow = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };

/** The committed migrations against the database's `_prisma_migrations` (portable SQL; throws when the database is down). */
export async function migrationState(): Promise<MigrationState> {
  const committed = committedMigrations();
  const [{ present }] = await db().$queryRawUnsafe<{ present: number | boolean | bigint }[]>(
    // RAW SQL: portable (the catalogs differ, so ask each for the table in one expression).
    databaseKind() === "postgres"
      ? `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`
      : `SELECT COUNT(*) AS present FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
  );
  if (!Number(present)) return { applied: 0, pending: committed, failed: [] };
  // RAW SQL: portable (SQLite and PostgreSQL).
  const rows = await db().$queryRawUnsafe<HistoryRow[]>('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"');
  const live = rows.filter((r) => r.rolled_back_at === null);
  const done = new Set(live.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  return {
    applied: committed.filter((name) => done.has(name)).length,
    pending: committed.filter((name) => !done.has(name) && !failed.includes(name)),
    failed,
  };
}

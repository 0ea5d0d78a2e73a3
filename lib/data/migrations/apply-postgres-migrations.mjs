// Applies the committed PostgreSQL migrations (prisma/postgresql/migrations, derived from the one schema: decision 019)
// when a server instance starts with DATABASE_URL=postgresql://… (docs/decisions/020-postgresql-runtime.md).
//
// Like Prisma's own engine (prisma-engines, sql-schema-connector, postgres flavour):
// - it holds the session-level advisory lock Prisma's engine takes, `pg_advisory_lock(72707369)`, for the whole run,
//   so instances starting together migrate once (the others wait, then find nothing pending), and a `prisma migrate
//   deploy` by an operator excludes us and vice versa;
// - it writes `_prisma_migrations` with the engine's DDL: a row with started_at before the script, finished_at and
//   applied_steps_count = 1 after it, the sha256 of migration.sql as checksum, the error in `logs` when it fails;
// - it refuses to run while a failed migration is recorded (P3009);
// - each script runs as one simple-protocol query, which PostgreSQL executes as one implicit transaction, as the
//   engine's raw command does: a failing migration leaves no half-applied DDL behind.
// RAW SQL: PostgreSQL-specific.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { listMigrations } from "./apply-migrations.mjs";

// Read at run time from the project root, not traced into the build (as DEFAULT_MIGRATIONS_DIR).
export const DEFAULT_POSTGRES_MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "postgresql", "migrations");

/** The key of Prisma's migration advisory lock (the engine's `pg_advisory_lock(72707369)`). */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** The DDL Prisma's PostgreSQL connector uses for its history table. */
export const PRISMA_MIGRATIONS_DDL_POSTGRES = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

async function hasHistoryTable(client) {
  const { rows } = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
  return rows[0].present === true;
}

async function history(client) {
  if (!(await hasHistoryTable(client))) return { applied: new Set(), failed: [] };
  const { rows } = await client.query('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"');
  return {
    applied: new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name)),
    failed: rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name),
  };
}

/**
 * The migration state of a PostgreSQL database against the folder: { applied, pending, failed } (names).
 * Reads only; takes no lock.
 */
export async function postgresMigrationState({ url, migrationsDir = DEFAULT_POSTGRES_MIGRATIONS_DIR }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return stateOf(listMigrations(migrationsDir), await history(client));
  } finally {
    await client.end();
  }
}

function stateOf(migrations, { applied, failed }) {
  return {
    applied: migrations.filter((m) => applied.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !applied.has(m.name) && !failed.includes(m.name)).map((m) => m.name),
    failed,
  };
}

/**
 * Applies pending migrations under Prisma's advisory lock. Returns the names applied (none when another instance
 * applied them while this one waited). Throws after recording a failure, and refuses while one is recorded (P3009).
 */
export async function applyPostgresMigrations({ url, migrationsDir = DEFAULT_POSTGRES_MIGRATIONS_DIR, log = () => {} }) {
  const migrations = listMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Fast path without the lock: nothing pending and nothing failed.
    const before = await history(client);
    if (before.failed.length === 0 && migrations.every((m) => before.applied.has(m.name))) return [];

    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query(PRISMA_MIGRATIONS_DDL_POSTGRES);
      const { applied, failed } = await history(client);
      if (failed.length > 0) {
        throw new Error(
          `migrate found failed migrations in the target database, new migrations will not be applied (P3009). Failed: ${failed.join(", ")}`,
        );
      }
      const done = [];
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        const id = randomUUID();
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, migration.checksum, migration.name],
        );
        try {
          await client.query(migration.sql); // no parameters: simple protocol, one implicit transaction
        } catch (error) {
          await client.query('UPDATE "_prisma_migrations" SET logs = $1 WHERE id = $2', [String(error?.stack ?? error), id]);
          throw new Error(`Migration ${migration.name} failed: ${error?.message ?? error}`);
        }
        await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1', [id]);
        done.push(migration.name);
        log(`applied migration ${migration.name}`);
      }
      return done;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

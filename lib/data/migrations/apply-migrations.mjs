// Applies the committed SQL migrations in prisma/migrations to a SQLite database, without Prisma's
// schema-engine binary (it cannot be downloaded on our machines; see docs/decisions/001-offline-migrations.md).
//
// It records every migration in `_prisma_migrations` exactly as Prisma's engine does (same DDL, sha256
// checksum of migration.sql, started_at/finished_at as unix ms, applied_steps_count), so that
// `prisma migrate deploy/status` on a machine with the engine accepts the same database.
// RAW SQL: SQLite-specific (PRAGMAs, the table DDL). PostgreSQL deployments use `prisma migrate deploy`.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { createDatabaseFile } from "./database-file.mjs";

/** The DDL Prisma's SQLite connector uses (prisma-engines sql-schema-connector/src/flavour/sqlite.rs). */
export const PRISMA_MIGRATIONS_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

// The app, scripts and tests all run from the project root (a bundled server has no stable import.meta.url).
export const DEFAULT_MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

/** `file:./data/app.db` -> absolute path (relative paths resolve against cwd, as the Prisma adapter does). */
export function sqlitePathFromUrl(url) {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite "file:" URL for the embedded migrator, got "${url}"`);
  const raw = url.slice("file:".length).split("?")[0];
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
}

/** Migration folders sorted like the Prisma CLI. */
export function listMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR) {
  // turbopackIgnore: the folder is read at run time, not traced into the build.
  if (!existsSync(/*turbopackIgnore: true*/ migrationsDir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ migrationsDir)
    .filter(
      (name) =>
        statSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ migrationsDir, name)).isDirectory() &&
        existsSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ migrationsDir, name, "migration.sql")),
    )
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const bytes = readFileSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ migrationsDir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

function hasMigrationsTable(db) {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
}

function failedMigrations(db) {
  return db
    .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL")
    .all()
    .map((row) => row.migration_name);
}

function appliedMigrations(db) {
  return new Set(
    db
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all()
      .map((row) => row.migration_name),
  );
}

function isUpToDate(db, migrations) {
  if (!hasMigrationsTable(db)) return migrations.length === 0;
  if (failedMigrations(db).length > 0) return false;
  const applied = appliedMigrations(db);
  return migrations.every((migration) => applied.has(migration.name));
}

/**
 * Applies pending migrations. Returns the names applied. Throws (after recording the failure, as Prisma
 * does) when a migration fails, and refuses to run while a failed migration is recorded (P3009).
 */
export function applyMigrations({ url, migrationsDir = DEFAULT_MIGRATIONS_DIR, log = () => {} } = {}) {
  const file = sqlitePathFromUrl(url);
  mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  createDatabaseFile(file); // 0600 (and so its -wal/-shm) when this creates the database
  const migrations = listMigrations(migrationsDir);
  const db = new Database(file, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    // Fast path without any exclusive lock, so a running app (or a CLI next to it) never waits:
    // nothing pending and nothing failed -> done.
    if (isUpToDate(db, migrations)) return [];

    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT;"); // take the exclusive lock now; other appliers wait (busy timeout)
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!hasTable) db.exec(PRISMA_MIGRATIONS_DDL);

    const failed = failedMigrations(db);
    if (failed.length > 0) {
      throw new Error(
        `migrate found failed migrations in the target database, new migrations will not be applied (P3009). ` +
          `Failed: ${failed.join(", ")}`,
      );
    }
    const applied = appliedMigrations(db);
    const insert = db.prepare(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)",
    );
    const finish = db.prepare("UPDATE _prisma_migrations SET finished_at = ?, applied_steps_count = 1 WHERE id = ?");
    const recordFailure = db.prepare("UPDATE _prisma_migrations SET logs = ? WHERE id = ?");

    const done = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      const id = randomUUID();
      insert.run(id, migration.checksum, migration.name, Date.now());
      try {
        // Outside a transaction, as Prisma does on SQLite: generated scripts toggle PRAGMA foreign_keys.
        db.exec(migration.sql);
      } catch (error) {
        recordFailure.run(String(error?.stack ?? error), id);
        throw new Error(`Migration ${migration.name} failed: ${error?.message ?? error}`);
      }
      finish.run(Date.now(), id);
      done.push(migration.name);
      log(`applied migration ${migration.name}`);
    }
    return done;
  } finally {
    db.close();
  }
}

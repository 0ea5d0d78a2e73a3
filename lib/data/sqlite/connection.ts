import "server-only";
import Database from "better-sqlite3";
import { env } from "@/lib/env";
import { NoPostgresImplementationError } from "../database-kind";
import { databaseKindOf } from "../database-url.mjs";
import { applyMigrations, sqlitePathFromUrl } from "../migrations/apply-migrations.mjs";
import { createDatabaseFile } from "../migrations/database-file.mjs";

// RAW SQL (SQLite): a direct better-sqlite3 connection for the bulk write path of uploads
// (lib/data/ingest). Prisma's createMany is ~7x slower for 50,000-server files (docs/performance.md).
// Everything else goes through Prisma. A PostgreSQL deployment needs a counterpart of the files marked
// RAW SQL in lib/data/ingest/ (write-facts.ts, state.ts, reevaluate.ts) and the transactions that call them.

const globalForSqlite = globalThis as unknown as { csrSqlite?: Database.Database };

export function sqlite(): Database.Database {
  if (globalForSqlite.csrSqlite) return globalForSqlite.csrSqlite;
  const url = env().DATABASE_URL;
  if (databaseKindOf(url) !== "sqlite") {
    // A path that has no PostgreSQL implementation yet (docs/decisions/020-postgresql-runtime.md, "Not yet").
    throw new NoPostgresImplementationError();
  }
  if (process.env.CSR_AUTO_MIGRATE === "1") applyMigrations({ url });
  const file = sqlitePathFromUrl(url);
  createDatabaseFile(file); // 0600 (and so its -wal/-shm) if the file does not exist yet
  const connection = new Database(file, { timeout: 10_000 });
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  globalForSqlite.csrSqlite = connection;
  return connection;
}

/** Checks registered by work inside the current write transaction (see beforeCommit), per connection. */
const commitChecks = new WeakMap<Database.Database, (() => void)[]>();

/**
 * Registers a check that runs when the current `inWriteTransaction` work returns, before it commits: a check that
 * throws rolls the whole transaction back. For work that holds rows to write later in the same transaction
 * (lib/data/ingest/fresh-servers.ts), so they can never be dropped silently. Outside inWriteTransaction: ignored.
 */
export function beforeCommit(db: Database.Database, check: () => void): void {
  commitChecks.get(db)?.push(check);
}

/** Runs `work` in one IMMEDIATE transaction: all of it commits, or none of it. */
export function inWriteTransaction<T>(work: (db: Database.Database) => T): T {
  const db = sqlite();
  const checks: (() => void)[] = [];
  const outer = commitChecks.get(db);
  if (outer === undefined) commitChecks.set(db, checks);
  try {
    return db
      .transaction(() => {
        const result = work(db);
        if (outer === undefined) for (const check of checks) check();
        return result;
      })
      .immediate();
  } finally {
    if (outer === undefined) commitChecks.delete(db);
  }
}

/** DateTime text exactly as Prisma's SQLite adapter writes it ("2026-11-25T01:09:24.600+00:00"). */
export function sqlDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

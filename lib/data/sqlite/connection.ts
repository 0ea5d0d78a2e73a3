import "server-only";
import type Database from "better-sqlite3";
import { env } from "@/lib/env";
import { NoPostgresImplementationError } from "../database-kind";
import { databaseKindOf } from "../database-url.mjs";
import { applyMigrations, sqlitePathFromUrl } from "../migrations/apply-migrations.mjs";
import { createDatabaseFile } from "../migrations/database-file.mjs";
import { openConnection } from "./open-connection.mjs";

// RAW SQL (SQLite): a direct better-sqlite3 connection for the evaluation write transaction (lib/data/sqlite/write-tx.ts:
// uploads, waivers, attestations; Prisma's createMany is ~7x slower for 50,000-server files, docs/performance.md) and
// the SQLite jobs of lib/data/sql-jobs.ts. Everything else goes through Prisma.

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
  const connection = openConnection(file);
  globalForSqlite.csrSqlite = connection;
  return connection;
}

/** Runs synchronous `work` in one IMMEDIATE transaction: all of it commits, or none of it (the SQLite jobs of lib/data/sql-jobs.ts). */
export function inWriteTransaction<T>(work: (db: Database.Database) => T): T {
  const db = sqlite();
  return db.transaction(() => work(db)).immediate();
}

/** DateTime text exactly as Prisma's SQLite adapter writes it ("2026-11-25T01:09:24.600+00:00"). */
export function sqlDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

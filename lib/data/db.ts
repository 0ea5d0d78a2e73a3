import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "./migrations/apply-migrations.mjs";

// The one Prisma client of the process. Only lib/data/ imports this module.
// SQLite runs in WAL mode (set persistently by the migrator) with a busy timeout so concurrent
// requests wait for the writer instead of failing with "database is locked".
const BUSY_TIMEOUT_MS = 10_000;

const globalForPrisma = globalThis as unknown as { csrPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  // Test files get a fresh database per file (test/setup-db.ts); migrate it on first use.
  if (process.env.CSR_AUTO_MIGRATE === "1") applyMigrations({ url });
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS }) });
}

export function db(): PrismaClient {
  globalForPrisma.csrPrisma ??= createClient();
  return globalForPrisma.csrPrisma;
}

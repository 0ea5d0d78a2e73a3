import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { databaseKind } from "./database-kind";
import { applyMigrations } from "./migrations/apply-migrations.mjs";

// The one Prisma client of the process. Only lib/data/ imports this module.
// DATABASE_URL picks the database (lib/data/database-kind.ts, docs/decisions/020-postgresql-runtime.md):
// - SQLite (`file:…`, the default) runs in WAL mode (set persistently by the migrator) with a busy timeout so
//   concurrent requests wait for the writer instead of failing with "database is locked".
// - PostgreSQL (`postgresql://…`) goes through @prisma/adapter-pg with a node-postgres pool of DATABASE_POOL_SIZE.
//   Its client is generated from prisma/postgresql/schema.prisma, which is derived from the one schema: the same
//   models and the same query API, so it is typed as the SQLite client (see decision 020 for the few differences).
const BUSY_TIMEOUT_MS = 10_000;

const globalForPrisma = globalThis as unknown as { csrPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE } = env();
  if (databaseKind() === "postgres") {
    // Migrations on PostgreSQL are async (advisory lock): the server start and the test setup apply them first.
    const adapter = new PrismaPg({ connectionString: url, max: DATABASE_POOL_SIZE });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  // Test files get a fresh database per file (test/setup-db.ts); migrate it on first use.
  if (process.env.CSR_AUTO_MIGRATE === "1") applyMigrations({ url });
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS }) });
}

export function db(): PrismaClient {
  globalForPrisma.csrPrisma ??= createClient();
  return globalForPrisma.csrPrisma;
}

/** Closes the client (tests and scripts that must let the process exit; the next db() opens a new one). */
export async function disconnectDb(): Promise<void> {
  const client = globalForPrisma.csrPrisma;
  globalForPrisma.csrPrisma = undefined;
  await client?.$disconnect();
}

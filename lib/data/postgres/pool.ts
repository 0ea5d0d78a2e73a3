import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

// The node-postgres pool of the evaluation write transactions (lib/data/postgres/write-tx.ts): bulk array parameters
// and one connection held for a whole commit, which Prisma's raw queries do not offer. Two connections per instance
// (evaluation writes are serialized across instances by the evaluation lock anyway), beside Prisma's pool.

const INT8 = 20;
const TIMESTAMP = 1114;
const NUMERIC = 1700;

/** Counts (int8) as numbers, and timestamps (UTC, without zone) as ISO text, as SQLite's rows give them. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (text: string) => Number(text);
    if (oid === TIMESTAMP) return (text: string) => `${text.replace(" ", "T")}Z`;
    return pg.types.getTypeParser(oid, format);
  },
};

const globalForPool = globalThis as unknown as { csrWritePool?: pg.Pool };

export function writePool(): pg.Pool {
  if (globalForPool.csrWritePool) return globalForPool.csrWritePool;
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2, types: types as pg.CustomTypesConfig });
  pool.on("error", (error) => console.error("[db] idle write connection failed:", error.message)); // the pool replaces it
  globalForPool.csrWritePool = pool;
  return pool;
}

/** Closes the pool (tests and scripts that must let the process exit). */
export async function closeWritePool(): Promise<void> {
  const pool = globalForPool.csrWritePool;
  globalForPool.csrWritePool = undefined;
  await pool?.end();
}

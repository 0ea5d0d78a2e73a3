import "server-only";
import type { PoolClient } from "pg";
import type { Column, ColumnType, SqlValue, WriteTx } from "../write-tx";
import { writePool } from "./pool";
import { numbered } from "./sql";

// RAW SQL (PostgreSQL): the evaluation write transaction (lib/data/write-tx.ts) on a node-postgres connection of the
// write pool. Every evaluation write of every instance takes the same transaction-scoped advisory lock first, so they
// commit one after the other in the order they got the lock, each reading what the previous one committed (no lost
// update, as with SQLite's single writer); readers are never blocked. Bulk rows travel as one array parameter per
// column (`unnest`), a few thousand rows per statement.

/** The evaluation lock's key (any constant not used elsewhere; Prisma's migration lock is 72707369). */
export const EVALUATION_LOCK = 1_507_011;

const ROWS_PER_STATEMENT = 5_000;

const CAST: Record<ColumnType, string> = { text: "text", int: "integer", float: "double precision", bool: "boolean", timestamp: "timestamp(3)" };

/** PostgreSQL refuses U+0000 in text; SQLite stores it. Uploaded text is kept otherwise as is (shown escaped). */
function storable(value: SqlValue): SqlValue {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
}

function columnArrays(rows: readonly (readonly SqlValue[])[], width: number): SqlValue[][] {
  const arrays: SqlValue[][] = Array.from({ length: width }, () => new Array<SqlValue>(rows.length));
  rows.forEach((row, r) => {
    if (row.length !== width) throw new Error(`${row.length} values for ${width} columns`);
    for (let c = 0; c < width; c++) arrays[c]![r] = storable(row[c]!);
  });
  return arrays;
}

class PostgresWriteTx implements WriteTx {
  readonly kind = "postgres" as const;
  readonly checks: (() => void)[] = [];

  constructor(private readonly client: PoolClient) {}

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.client.query(numbered(sql), params.map(storable))).rows as T[];
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.client.query(numbered(sql), params.map(storable))).rowCount ?? 0;
  }

  async insertRows(table: string, columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    const names = columns.map(([name]) => `"${name}"`).join(", ");
    const arrays = columns.map(([, type], i) => `$${i + 1}::${CAST[type]}[]`).join(", ");
    const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`;
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await this.client.query(sql, columnArrays(rows.slice(i, i + ROWS_PER_STATEMENT), columns.length));
    }
  }

  async updateRows(table: string, columns: readonly Column[], key: string, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    const all: Column[] = [...columns, [key, "text"]];
    const sql =
      `UPDATE "${table}" AS t SET ${columns.map(([name]) => `"${name}" = v."${name}"`).join(", ")} ` +
      `FROM unnest(${all.map(([, type], i) => `$${i + 1}::${CAST[type]}[]`).join(", ")}) AS v(${all.map(([name]) => `"${name}"`).join(", ")}) ` +
      `WHERE t."${key}" = v."${key}"`;
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await this.client.query(sql, columnArrays(rows.slice(i, i + ROWS_PER_STATEMENT), all.length));
    }
  }

  beforeCommit(check: () => void): void {
    this.checks.push(check);
  }
}

export async function inPostgresWriteTx<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const client = await writePool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [EVALUATION_LOCK]);
    const tx = new PostgresWriteTx(client);
    const result = await work(tx);
    for (const check of tx.checks) check();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch (rollbackError) {
      broken = rollbackError as Error; // the connection is gone: the pool must not reuse it
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Column, ColumnType, SqlValue, WriteTx } from "../write-tx";
import { writePool } from "./pool";
import { binaryCopyChunks } from "./copy-binary";
import { storable } from "./storable";
import { numbered } from "./sql";

// RAW SQL (PostgreSQL): the evaluation write transaction (lib/data/write-tx.ts) on a node-postgres connection of the
// write pool. Every evaluation write of every instance takes the same transaction-scoped advisory lock first, so they
// commit one after the other in the order they got the lock, each reading what the previous one committed (no lost
// update, as with SQLite's single writer); readers are never blocked. New rows travel by COPY in the binary format
// (copy-binary.ts); updated ones by COPY into a temporary table and one UPDATE … FROM it, or (fewer than
// COPY_UPDATE_MIN_ROWS) as one multi-row VALUES list of typed parameters (decision 033).

/** The evaluation lock's key (any constant not used elsewhere; Prisma's migration lock is 72707369). */
export const EVALUATION_LOCK = 1_507_011;

/** PostgreSQL's limit of parameters per statement. */
const MAX_PARAMETERS = 65_535;

const CAST: Record<ColumnType, string> = { text: "text", int: "integer", float: "double precision", bool: "boolean", timestamp: "timestamp(3)" };

/**
 * Rows as multi-row VALUES lists of typed parameters, as many rows per statement as PostgreSQL's 65,535 parameters
 * allow (2,340 rows of the 28 Server columns). Each value travels as its own parameter: array parameters (`unnest`)
 * made node-postgres build one escaped array literal per column, which cost the 50,000-server upload ~10 s of garbage
 * collection (its JSON columns are long and full of quotes).
 */
function* valueChunks(columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Generator<{ values: string; params: SqlValue[] }> {
  const width = columns.length;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / width));
  for (let from = 0; from < rows.length; from += perStatement) {
    const chunk = rows.slice(from, from + perStatement);
    const params: SqlValue[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      if (row.length !== width) throw new Error(`${row.length} values for ${width} columns`);
      const cells: string[] = [];
      for (let c = 0; c < width; c++) {
        params.push(storable(row[c]!));
        cells.push(`$${params.length}::${CAST[columns[c]![1]]}`);
      }
      tuples.push(`(${cells.join(", ")})`);
    }
    yield { values: tuples.join(", "), params };
  }
}

/**
 * From this many rows an update goes through a temporary table filled by binary COPY (copyUpdate); fewer go as one
 * VALUES list, which needs no table.
 */
export const COPY_UPDATE_MIN_ROWS = 100;

/**
 * Whether the app's role may create temporary tables in its database, per database and role (asked once). The owner of
 * the database may (docs/deploy.md); a role without the TEMPORARY privilege gets its updates as VALUES lists.
 */
const temporaryAllowed = new Map<string, Promise<boolean>>();

function mayCreateTemporaryTables(client: PoolClient): Promise<boolean> {
  const key = `${client.user ?? ""}@${client.host}:${client.port}/${client.database ?? ""}`;
  let allowed = temporaryAllowed.get(key);
  if (allowed === undefined) {
    allowed = client.query<{ allowed: boolean }>(`SELECT has_database_privilege(current_database(), 'TEMPORARY') AS allowed`).then((result) => result.rows[0]?.allowed === true);
    allowed.catch(() => temporaryAllowed.delete(key));
    temporaryAllowed.set(key, allowed);
  }
  return allowed;
}

/** The temporary table of a column set (one per connection and column set, emptied at each COMMIT). */
function updateTableName(columns: readonly Column[]): string {
  return `csr_update_${createHash("sha256").update(columns.map(([name, type]) => `${name}:${type}`).join(",")).digest("hex").slice(0, 16)}`;
}

class PostgresWriteTx implements WriteTx {
  readonly kind = "postgres" as const;
  readonly checks: (() => void)[] = [];
  /** The temporary update tables this transaction has made sure of (copyUpdate). */
  private readonly updateTables = new Set<string>();
  /** Settles when every statement issued so far has finished (never rejects: each caller gets its own failure). */
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly client: PoolClient) {}

  /**
   * Runs `statement` once every statement issued before it has finished, in the order they were issued: writes that
   * nobody awaits yet (the evaluation's batches, lib/data/ingest/queued-writes.ts) go to the connection one after the
   * other, as one transaction needs. node-postgres would queue them itself, but that is deprecated (pg 9 drops it).
   * A statement after a failed one still runs, and PostgreSQL refuses it (the transaction is aborted).
   */
  private serially<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.tail.then(statement, statement);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Waits until every statement issued so far has finished (COMMIT and ROLLBACK come after them). */
  settled(): Promise<void> {
    return this.tail;
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.serially(async () => (await this.client.query(numbered(sql), params.map(storable))).rows as T[]);
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.serially(async () => (await this.client.query(numbered(sql), params.map(storable))).rows[0] as T | undefined);
  }

  allIn<T>(sql: (list: string) => string, values: readonly string[]): Promise<T[]> {
    if (values.length === 0) return Promise.resolve([]);
    return this.serially(async () => (await this.client.query(numbered(sql("= ANY(?::text[])")), [values.map((value) => storable(value) as string)])).rows as T[]);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.serially(async () => (await this.client.query(numbered(sql), params.map(storable))).rowCount ?? 0);
  }

  /**
   * COPY … FROM STDIN in the binary format (copy-binary.ts): no statement to parse per batch, no parameter per value,
   * and nothing for PostgreSQL to scan for delimiters or escapes, or to parse as a number or a timestamp.
   */
  insertRows(table: string, columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.serially(() => this.copyIn(table, columns, rows));
  }

  /** Sends the rows with `COPY … FROM STDIN (FORMAT binary)` (call from inside `serially`). */
  private copyIn(table: string, columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    const names = columns.map(([name]) => `"${name}"`).join(", ");
    return pipeline(Readable.from(binaryCopyChunks(columns, rows)), this.client.query(copyFrom(`COPY "${table}" (${names}) FROM STDIN (FORMAT binary)`)));
  }

  updateRows(table: string, columns: readonly Column[], key: string, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const all: Column[] = [...columns, [key, "text"]];
    const assignments = columns.map(([name]) => `"${name}" = v."${name}"`).join(", ");
    return this.serially(async () => {
      if (rows.length >= COPY_UPDATE_MIN_ROWS && (await mayCreateTemporaryTables(this.client))) return this.copyUpdate(table, all, assignments, key, rows);
      const names = all.map(([name]) => `"${name}"`).join(", ");
      for (const { values, params } of valueChunks(all, rows)) {
        await this.client.query(`UPDATE "${table}" AS t SET ${assignments} FROM (VALUES ${values}) AS v(${names}) WHERE t."${key}" = v."${key}"`, params);
      }
    });
  }

  /**
   * Many rows: COPY (binary) into a temporary table of the column set, then one `UPDATE … FROM` it. A VALUES list of
   * typed parameters costs PostgreSQL a parse and bind of every value (28,000 for 1,000 servers' facts and outcome);
   * COPY reads them in their binary form. The table lives as long as the connection (`ON COMMIT DELETE ROWS` empties
   * it at each COMMIT, a ROLLBACK of the transaction that made it removes it) and is emptied between batches.
   */
  private async copyUpdate(table: string, all: readonly Column[], assignments: string, key: string, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    const temp = updateTableName(all);
    if (this.updateTables.has(temp)) await this.client.query(`TRUNCATE "${temp}"`);
    else {
      await this.client.query(`CREATE TEMPORARY TABLE IF NOT EXISTS "${temp}" (${all.map(([name, type]) => `"${name}" ${CAST[type]}`).join(", ")}) ON COMMIT DELETE ROWS`);
      this.updateTables.add(temp);
    }
    await this.copyIn(temp, all, rows);
    await this.client.query(`UPDATE "${table}" AS t SET ${assignments} FROM "${temp}" AS v WHERE t."${key}" = v."${key}"`);
  }

  beforeCommit(check: () => void): void {
    this.checks.push(check);
  }
}

export async function inPostgresWriteTx<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const client = await writePool().connect();
  let broken: Error | undefined;
  let tx: PostgresWriteTx | undefined;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [EVALUATION_LOCK]);
    tx = new PostgresWriteTx(client);
    const result = await work(tx);
    await tx.settled();
    for (const check of tx.checks) check();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await tx?.settled(); // statements the work issued and did not wait for end before the ROLLBACK
      await client.query("ROLLBACK");
    } catch (rollbackError) {
      broken = rollbackError as Error; // the connection is gone: the pool must not reuse it
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

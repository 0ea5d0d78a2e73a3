import "server-only";
import { databaseKind, type DatabaseKind } from "./database-kind";
import { inPostgresWriteTx } from "./postgres/write-tx";
import { inSqliteWriteTx } from "./sqlite/write-tx";

// The write transaction of every evaluation (uploads, upload deletes, waivers, attestations, the ruleset refresh):
// one interface, an implementation per database (docs/decisions/021-evaluation-writes-on-both-databases.md).
// Callers write portable SQL: quoted identifiers, `?` placeholders, dates as sqlDate text, flags as 0/1.

/** A parameter of portable SQL: dates are passed as sqlDate text (lib/data/sqlite/connection.ts), flags as 0/1. */
export type SqlValue = string | number | null;

/** A column's type, which PostgreSQL's bulk statements cast their array parameters to (SQLite ignores it). */
export type ColumnType = "text" | "int" | "float" | "bool" | "timestamp";

export type Column = readonly [name: string, type: ColumnType];

export interface WriteTx {
  readonly kind: DatabaseKind;
  /** The rows of a query. Counts must be cast (`CAST(COUNT(*) AS INTEGER)`); flags come back as 0/1 or booleans (see `flag`). */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row of a query, or undefined. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * The rows of `sql(list)` for many values at once, where `list` is the condition on a column (`"fqdn" ${list}`):
   * `IN (?, …)` over chunks of 500 values on SQLite (in the process: as fast); on PostgreSQL `= ANY(?)` with the values
   * as one array parameter, one round trip (an upload of 50,000 new servers looked its servers up in 200 queries of
   * 500 parameters each: ≈ 0.2 s of waiting, and PostgreSQL parses and binds every parameter).
   */
  allIn<T>(sql: (list: string) => string, values: readonly string[]): Promise<T[]>;
  /** Inserts rows (one value per column, in order): one prepared single-row INSERT per row on SQLite, `COPY … FROM STDIN` on PostgreSQL. */
  insertRows(table: string, columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /**
   * Updates rows by their `key` column: each row holds one value per column of `columns`, then the key. One prepared
   * UPDATE per row on SQLite; on PostgreSQL one `UPDATE … FROM` a temporary table filled by COPY (or, for a few rows,
   * from a VALUES list).
   */
  updateRows(table: string, columns: readonly Column[], key: string, rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /** A check that runs when the work returns, before COMMIT: a check that throws rolls everything back. */
  beforeCommit(check: () => void): void;
}

export interface WriteTxOptions {
  /**
   * Only SQLite: the work must never await anything but this transaction's own calls (which complete synchronously),
   * so no other request of the process can run inside it. PostgreSQL has no such constraint.
   */
  label?: string;
}

/**
 * Runs `work` in one write transaction: all of it commits, or none of it. SQLite: BEGIN IMMEDIATE (the single
 * writer). PostgreSQL: a transaction that first takes the evaluation lock (`pg_advisory_xact_lock`), so evaluation
 * writes of every instance commit one after the other, each computed from what the previous one committed.
 */
export async function inWriteTx<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
  return databaseKind() === "postgres" ? inPostgresWriteTx(work) : inSqliteWriteTx(work);
}

/** A flag column as read back: SQLite gives 0/1, PostgreSQL booleans. */
export function flag(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1 || value === "1" || value === "t" ? 1 : 0;
}

export { inChunks, placeholders } from "./in-list";

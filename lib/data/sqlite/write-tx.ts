import "server-only";
import type Database from "better-sqlite3";
import type { Column, SqlValue, WriteTx } from "../write-tx";
import { allInChunks } from "../in-list";
import { sqlite } from "./connection";
import { TxStatements } from "./tx-statements.mjs";
import { inThreadWriteTx, sqliteWriteThreadEnabled } from "./write-thread-tx";

// RAW SQL (SQLite): the evaluation write transaction (lib/data/write-tx.ts) on the process's better-sqlite3 connection.
// better-sqlite3 is synchronous, so every call of this transaction completes before its promise is returned: the
// work's `await`s only wait for microtasks, and no other request of this process can run while the transaction is
// open (a request starts from an I/O event, which waits for the microtask queue to drain). BEGIN IMMEDIATE takes the
// write lock at once, so readers in other processes keep reading the last commit (WAL) until COMMIT. A process that
// enabled the write thread (the upload worker, decision 027) runs its transactions there instead (write-thread-tx.ts).

class SqliteWriteTx implements WriteTx {
  readonly kind = "sqlite" as const;
  readonly checks: (() => void)[] = [];
  private readonly statements: TxStatements;

  constructor(db: Database.Database) {
    this.statements = new TxStatements(db);
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.statements.all(sql, params) as T[];
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.statements.get(sql, params) as T | undefined;
  }

  allIn<T>(sql: (list: string) => string, values: readonly string[]): Promise<T[]> {
    return allInChunks<T>(this, sql, values);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.statements.run(sql, params);
  }

  async insertRows(table: string, columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    this.statements.insertRows(table, columns.map(([name]) => name), rows);
  }

  async updateRows(table: string, columns: readonly Column[], key: string, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    this.statements.updateRows(table, columns.map(([name]) => name), key, rows);
  }

  beforeCommit(check: () => void): void {
    this.checks.push(check);
  }
}

export async function inSqliteWriteTx<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
  // The upload worker's transactions run on its write thread (decision 027).
  if (sqliteWriteThreadEnabled()) return inThreadWriteTx(work);
  const db = sqlite();
  // A second transaction on the connection would join the first (and COMMIT it half-done): never allowed.
  if (db.inTransaction) throw new Error("a write transaction is already open on this connection (an evaluation write awaited something outside its transaction)");
  const tx = new SqliteWriteTx(db);
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = await work(tx);
    for (const check of tx.checks) check();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

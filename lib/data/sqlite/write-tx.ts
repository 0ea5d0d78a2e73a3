import "server-only";
import type Database from "better-sqlite3";
import type { Column, SqlValue, WriteTx } from "../write-tx";
import { sqlite } from "./connection";

// RAW SQL (SQLite): the evaluation write transaction (lib/data/write-tx.ts) on the process's better-sqlite3 connection.
// better-sqlite3 is synchronous, so every call of this transaction completes before its promise is returned: the
// work's `await`s only wait for microtasks, and no other request of this process can run while the transaction is
// open (a request starts from an I/O event, which waits for the microtask queue to drain). BEGIN IMMEDIATE takes the
// write lock at once, so readers in other processes keep reading the last commit (WAL) until COMMIT.

class SqliteWriteTx implements WriteTx {
  readonly kind = "sqlite" as const;
  readonly checks: (() => void)[] = [];
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.statement(sql).all(...params) as T[];
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.statement(sql).get(...params) as T | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.statement(sql).run(...params).changes;
  }

  /**
   * One reused single-row INSERT per row: a multi-row INSERT into a table with a UNIQUE or PRIMARY KEY constraint
   * makes SQLite keep a statement journal, which cost the 50,000-server upload 2.5 GB of extra writes and 2 s
   * (docs/performance.md); a single-row INSERT needs none.
   */
  async insertRows(table: string, columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const insert = this.statement(`INSERT INTO "${table}" (${columns.map(([name]) => `"${name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
    for (const row of rows) insert.run(...row);
  }

  async updateRows(table: string, columns: readonly Column[], key: string, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return;
    const update = this.statement(`UPDATE "${table}" SET ${columns.map(([name]) => `"${name}" = ?`).join(", ")} WHERE "${key}" = ?`);
    for (const row of rows) update.run(...row);
  }

  beforeCommit(check: () => void): void {
    this.checks.push(check);
  }
}

export async function inSqliteWriteTx<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
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

// RAW SQL (SQLite): the statements of the evaluation write transaction (lib/data/write-tx.ts) on one better-sqlite3
// connection, shared by the transaction on the process's own connection (write-tx.ts) and the one on the write thread
// (write-thread.mjs, decision 027). Plain ESM so the thread runs it as it is, without the app's bundler.

export class TxStatements {
  /** @param {import("better-sqlite3").Database} db */
  constructor(db) {
    this.db = db;
    /** @type {Map<string, import("better-sqlite3").Statement>} */
    this.statements = new Map();
  }

  /** A prepared statement, prepared once per connection. */
  statement(sql) {
    let statement = this.statements.get(sql);
    if (statement === undefined) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  all(sql, params = []) {
    return this.statement(sql).all(...params);
  }

  get(sql, params = []) {
    return this.statement(sql).get(...params);
  }

  run(sql, params = []) {
    return this.statement(sql).run(...params).changes;
  }

  /**
   * One reused single-row INSERT per row: a multi-row INSERT into a table with a UNIQUE or PRIMARY KEY constraint
   * makes SQLite keep a statement journal, which cost the 50,000-server upload 2.5 GB of extra writes and 2 s
   * (docs/performance.md); a single-row INSERT needs none.
   */
  insertRows(table, columnNames, rows) {
    if (rows.length === 0) return;
    const insert = this.statement(`INSERT INTO "${table}" (${columnNames.map((name) => `"${name}"`).join(", ")}) VALUES (${columnNames.map(() => "?").join(", ")})`);
    for (const row of rows) insert.run(...row);
  }

  /** One reused UPDATE per row, by its `key` column (the row's last value). */
  updateRows(table, columnNames, key, rows) {
    if (rows.length === 0) return;
    const update = this.statement(`UPDATE "${table}" SET ${columnNames.map((name) => `"${name}" = ?`).join(", ")} WHERE "${key}" = ?`);
    for (const row of rows) update.run(...row);
  }
}

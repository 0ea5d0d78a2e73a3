import type Database from "better-sqlite3";

// RAW SQL (portable: a multi-row INSERT ... VALUES (...), (...) is standard SQL and PostgreSQL accepts it as is,
// with $n placeholders instead of ?). Bulk rows of the upload write path, held and written in dependency order.

/** SQLite binds at most 32,766 parameters per statement (PostgreSQL 65,535). */
const MAX_PARAMETERS = 32_000;

/**
 * Default rows per statement: ONE on SQLite. Measured on the 50,000-server upload: a statement that inserts several
 * rows into a table with a UNIQUE or PRIMARY KEY constraint may fail half-way, so SQLite keeps a statement journal (a
 * copy of every page the statement changes, in a temp file) for it; with 64 rows per statement that journal wrote
 * 2.5 GB more (3.5 GB of write() calls instead of 0.9 GB) and the commit took 7.1 s instead of 5.1 s (8 rows: 9.7 s).
 * A single-row INSERT needs no statement journal, and a reused prepared statement costs a few microseconds per row.
 * PostgreSQL has no statement journal: a port may raise this.
 */
const ROWS_PER_STATEMENT = 1;

/**
 * Collects rows for one table and inserts them `rowsPerStatement` at a time (default 1 on SQLite, see
 * ROWS_PER_STATEMENT) with one prepared statement per batch size (prepared once and reused). Each row is inserted exactly
 * as a single-row INSERT would insert it, in the order added. `after` lists batches whose rows this table's
 * rows reference (foreign keys): they are flushed first, so a referenced row is always written before its child.
 */
export class BatchInsert {
  private readonly values: unknown[] = [];
  private readonly rowsPerStatement: number;
  /** Prepared statements by row count (the full batch, and the shorter ones an early flush makes). */
  private readonly statements = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
    options: { rowsPerStatement?: number; after?: readonly BatchInsert[] } = {},
  ) {
    this.rowsPerStatement = Math.max(1, Math.min(options.rowsPerStatement ?? ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length)));
    this.after = options.after ?? [];
  }

  private readonly after: readonly BatchInsert[];

  /** Rows added and not yet written. */
  get pending(): number {
    return this.values.length / this.columns.length;
  }

  /** Adds one row: exactly one value per column, in the order of `columns`. */
  add(...row: unknown[]): void {
    if (row.length !== this.columns.length) throw new Error(`${this.table}: ${row.length} values for ${this.columns.length} columns`);
    for (let i = 0; i < row.length; i++) this.values.push(row[i]);
    if (this.values.length >= this.rowsPerStatement * this.columns.length) this.flush();
  }

  /** Writes every row added so far (the batches this one depends on first). */
  flush(): void {
    if (this.values.length === 0) return;
    for (const dependency of this.after) dependency.flush();
    const width = this.columns.length;
    const rows = this.values.length / width;
    let statement = this.statements.get(rows);
    if (statement === undefined) this.statements.set(rows, (statement = this.db.prepare(this.sql(rows))));
    statement.run(this.values);
    this.values.length = 0;
  }

  private sql(rows: number): string {
    const tuple = `(${this.columns.map(() => "?").join(", ")})`;
    return `INSERT INTO ${this.table} (${this.columns.join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")}`;
  }
}

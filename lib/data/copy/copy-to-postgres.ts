import "server-only";
import Database from "better-sqlite3";
import pg from "pg";

// RAW SQL (SQLite → PostgreSQL): `npm run admin -- copy-to <postgres-url>` (docs/deploy.md) moves an installation's
// data from the embedded SQLite database to a PostgreSQL database whose schema is at the same migration (the caller
// applies the PostgreSQL migrations first). One read snapshot of SQLite, one PostgreSQL transaction: every table's
// rows are inserted in foreign-key order, the counts are compared inside the transaction, and only then is it
// committed. A failure anywhere rolls everything back: the target is left as it was (empty). ServerTag is not copied:
// PostgreSQL computes the same tags from Server.tags (decision 030), and the count compared is theirs.

export interface CopyReport {
  tables: { name: string; rows: number }[];
  rows: number;
  ms: number;
}

export class CopyError extends Error {}

/** PostgreSQL caps a statement at 65,535 bind parameters. */
const MAX_PARAMETERS = 60_000;
const MAX_ROWS_PER_INSERT = 1_000;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Tables PostgreSQL does not keep, each with the query that counts what it holds instead (decision 030): ServerTag,
 * SQLite's index of the servers' tags, is Server.tagList there, computed from Server.tags as each server is copied.
 */
const DERIVED_ON_POSTGRES: Readonly<Record<string, string>> = {
  ServerTag: `SELECT COALESCE(SUM(cardinality("tagList")), 0) AS n FROM "Server"`,
};

interface TargetColumn {
  name: string;
  /** information_schema.columns.data_type */
  type: string;
}

/** Tables (Prisma's migration table aside) in an order where every table comes after those it references. */
function tablesInForeignKeyOrder(source: Database.Database): string[] {
  const names = source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name").pluck().all() as string[];
  const references = new Map(names.map((name) => [name, (source.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as { table: string }[]).map((fk) => fk.table).filter((table) => table !== name)]));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.filter((name) => !placed.has(name) && (references.get(name) ?? []).every((table) => placed.has(table) || !references.has(table)));
    if (next.length === 0) throw new CopyError(`the tables' foreign keys form a cycle (${names.filter((name) => !placed.has(name)).join(", ")}): cannot order the copy`);
    for (const name of next) {
      placed.add(name);
      ordered.push(name);
    }
  }
  return ordered;
}

/** A SQLite value as the PostgreSQL column takes it (SQLite keeps booleans as 0/1 and DateTime as ISO text). */
export function toPostgresValue(value: unknown, column: TargetColumn): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === "boolean") return value === 1 || value === 1n || value === true || value === "1" || value === "true";
  if (column.type.startsWith("timestamp")) {
    const date = typeof value === "number" || typeof value === "bigint" ? new Date(Number(value)) : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new CopyError(`column ${column.name}: "${String(value)}" is not a date-time`);
    // Prisma keeps DateTime in UTC in a timestamp without time zone: the UTC wall time, whatever this process's TZ.
    return column.type === "timestamp with time zone" ? date.toISOString() : date.toISOString().replace("T", " ").replace("Z", "");
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** The target's columns per table, except those the database computes (Server.failingList, decisions 021 and 029): they are not copied. */
async function targetColumns(client: pg.ClientBase): Promise<Map<string, TargetColumn[]>> {
  const rows = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position",
  );
  const tables = new Map<string, TargetColumn[]>();
  for (const row of rows.rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), { name: row.column_name, type: row.data_type }]);
  return tables;
}

async function insertBatch(client: pg.ClientBase, table: string, columns: TargetColumn[], rows: unknown[][]): Promise<void> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value, index) => {
    params.push(toPostgresValue(value, columns[index]));
    return `$${params.length}`;
  }).join(", ")})`);
  await client.query(`INSERT INTO ${quote(table)} (${columns.map((column) => quote(column.name)).join(", ")}) VALUES ${tuples.join(", ")}`, params);
}

/**
 * Copies every table of the SQLite database at `sqliteFile` into the PostgreSQL database at `postgresUrl`, which must
 * have the same tables and columns (its migrations applied) and hold no rows yet. Returns the rows copied per table.
 */
export async function copySqliteToPostgres(sqliteFile: string, postgresUrl: string, log: (line: string) => void = () => {}): Promise<CopyReport> {
  const started = performance.now();
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: postgresUrl });
  try {
    await client.connect();
    source.exec("BEGIN"); // one snapshot of every table, even while the app keeps writing
    const order = tablesInForeignKeyOrder(source);
    const target = await targetColumns(client);

    // Same tables and columns on both sides, or nothing is copied.
    const problems: string[] = [];
    const columnsOf = new Map<string, TargetColumn[]>();
    for (const table of order) {
      const sourceColumns = (source.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((column) => column.name);
      const targetTable = target.get(table);
      if (!targetTable) {
        problems.push(`table ${table} is missing`);
        continue;
      }
      const byName = new Map(targetTable.map((column) => [column.name, column]));
      const missing = sourceColumns.filter((name) => !byName.has(name));
      const extra = targetTable.filter((column) => !sourceColumns.includes(column.name)).map((column) => column.name);
      if (missing.length > 0) problems.push(`${table} lacks column(s) ${missing.join(", ")}`);
      if (extra.length > 0) problems.push(`${table} has column(s) the SQLite database does not: ${extra.join(", ")}`);
      columnsOf.set(table, sourceColumns.map((name) => byName.get(name)!).filter(Boolean));
    }
    if (problems.length > 0) {
      throw new CopyError(`The PostgreSQL database's schema does not match this version's (${problems.slice(0, 10).join("; ")}${problems.length > 10 ? `; and ${problems.length - 10} more` : ""}). Apply this version's migrations to it first.`);
    }
    const notEmpty: string[] = [];
    for (const table of order) {
      const has = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS has`);
      if (has.rows[0].has) notEmpty.push(table);
    }
    if (notEmpty.length > 0) throw new CopyError(`The PostgreSQL database already holds data (${notEmpty.join(", ")}): copy-to only fills an empty database.`);

    await client.query("BEGIN");
    const tables: CopyReport["tables"] = [];
    try {
      for (const table of order) {
        if (Object.hasOwn(DERIVED_ON_POSTGRES, table)) {
          const rows = source.prepare(`SELECT COUNT(*) FROM ${quote(table)}`).pluck().get() as number;
          tables.push({ name: table, rows });
          log(`${table}\t${rows}\t(computed by PostgreSQL from Server.tags)`);
          continue;
        }
        const columns = columnsOf.get(table)!;
        const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length)));
        const read = source.prepare(`SELECT ${columns.map((column) => quote(column.name)).join(", ")} FROM ${quote(table)}`).raw(true);
        let batch: unknown[][] = [];
        let rows = 0;
        for (const row of read.iterate() as Iterable<unknown[]>) {
          batch.push(row);
          if (batch.length === perInsert) {
            await insertBatch(client, table, columns, batch);
            rows += batch.length;
            batch = [];
          }
        }
        if (batch.length > 0) {
          await insertBatch(client, table, columns, batch);
          rows += batch.length;
        }
        tables.push({ name: table, rows });
        log(`${table}\t${rows}`);
      }
      // Verified inside the transaction: what PostgreSQL holds is what SQLite held.
      const mismatches: string[] = [];
      for (const { name, rows } of tables) {
        const expected = source.prepare(`SELECT COUNT(*) FROM ${quote(name)}`).pluck().get() as number;
        const copied = Number((await client.query(DERIVED_ON_POSTGRES[name] ?? `SELECT COUNT(*) AS n FROM ${quote(name)}`)).rows[0].n);
        if (copied !== expected || rows !== expected) mismatches.push(`${name}: ${expected} in SQLite, ${copied} in PostgreSQL`);
      }
      if (mismatches.length > 0) throw new CopyError(`The counts differ after the copy (${mismatches.join("; ")}): nothing was kept.`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    return { tables, rows: tables.reduce((sum, table) => sum + table.rows, 0), ms: performance.now() - started };
  } catch (error) {
    if (error instanceof CopyError) throw error;
    throw new CopyError(`The copy to PostgreSQL failed: ${error instanceof Error ? error.message : String(error)}. Nothing was kept.`);
  } finally {
    if (source.inTransaction) source.exec("COMMIT");
    source.close();
    await client.end().catch(() => {});
  }
}

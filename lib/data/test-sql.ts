import { readFileSync } from "node:fs";
import { databaseKind, type DatabaseKind } from "./database-kind";
import { failingRulesOf, waivedRulesOf } from "./ingest/statuses";
import { writePool } from "./postgres/pool";
import { numbered } from "./postgres/sql";
import { sqlite } from "./sqlite/connection";

// TESTS ONLY: raw SQL on whichever database the test file runs on (test/setup-db.ts: SQLite by default, PostgreSQL
// under `npm run test:pg`), for the few assertions Prisma cannot express (a trigger that makes the audit write fail,
// the append-only check, a row written behind the app's back). Portable SQL: quoted identifiers ("Server"."fqdn") and
// `?` placeholders (numbered $1, $2, … for PostgreSQL). Where the SQL really differs, `perDatabase` picks the text.
// Reads that Prisma can do go through db() instead. Rows come back as each driver gives them: counts are numbers on
// both (the write pool parses int8), booleans are 0/1 on SQLite and true/false on PostgreSQL.

export type SqlRow = Record<string, unknown>;

/** The text for the database in use. */
export function perDatabase<T>(texts: Record<DatabaseKind, T>): T {
  return texts[databaseKind()];
}

export async function sqlAll<T = SqlRow>(sql: string, ...params: unknown[]): Promise<T[]> {
  if (databaseKind() === "postgres") return (await writePool().query(numbered(sql), params)).rows as T[];
  return sqlite().prepare(sql).all(...params) as T[];
}

export async function sqlGet<T = SqlRow>(sql: string, ...params: unknown[]): Promise<T | undefined> {
  return (await sqlAll<T>(sql, ...params))[0];
}

/** Runs one statement that returns no rows; the number of rows it changed. */
export async function sqlRun(sql: string, ...params: unknown[]): Promise<number> {
  if (databaseKind() === "postgres") return (await writePool().query(numbered(sql), params)).rowCount ?? 0;
  return sqlite().prepare(sql).run(...params).changes;
}

/** Runs a script of statements without parameters (DDL). */
export async function sqlExec(sql: string): Promise<void> {
  if (databaseKind() === "postgres") await writePool().query(sql);
  else sqlite().exec(sql);
}

/** COUNT(*) of a table. */
export async function countRows(table: string): Promise<number> {
  const row = await sqlGet<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "${table}"`);
  return Number(row!.n);
}

/**
 * The column to ORDER BY for insertion order: SQLite's rowid; PostgreSQL's ctid (the row's physical place), which
 * follows insertion order only for a table whose rows were never updated or deleted since (AuditEntry, Evaluation,
 * ReadinessSnapshot in a test's own database) — the only tables this is used for.
 */
export function insertionOrder(): string {
  return perDatabase({ sqlite: "rowid", postgres: "ctid" });
}

/** Empties the tables, in the order given (children before parents): a test's fresh start inside its file's database. */
export async function clearTables(tables: readonly string[]): Promise<void> {
  for (const table of tables) await sqlRun(`DELETE FROM "${table}"`);
}

/**
 * One statement of a migration file, from its first line that starts with `start` to its semicolon: a migration's data
 * step, run again on a test database that is already fully migrated (its DDL would fail there).
 */
export function migrationStatement(file: string, start: string): string {
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(start);
  if (at === -1) throw new Error(`${file}: no statement starting with ${start}`);
  return text.slice(at, text.indexOf(";", at) + 1);
}

/** The migrations that added Server's rule lists (decision 029). */
const RULE_LIST_MIGRATIONS = { failingRules: "20261207162226_failing_rules_column", waivedRules: "20261207172626_waived_rules_column" } as const;

/** A rule-list migration's data step (the column from every server's statuses), for the database in use. */
export function ruleListFillSql(column: keyof typeof RULE_LIST_MIGRATIONS): string {
  const folder = RULE_LIST_MIGRATIONS[column];
  const file = perDatabase({ sqlite: `prisma/migrations/${folder}/migration.sql`, postgres: `prisma/postgresql/migrations/${folder}/migration.sql` });
  return migrationStatement(file, `UPDATE "Server" SET "${column}"`);
}

/** A server's stored statuses with the rule lists the evaluation writes beside them (failingRulesOf, waivedRulesOf). */
export function withRuleLists(statuses: string): { statuses: string; failingRules: string; waivedRules: string } {
  return { statuses, failingRules: failingRulesOf(statuses), waivedRules: waivedRulesOf(statuses) };
}

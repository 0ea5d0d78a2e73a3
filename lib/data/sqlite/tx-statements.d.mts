import type Database from "better-sqlite3";

export type TxValue = string | number | null;

export class TxStatements {
  constructor(db: Database.Database);
  statement(sql: string): Database.Statement;
  all(sql: string, params?: readonly TxValue[]): unknown[];
  get(sql: string, params?: readonly TxValue[]): unknown;
  run(sql: string, params?: readonly TxValue[]): number;
  insertRows(table: string, columnNames: readonly string[], rows: readonly (readonly TxValue[])[]): void;
  updateRows(table: string, columnNames: readonly string[], key: string, rows: readonly (readonly TxValue[])[]): void;
}

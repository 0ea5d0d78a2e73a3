import "server-only";
import Database from "better-sqlite3";
import { existsSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { sqlitePathFromUrl } from "../migrations/apply-migrations.mjs";
import { createDatabaseFile } from "../migrations/database-file.mjs";
import { sqlite } from "./connection";

// RAW SQL (SQLite): `npm run admin -- backup <file>` (docs/deploy.md). SQLite's online backup API copies the live
// database page by page while the app keeps serving (a commit during the copy restarts the step it touched), so the
// copy is one consistent snapshot; a plain `cp` of the database file without its -wal would not be.

export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
  /** Rows per table in the copy (every table of the schema, Prisma's migration table included). */
  tables: { name: string; rows: number }[];
}

export class BackupError extends Error {}

/** The live database's path (DATABASE_URL, SQLite only). */
function liveDatabaseFile(): string {
  return path.resolve(sqlitePathFromUrl(env().DATABASE_URL));
}

/** The same file, through symbolic links and relative paths (a backup must never overwrite the live database). */
function sameFile(a: string, b: string): boolean {
  const real = (file: string) => (existsSync(file) ? realpathSync(file) : path.resolve(file));
  return real(a) === real(b);
}

/**
 * Copies the live database into `target` (mode 0600) with SQLite's online backup API, then checks the copy
 * (`PRAGMA integrity_check`) and makes it a self-contained file (rollback journal instead of WAL: no -wal/-shm beside
 * it). The copy is written beside the target under a temporary name and renamed into place only when it checked
 * out, so a failed backup leaves no partial file. An existing target is refused unless `overwrite`.
 */
export async function backupDatabase(target: string, { overwrite = false }: { overwrite?: boolean } = {}): Promise<BackupReport> {
  const file = path.resolve(target);
  const live = liveDatabaseFile();
  if (sameFile(file, live) || [`${live}-wal`, `${live}-shm`, `${live}-journal`].some((sidecar) => sameFile(file, sidecar))) {
    throw new BackupError(`${target} is the live database (or one of its files): choose another file.`);
  }
  if (existsSync(file) && !overwrite) throw new BackupError(`${target} exists: choose a new file, or pass --force to replace it.`);
  const partial = `${file}.partial-${process.pid}`;
  try {
    rmSync(partial, { force: true });
    createDatabaseFile(partial); // 0600 before SQLite writes a page into it
    const { totalPages } = await sqlite().backup(partial);
    const copy = new Database(partial);
    let tables: BackupReport["tables"];
    try {
      const check = copy.pragma("integrity_check") as { integrity_check: string }[];
      if (check.length !== 1 || check[0].integrity_check !== "ok") {
        throw new BackupError(`the copy failed SQLite's integrity check: ${check.map((row) => row.integrity_check).slice(0, 5).join("; ")}`);
      }
      copy.pragma("journal_mode = DELETE");
      const names = copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
      tables = names.map((name) => ({ name, rows: copy.prepare(`SELECT COUNT(*) FROM "${name.replaceAll('"', '""')}"`).pluck().get() as number }));
    } finally {
      copy.close();
    }
    for (const sidecar of ["-wal", "-shm", "-journal"]) rmSync(`${partial}${sidecar}`, { force: true });
    renameSync(partial, file);
    const bytes = statSync(file).size;
    return { file, bytes, pages: totalPages, tables };
  } catch (error) {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) {
      try {
        rmSync(leftover, { force: true });
      } catch {
        // the folder itself is unusable: nothing was written there
      }
    }
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup to ${target} failed: ${error instanceof Error ? error.message : String(error)}. Nothing was written.`);
  }
}

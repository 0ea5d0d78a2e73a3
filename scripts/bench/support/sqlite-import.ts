// The reference the ingest budget is compared with: the sqlite3 CLI's `.import --csv` of the same CSV into a fresh
// table of a fresh temporary database (no parsing beyond CSV, no validation, no evaluation, no indexes).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const SQLITE3_CLI = "/usr/bin/sqlite3";

/** Milliseconds `sqlite3 <fresh db> ".import --csv <file> inventory"` takes for `csv` (best of `runs`); undefined without the CLI. */
export function sqliteImportMs(csv: string, runs = 3): { ms: number; rows: number } | undefined {
  if (!existsSync(SQLITE3_CLI)) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), "csr-bench-import-"));
  try {
    const file = path.join(dir, "inventory.csv");
    writeFileSync(file, csv);
    let best = Number.POSITIVE_INFINITY;
    let rows = 0;
    for (let run = 0; run < runs; run++) {
      const db = path.join(dir, `import-${run}.db`);
      const started = performance.now();
      const result = spawnSync(SQLITE3_CLI, [db, `.import --csv ${file} inventory`], { encoding: "utf8" });
      const ms = performance.now() - started;
      if (result.status !== 0) throw new Error(`sqlite3 .import failed (${result.status}): ${result.stderr.trim()}`);
      best = Math.min(best, ms);
      rows = Number(spawnSync(SQLITE3_CLI, [db, "SELECT COUNT(*) FROM inventory"], { encoding: "utf8" }).stdout.trim());
    }
    return { ms: best, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

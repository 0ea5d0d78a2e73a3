import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { sqlite } from "../sqlite/connection";
import { applyMigrations } from "./apply-migrations.mjs";
import { createDatabaseFile } from "./database-file.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "csr-file-mode-"));
const modeOf = (file: string) => statSync(file).mode & 0o777;

// The usual umask (0022) would leave a newly created file world-readable (0644).
let previousUmask: number;
beforeAll(() => {
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});

describe("the database file mode", () => {
  it("the migrator creates a fresh database, its WAL and shared memory 0600", () => {
    const file = path.join(dir, "migrated", "app.db");
    applyMigrations({ url: `file:${file}` });
    expect(modeOf(file)).toBe(0o600);

    const db = new Database(file);
    db.prepare("INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('x', 'y', 'z')").run();
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    expect(modeOf(`${file}-shm`)).toBe(0o600);
    db.close();
  });

  it("the raw SQLite connection creates a database it opens first 0600, WAL included", () => {
    const file = path.join(dir, "direct", "app.db");
    process.env.DATABASE_URL = `file:${file}`;
    process.env.CSR_AUTO_MIGRATE = "0";
    resetEnvCache();
    const db = sqlite();
    db.exec("CREATE TABLE t (x INTEGER)");
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    expect(modeOf(`${file}-shm`)).toBe(0o600);
  });

  it("leaves an existing file and its mode alone", () => {
    const file = path.join(dir, "existing.db");
    writeFileSync(file, "");
    chmodSync(file, 0o640);
    expect(createDatabaseFile(file)).toBe(false);
    expect(modeOf(file)).toBe(0o640);
  });
});

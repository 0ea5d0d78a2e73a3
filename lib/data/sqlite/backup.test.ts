import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { sqlitePathFromUrl } from "../migrations/apply-migrations.mjs";
import { db } from "../db";
import { backupDatabase } from "./backup";
import { sqlite } from "./connection";

const dir = mkdtempSync(path.join(os.tmpdir(), "csr-backup-"));

// SQLite only: backup copies the embedded database (PostgreSQL is backed up with pg_dump).
describe.skipIf(process.env.CSR_TEST_DB === "postgres")("backupDatabase (npm run admin -- backup)", () => {
  it("copies the live database into a self-contained 0600 file that passes the integrity check, with every row", async () => {
    await db().user.create({ data: { email: "backup@example.com", name: "Backup", role: "admin", passwordHash: "x" } });
    const users = await db().user.count();
    const target = path.join(dir, "copy.db");
    const report = await backupDatabase(target);
    expect(report.file).toBe(target);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(report.bytes).toBe(statSync(target).size);
    expect(report.tables.find((table) => table.name === "User")?.rows).toBe(users);
    expect(report.tables.map((table) => table.name)).toContain("_prisma_migrations");
    // Self-contained: no -wal or -shm beside it, and it opens on its own in rollback-journal mode.
    expect(readdirSync(dir).filter((name) => name.startsWith("copy.db"))).toEqual(["copy.db"]);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(copy.prepare("SELECT email FROM User WHERE email = ?").pluck().get("backup@example.com")).toBe("backup@example.com");
    copy.close();
  });

  it("takes a consistent snapshot while another connection holds a write transaction open", async () => {
    sqlite();
    const writer = new Database(sqlitePathFromUrl(env().DATABASE_URL));
    writer.exec("BEGIN IMMEDIATE");
    writer.prepare("INSERT INTO User (id, email, name, role, passwordHash, createdAt, updatedAt) VALUES ('uncommitted', 'uncommitted@example.com', 'U', 'viewer', 'x', '2026-12-06T00:00:00.000+00:00', '2026-12-06T00:00:00.000+00:00')").run();
    try {
      const target = path.join(dir, "during-write.db");
      await backupDatabase(target);
      const copy = new Database(target, { readonly: true });
      expect(copy.prepare("SELECT COUNT(*) FROM User WHERE id = 'uncommitted'").pluck().get()).toBe(0);
      copy.close();
    } finally {
      writer.exec("ROLLBACK");
      writer.close();
    }
  });

  it("refuses the live database, an existing file (unless overwrite), and leaves nothing behind when it fails", async () => {
    const live = sqlitePathFromUrl(env().DATABASE_URL);
    await expect(backupDatabase(live)).rejects.toThrow(/is the live database/);
    await expect(backupDatabase(`${live}-wal`)).rejects.toThrow(/is the live database/);

    const existing = path.join(dir, "existing.db");
    writeFileSync(existing, "keep me");
    await expect(backupDatabase(existing)).rejects.toThrow(/exists: choose a new file, or pass --force/);
    const replaced = await backupDatabase(existing, { overwrite: true });
    expect(replaced.tables.length).toBeGreaterThan(5);

    const missingFolder = path.join(dir, "no-such-folder", "sub", "copy.db");
    // createDatabaseFile makes the folder; a path under a file cannot be made.
    const underAFile = path.join(existing, "copy.db");
    await expect(backupDatabase(underAFile)).rejects.toThrow(/The backup to .* failed: .*Nothing was written\./);
    expect(existsSync(underAFile)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes(".partial-"))).toEqual([]);
    await backupDatabase(missingFolder);
    expect(existsSync(missingFolder)).toBe(true);
  });
});

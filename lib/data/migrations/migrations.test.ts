import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, listMigrations } from "./apply-migrations.mjs";
import { diffFolderToDatamodel, loadSchemaEngine, migrationsList } from "./schema-engine.mjs";

const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
const filters = { externalTables: [], externalEnums: [] };

function tempUrl(name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "csr-mig-"));
  return { url: `file:${path.join(dir, name)}`, file: path.join(dir, name), dir };
}

function schemaOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all();
  } finally {
    db.close();
  }
}

function historyOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished, rolled_back_at FROM _prisma_migrations ORDER BY migration_name")
      .all();
  } finally {
    db.close();
  }
}

describe("offline migrations", () => {
  it("produce the same schema and history as Prisma's own schema engine", async () => {
    const ours = tempUrl("ours.db");
    const prismas = tempUrl("prisma.db");
    applyMigrations({ url: ours.url });
    const { engine } = await loadSchemaEngine({ url: prismas.url, schemaPath: SCHEMA_PATH });
    await engine.applyMigrations({ migrationsList: migrationsList(DEFAULT_MIGRATIONS_DIR, listMigrations()), filters });
    // The engine keeps its connection in exclusive locking mode; read a copy of what it committed.
    const copy = path.join(prismas.dir, "copy.db");
    cpSync(prismas.file, copy);

    expect(schemaOf(ours.file)).toEqual(schemaOf(copy));
    expect(historyOf(ours.file)).toEqual(historyOf(copy));
    expect(historyOf(ours.file).length).toBe(listMigrations().length);
  });

  it("leave a database that Prisma's engine reports as fully migrated", async () => {
    const ours = tempUrl("ours.db");
    applyMigrations({ url: ours.url });
    const { engine } = await loadSchemaEngine({ url: ours.url, schemaPath: SCHEMA_PATH });
    const status = await engine.diagnoseMigrationHistory({
      migrationsList: migrationsList(DEFAULT_MIGRATIONS_DIR, listMigrations()),
      optInToShadowDatabase: false,
      filters,
    });
    expect(status).toMatchObject({ history: null, failedMigrationNames: [], editedMigrationNames: [], hasMigrationsTable: true });
  });

  it("are idempotent and put SQLite in WAL mode", () => {
    const { url, file } = tempUrl("twice.db");
    expect(applyMigrations({ url }).length).toBe(listMigrations().length);
    expect(applyMigrations({ url })).toEqual([]);
    const db = new Database(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("record a failed migration and refuse to continue, as Prisma does (P3009)", () => {
    const { url, dir } = tempUrl("failing.db");
    const folder = path.join(dir, "migrations");
    cpSync(DEFAULT_MIGRATIONS_DIR, folder, { recursive: true });
    const broken = path.join(folder, "99999999999999_broken");
    cpSync(path.join(folder, listMigrations()[0]!.name), broken, { recursive: true });
    writeFileSync(path.join(broken, "migration.sql"), "CREATE TABLE \"Broken\" (id TEXT);\nTHIS IS NOT SQL;\n");

    expect(() => applyMigrations({ url, migrationsDir: folder })).toThrow(/99999999999999_broken failed/);
    expect(() => applyMigrations({ url, migrationsDir: folder })).toThrow(/P3009/);
  });

  it("check detects a schema.prisma change that no migration captures", async () => {
    const datamodel = readFileSync(SCHEMA_PATH, "utf8");
    const scratch = tempUrl("scratch.db");
    const common = { migrationsDir: DEFAULT_MIGRATIONS_DIR, migrations: listMigrations(), schemaPath: SCHEMA_PATH, scratchUrl: scratch.url };

    expect(await diffFolderToDatamodel({ ...common, datamodel })).toBe("");
    const withColumn = datamodel.replace("model User {\n", "model User {\n  nickname String?\n");
    expect(await diffFolderToDatamodel({ ...common, datamodel: withColumn })).toMatch(/ALTER TABLE "User" ADD COLUMN "nickname"/);
    const withIndex = datamodel.replace("  @@index([userId])\n", "  @@index([userId])\n  @@index([createdAt])\n");
    expect(await diffFolderToDatamodel({ ...common, datamodel: withIndex })).toMatch(/CREATE INDEX "Session_createdAt_idx"/);
    const withModel = `${datamodel}\nmodel Extra {\n  id String @id\n}\n`;
    expect(await diffFolderToDatamodel({ ...common, datamodel: withModel })).toMatch(/CREATE TABLE "Extra"/);
  });
});

import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations } from "./apply-migrations.mjs";
import { applyPostgresMigrations, postgresMigrationState } from "./apply-postgres-migrations.mjs";
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from "./pg-throwaway.mjs";
import { POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA_PATH } from "./postgres-schema.mjs";
import { loadPostgresSchemaEngine, migrationsList } from "./schema-engine.mjs";

const names = listMigrations(POSTGRES_MIGRATIONS_DIR).map((m: { name: string }) => m.name);

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const historyColumns = (url: string) =>
  query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>(
    url,
    "SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY column_name",
  );

describe.skipIf(postgresBinDir() === null && !process.env.CI)("PostgreSQL migrations at start (advisory lock)", () => {
  let cluster: ThrowawayPostgres;
  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it("three instances starting together apply each migration once", async () => {
    const url = await cluster.createDatabase("together");
    expect(await postgresMigrationState({ url })).toEqual({ applied: [], pending: names, failed: [] });
    const results = await Promise.all([1, 2, 3].map(() => applyPostgresMigrations({ url })));
    expect(results.flat().sort()).toEqual(names);
    const rows = await query<{ migration_name: string; applied_steps_count: number; done: boolean }>(
      url,
      'SELECT migration_name, applied_steps_count, finished_at IS NOT NULL AS done FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows).toEqual(names.map((name) => ({ migration_name: name, applied_steps_count: 1, done: true })));
    expect(await applyPostgresMigrations({ url })).toEqual([]);
    expect(await postgresMigrationState({ url })).toEqual({ applied: names, pending: [], failed: [] });
  }, 60_000);

  it("writes the history table as Prisma's engine does, and the engine finds nothing to do on it", async () => {
    const ours = await cluster.createDatabase("ours");
    await applyPostgresMigrations({ url: ours });
    const theirs = await cluster.createDatabase("theirs");
    const datamodel = readFileSync(POSTGRES_SCHEMA_PATH, "utf8");
    const list = migrationsList(POSTGRES_MIGRATIONS_DIR, listMigrations(POSTGRES_MIGRATIONS_DIR));
    const filters = { externalTables: [], externalEnums: [] };
    const engineOnTheirs = await loadPostgresSchemaEngine({ url: theirs, schemaPath: POSTGRES_SCHEMA_PATH, datamodel });
    await engineOnTheirs.engine.applyMigrations({ migrationsList: list, filters });
    expect(await historyColumns(ours)).toEqual(await historyColumns(theirs));

    const engineOnOurs = await loadPostgresSchemaEngine({ url: ours, schemaPath: POSTGRES_SCHEMA_PATH, datamodel });
    const status = await engineOnOurs.engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters });
    expect(status.history).toBeNull();
    expect(status.failedMigrationNames).toEqual([]);
    expect(status.editedMigrationNames).toEqual([]);
    expect((await engineOnOurs.engine.applyMigrations({ migrationsList: list, filters })).appliedMigrationNames).toEqual([]);

    // The hand-written DO block of …_server_lz4_compression runs alike through both (the engine splits scripts at semicolons).
    const compression = (url: string) =>
      query<{ attname: string; attcompression: string }>(
        url,
        `SELECT attname, attcompression FROM pg_attribute WHERE attrelid = '"Server"'::regclass AND attname IN ('factsJson', 'statuses', 'unknownRules') ORDER BY attname`,
      );
    const lz4 = ["factsJson", "statuses", "unknownRules"].map((attname) => ({ attname, attcompression: "l" }));
    expect(await compression(ours)).toEqual(lz4);
    expect(await compression(theirs)).toEqual(lz4);
  }, 60_000);

  it("records a failing migration and then refuses to run (P3009), leaving none of its DDL behind", async () => {
    const url = await cluster.createDatabase("failing");
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(tmpdir(), "csr-pgmig-"));
    try {
      mkdirSync(path.join(dir, "001_ok"));
      writeFileSync(path.join(dir, "001_ok", "migration.sql"), 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY);');
      mkdirSync(path.join(dir, "002_bad"));
      writeFileSync(path.join(dir, "002_bad", "migration.sql"), 'CREATE TABLE "B" ("id" TEXT);\nSELECT no_such_function();');
      await expect(applyPostgresMigrations({ url, migrationsDir: dir })).rejects.toThrow(/002_bad failed/);
      expect(await query(url, "SELECT to_regclass('\"B\"') IS NULL AS gone")).toEqual([{ gone: true }]);
      expect(await postgresMigrationState({ url, migrationsDir: dir })).toEqual({ applied: ["001_ok"], pending: [], failed: ["002_bad"] });
      await expect(applyPostgresMigrations({ url, migrationsDir: dir })).rejects.toThrow(/P3009/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

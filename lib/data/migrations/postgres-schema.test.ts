import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  POSTGRES_MIGRATIONS_DIR,
  POSTGRES_ONLY,
  POSTGRES_ONLY_BEGIN,
  POSTGRES_ONLY_END,
  POSTGRES_SCHEMA_PATH,
  SQLITE_SCHEMA_PATH,
  postgresDatamodel,
} from "./postgres-schema.mjs";
import { listMigrations } from "./apply-migrations.mjs";
import { postgresBinDir, startThrowawayPostgres } from "./pg-throwaway.mjs";
import { loadPostgresSchemaEngine, migrationsList } from "./schema-engine.mjs";

const SOURCE = readFileSync(SQLITE_SCHEMA_PATH, "utf8");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("PostgreSQL schema derived from prisma/schema.prisma", () => {
  it("changes only the provider and the client's output, adds the marked PostgreSQL-only blocks, and says it is generated", () => {
    const derived = postgresDatamodel(SOURCE);
    expect(derived).toMatch(/^\/\/ GENERATED from prisma\/schema\.prisma/);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).not.toContain('provider = "sqlite"');
    expect(derived).toContain('"../../lib/generated/prisma-postgresql"');
    const models = (text: string) => text.slice(text.indexOf("/// A person who signs in"));
    const blocks = new RegExp(`\\n${escape(POSTGRES_ONLY_BEGIN)}\\n[\\s\\S]*?${escape(POSTGRES_ONLY_END)}\\n`, "g");
    expect(derived.match(blocks)).toHaveLength(Object.keys(POSTGRES_ONLY.models).length);
    expect(models(derived).replace(blocks, "")).toBe(models(SOURCE));
    // Each block sits at the end of its model (decisions 021 and 029: Server's failingList and its GIN index).
    const server = /^model Server \{\n[\s\S]*?^\}$/m.exec(derived)?.[0] ?? "";
    expect(server).toContain("failingList String[] @default(dbgenerated())");
    expect(server.endsWith(`${POSTGRES_ONLY_END}\n}`)).toBe(true);
  });

  it("is committed up to date (npm run db:migrate:create rewrites it)", () => {
    expect(readFileSync(POSTGRES_SCHEMA_PATH, "utf8")).toBe(postgresDatamodel(SOURCE));
  });

  it("refuses a source it cannot translate faithfully", () => {
    expect(() => postgresDatamodel(SOURCE.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/sqlite/);
    expect(() => postgresDatamodel(`${SOURCE}\nmodel X { id String @id @db.VarChar(10) }\n`)).toThrow(/native types/);
    expect(() => postgresDatamodel(SOURCE.replace("model Server {", "model Host {"))).toThrow(/model Server/);
  });
});

// Prisma's own (wasm) engine applies the committed PostgreSQL migrations on a throwaway cluster: the history table is
// the one Prisma's CLI reads, and the engine takes its advisory lock, so instances starting together migrate once.
describe.skipIf(postgresBinDir() === null && !process.env.CI)("PostgreSQL migrations through Prisma's engine", () => {
  it("apply from scratch, twice without change, and leave a history Prisma reports as up to date", async () => {
    const cluster = await startThrowawayPostgres();
    try {
      const url = await cluster.createDatabase("apply");
      const datamodel = readFileSync(POSTGRES_SCHEMA_PATH, "utf8");
      const list = migrationsList(POSTGRES_MIGRATIONS_DIR, listMigrations(POSTGRES_MIGRATIONS_DIR));
      const filters = { externalTables: [], externalEnums: [] };
      const { engine } = await loadPostgresSchemaEngine({ url, schemaPath: POSTGRES_SCHEMA_PATH, datamodel });
      const first = await engine.applyMigrations({ migrationsList: list, filters });
      expect(first.appliedMigrationNames).toEqual(listMigrations(POSTGRES_MIGRATIONS_DIR).map((m: { name: string }) => m.name));
      const second = await engine.applyMigrations({ migrationsList: list, filters });
      expect(second.appliedMigrationNames).toEqual([]);
      const status = await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters });
      expect(status.history).toBeNull();
      expect(status.failedMigrationNames).toEqual([]);
      expect(status.editedMigrationNames).toEqual([]);
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const rows = await client.query('SELECT migration_name, finished_at IS NOT NULL AS done FROM "_prisma_migrations"');
        expect(rows.rows.every((r: { done: boolean }) => r.done)).toBe(true);
        const tables = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
        expect(tables.rows[0].n).toBeGreaterThan(20);
      } finally {
        await client.end();
      }
    } finally {
      cluster.stop();
    }
  }, 60_000);
});

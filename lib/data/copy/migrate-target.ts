import "server-only";
import { readFileSync } from "node:fs";
import { listMigrations } from "../migrations/apply-migrations.mjs";
import { POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA_PATH } from "../migrations/postgres-schema.mjs";
import { loadPostgresSchemaEngine, migrationsList } from "../migrations/schema-engine.mjs";

/**
 * Applies this version's PostgreSQL migrations to `url` through Prisma's own engine (decision 019: it takes Prisma's
 * advisory lock and writes `_prisma_migrations` as the Prisma CLI does). Returns the names it applied.
 */
export async function applyPostgresMigrationsTo(url: string): Promise<string[]> {
  const { engine } = await loadPostgresSchemaEngine({ url, schemaPath: POSTGRES_SCHEMA_PATH, datamodel: readFileSync(POSTGRES_SCHEMA_PATH, "utf8") });
  const result = await engine.applyMigrations({
    migrationsList: migrationsList(POSTGRES_MIGRATIONS_DIR, listMigrations(POSTGRES_MIGRATIONS_DIR)),
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.appliedMigrationNames as string[];
}

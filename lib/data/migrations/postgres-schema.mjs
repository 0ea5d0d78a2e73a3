// The PostgreSQL schema is derived from the one source, prisma/schema.prisma (provider sqlite): the same models with
// the datasource provider set to postgresql and the client generated beside the SQLite one. Nothing else differs
// (the schema uses no @db.* native types), so there is no hand-kept second copy. The derived file is written to
// prisma/postgresql/schema.prisma for `prisma generate` and for an operator who takes over with the Prisma CLI;
// `npm run db:migrate:check` fails when it is stale.
import path from "node:path";

export const SQLITE_SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const POSTGRES_SCHEMA_PATH = path.resolve("prisma/postgresql/schema.prisma");
export const POSTGRES_MIGRATIONS_DIR = path.resolve("prisma/postgresql/migrations");

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:migrate:create` (or `node scripts/db-migrate.mjs schema`): do not edit.\n" +
  "// The same models for PostgreSQL (DATABASE_URL=postgresql://…); migrations in prisma/postgresql/migrations.\n";

/** prisma/schema.prisma's text -> the PostgreSQL schema's text. Throws when the source no longer has the expected shape. */
export function postgresDatamodel(sqliteDatamodel) {
  const datasource = /datasource\s+db\s*\{\s*provider\s*=\s*"sqlite"\s*\}/;
  const output = /output\s*=\s*"\.\.\/lib\/generated\/prisma"/;
  if (!datasource.test(sqliteDatamodel)) throw new Error('prisma/schema.prisma: expected `datasource db { provider = "sqlite" }`');
  if (!output.test(sqliteDatamodel)) throw new Error('prisma/schema.prisma: expected the generator output "../lib/generated/prisma"');
  if (/@db\./.test(sqliteDatamodel)) throw new Error("prisma/schema.prisma: native types (@db.*) would need a per-provider mapping");
  return (
    HEADER +
    sqliteDatamodel
      .replace(datasource, 'datasource db {\n  provider = "postgresql"\n}')
      .replace(output, 'output       = "../../lib/generated/prisma-postgresql"')
  );
}

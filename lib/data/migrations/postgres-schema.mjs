// The PostgreSQL schema is derived from the one source, prisma/schema.prisma (provider sqlite): the same models with
// the datasource provider set to postgresql and the client generated beside the SQLite one, plus the few
// PostgreSQL-only additions below (POSTGRES_ONLY: the failing-rule and tag filters' arrays and indexes, decisions 021
// and 030). The schema uses no @db.*
// native types, so there is no hand-kept second copy. The derived file is written to prisma/postgresql/schema.prisma
// for `prisma generate` and for an operator who takes over with the Prisma CLI; `npm run db:migrate:check` fails when
// it is stale.
import path from "node:path";

export const SQLITE_SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const POSTGRES_SCHEMA_PATH = path.resolve("prisma/postgresql/schema.prisma");
export const POSTGRES_MIGRATIONS_DIR = path.resolve("prisma/postgresql/migrations");

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:migrate:create` (or `node scripts/db-migrate.mjs schema`): do not edit.\n" +
  "// The same models for PostgreSQL (DATABASE_URL=postgresql://…); migrations in prisma/postgresql/migrations.\n";

/**
 * What only the PostgreSQL schema has (docs/decisions/021-postgresql-list-filters.md): each block is inserted, marked,
 * at the end of its model.
 */
export const POSTGRES_ONLY = {
  models: {
    Server: [
      "/// PostgreSQL only: `failingRules` split at the commas (\"0y\", …: rule codes), computed by the database",
      "/// (GENERATED ALWAYS AS (string_to_array(btrim(\"failingRules\", ','), ',')) STORED, written in the migration;",
      "/// Prisma never writes a @default(dbgenerated()) column). The failing-rule filter asks `failingList @> ARRAY['<code>']`",
      "/// through its GIN index instead of scanning with LIKE (lib/data/failing-rule-filter.ts; decisions 021 and 029).",
      "failingList String[] @default(dbgenerated())",
      "",
      "@@index([failingList], type: Gin)",
      "",
      "/// PostgreSQL only: `tags` (\",pilot,web,\", lower-case) split at the commas, computed by the database",
      "/// (GENERATED ALWAYS AS (string_to_array(btrim(\"tags\", ','), ',')) STORED, written in the migration). The tag filter",
      "/// asks `tagList @> ARRAY['<tag>']` through its GIN index; ServerTag, SQLite's index of the same tags, is not kept",
      "/// on PostgreSQL (lib/data/server-tag-filter.ts; decision 030).",
      "tagList String[] @default(dbgenerated())",
      "",
      "@@index([tagList], type: Gin)",
    ],
  },
};

export const POSTGRES_ONLY_BEGIN = "  // ---- PostgreSQL only (lib/data/migrations/postgres-schema.mjs POSTGRES_ONLY) ----";
export const POSTGRES_ONLY_END = "  // ---- end of PostgreSQL only ----";

function indent(lines) {
  return lines.map((line) => (line === "" ? "" : `  ${line}`)).join("\n");
}

/** prisma/schema.prisma's text -> the PostgreSQL schema's text. Throws when the source no longer has the expected shape. */
export function postgresDatamodel(sqliteDatamodel) {
  const datasource = /datasource\s+db\s*\{\s*provider\s*=\s*"sqlite"\s*\}/;
  const output = /output\s*=\s*"\.\.\/lib\/generated\/prisma"/;
  if (!datasource.test(sqliteDatamodel)) throw new Error('prisma/schema.prisma: expected `datasource db { provider = "sqlite" }`');
  if (!output.test(sqliteDatamodel)) throw new Error('prisma/schema.prisma: expected the generator output "../lib/generated/prisma"');
  if (/@db\./.test(sqliteDatamodel)) throw new Error("prisma/schema.prisma: native types (@db.*) would need a per-provider mapping");
  let text = sqliteDatamodel
    .replace(datasource, 'datasource db {\n  provider = "postgresql"\n}')
    .replace(output, 'output       = "../../lib/generated/prisma-postgresql"');
  for (const [model, lines] of Object.entries(POSTGRES_ONLY.models)) {
    const block = new RegExp(`^model ${model} \\{\\n[\\s\\S]*?(?=^\\}$)`, "m");
    if (!block.test(text)) throw new Error(`prisma/schema.prisma: expected a model ${model} for its PostgreSQL-only fields`);
    text = text.replace(block, (body) => `${body}\n${POSTGRES_ONLY_BEGIN}\n${indent(lines)}\n${POSTGRES_ONLY_END}\n`);
  }
  return HEADER + text;
}

#!/usr/bin/env node
// `npm run db:migrate:apply`: applies pending migrations to DATABASE_URL (default file:./data/app.db): SQLite's from
// prisma/migrations, or PostgreSQL's from prisma/postgresql/migrations under Prisma's advisory lock (decision 020).
import { DEFAULT_DATABASE_URL, databaseKindOf, redactDatabaseUrl } from "../lib/data/database-url.mjs";
import { applyMigrations } from "../lib/data/migrations/apply-migrations.mjs";
import { applyPostgresMigrations } from "../lib/data/migrations/apply-postgres-migrations.mjs";

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
try {
  const log = (line) => console.log(line);
  const applied = databaseKindOf(url) === "postgres" ? await applyPostgresMigrations({ url, log }) : applyMigrations({ url, log });
  console.log(applied.length ? `${applied.length} migration(s) applied to ${redactDatabaseUrl(url)}` : `database ${redactDatabaseUrl(url)} is up to date`);
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(1);
}

#!/usr/bin/env node
// `npm run db:migrate:apply`: applies pending migrations to DATABASE_URL (default file:./data/app.db).
import { applyMigrations } from "../lib/data/migrations/apply-migrations.mjs";

const url = process.env.DATABASE_URL ?? "file:./data/app.db";
try {
  const applied = applyMigrations({ url, log: (line) => console.log(line) });
  console.log(applied.length ? `${applied.length} migration(s) applied to ${url}` : `database ${url} is up to date`);
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(1);
}

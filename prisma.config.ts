import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, databaseKindOf } from "./lib/data/database-url.mjs";

// Prisma 7 reads the datasource URL from here, not from schema.prisma, and does not load .env.
// Relative `file:` URLs resolve against process.cwd(). The default matches lib/env.ts.
// A postgresql:// DATABASE_URL selects the PostgreSQL schema derived from prisma/schema.prisma and its migrations
// (docs/decisions/019 and 020), so an operator's `prisma migrate status/deploy` works on either database.
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const postgres = databaseKindOf(url) === "postgres";

export default defineConfig({
  schema: postgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgresql/migrations" : "prisma/migrations" },
  datasource: { url },
});

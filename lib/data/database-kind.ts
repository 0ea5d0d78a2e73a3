import { env } from "@/lib/env";
import { databaseKindOf, type DatabaseKind } from "./database-url.mjs";

export type { DatabaseKind } from "./database-url.mjs";

/**
 * The database of this process: "sqlite" (DATABASE_URL `file:…` or unset, the embedded default) or "postgres"
 * (`postgresql://…`). Only lib/data/ asks; pages, actions and routes never know which one is in use.
 */
export function databaseKind(): DatabaseKind {
  const kind = databaseKindOf(env().DATABASE_URL);
  if (kind === null) throw new Error("DATABASE_URL names neither SQLite (file:) nor PostgreSQL (postgresql://)");
  return kind;
}

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

/**
 * Thrown by a path that has no PostgreSQL implementation yet (the raw better-sqlite3 paths; decision 020, "Not yet").
 * Start-up work catches this one error so that a PostgreSQL instance still serves what it can.
 */
export class NoPostgresImplementationError extends Error {
  constructor() {
    super("this operation has no PostgreSQL implementation yet (raw SQLite path in lib/data/sqlite, issue 15)");
    this.name = "NoPostgresImplementationError";
  }
}

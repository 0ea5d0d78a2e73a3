// Which database DATABASE_URL names (docs/decisions/020-postgresql-runtime.md). Plain ESM so that the migrator,
// prisma.config.ts and scripts share it with the app; lib/data/database-kind.ts is the entry for the app.
// `file:…` (or nothing) is the embedded SQLite default; `postgresql://…` / `postgres://…` is PostgreSQL.

export const DEFAULT_DATABASE_URL = "file:./data/app.db";

/** "sqlite" | "postgres", or null when the URL names neither. */
export function databaseKindOf(url) {
  const value = (url ?? "").trim();
  if (value === "" || value.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(value)) return "postgres";
  return null;
}

/** The URL without its password, for logs and the health check. */
export function redactDatabaseUrl(url) {
  if (databaseKindOf(url) !== "postgres") return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgresql://(unparsable URL)";
  }
}

import "server-only";
import { databaseKind } from "./database-kind";

/**
 * A case-insensitive substring filter for a Prisma `where`, as the search boxes expect. SQLite's LIKE (Prisma's
 * `contains`) already ignores ASCII case; PostgreSQL's LIKE does not, so there it is `mode: "insensitive"`, which Prisma
 * sends as ILIKE (decision 020). Typed as the SQLite client's filter, which has no `mode`.
 */
export function containsText(value: string): { contains: string } {
  if (databaseKind() === "postgres") return { contains: value, mode: "insensitive" } as { contains: string };
  return { contains: value };
}

import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind } from "./database-kind";

/**
 * Servers with `tag` (compared lower-case: tags are stored lower-case, decision 016).
 *
 * SQLite: an EXISTS over ServerTag (one row per tag of a server, written with Server.tags), answered from its
 * (tag, serverId) index. PostgreSQL (decision 030): `"tagList" @> ARRAY['tag']`, answered from the GIN index on
 * `Server.tagList`, the server's tags split into an array by the database (a generated column that exists only in the
 * PostgreSQL schema, so the filter is cast: the SQLite client's types, which `db()` has on both, do not know it).
 * PostgreSQL keeps no ServerTag rows: for each new server they cost two index entries and a foreign-key check.
 */
export function serverTagWhere(tag: string): Prisma.ServerWhereInput {
  const wanted = tag.toLowerCase();
  if (databaseKind() === "postgres") return { tagList: { has: wanted } } as Prisma.ServerWhereInput;
  return { tagsRel: { some: { tag: wanted } } };
}

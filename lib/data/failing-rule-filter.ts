import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind } from "./database-kind";
import { statusEntry } from "./ingest/statuses";

/**
 * Servers whose stored statuses say `rule` fails ("code:f" in `Server.statuses`, decisions 006 and 025; `statusEntry`
 * turns the rule id into its stored entry).
 *
 * SQLite: `statuses LIKE 'code:f%' OR statuses LIKE '%,code:f%'`, a scan of the column (the entry is either first or
 * after a comma; codes are fixed length, so one is never the prefix of another).
 * PostgreSQL (decision 021): `"statusList" @> ARRAY['code:f']`, answered from the GIN index on `Server.statusList`,
 * the same statuses split into an array by the database (a generated column that exists only in the PostgreSQL
 * schema, so the filter is cast: the SQLite client's types, which `db()` has on both, do not know it). Exact element
 * equality: no prefix or wildcard questions, and a rule that fails on few servers reads only those rows.
 */
export function failingRuleWhere(rule: string): Prisma.ServerWhereInput {
  const entry = statusEntry(rule, "fail");
  if (databaseKind() === "postgres") return { statusList: { has: entry } } as Prisma.ServerWhereInput;
  return { OR: [{ statuses: { startsWith: entry } }, { statuses: { contains: `,${entry}` } }] };
}

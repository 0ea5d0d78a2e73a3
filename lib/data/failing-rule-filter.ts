import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind } from "./database-kind";

/**
 * Servers whose stored statuses say `rule` fails ("rule-id:f" in `Server.statuses`, decision 006).
 *
 * SQLite: `statuses LIKE 'rule:f%' OR statuses LIKE '%,rule:f%'`, a scan of the column (the statuses are sorted, so
 * the rule is either first or after a comma).
 * PostgreSQL (decision 021): `"statusList" @> ARRAY['rule:f']`, answered from the GIN index on `Server.statusList`,
 * the same statuses split into an array by the database (a generated column that exists only in the PostgreSQL
 * schema, so the filter is cast: the SQLite client's types, which `db()` has on both, do not know it). Exact element
 * equality: no prefix or wildcard questions, and a rule that fails on few servers reads only those rows.
 */
export function failingRuleWhere(rule: string): Prisma.ServerWhereInput {
  const entry = `${rule}:f`;
  if (databaseKind() === "postgres") return { statusList: { has: entry } } as Prisma.ServerWhereInput;
  return { OR: [{ statuses: { startsWith: entry } }, { statuses: { contains: `,${entry}` } }] };
}

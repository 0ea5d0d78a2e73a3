import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind } from "./database-kind";
import { ruleCode } from "./ingest/rule-codes";

/**
 * Servers on which `rule` fails: its code in `Server.failingRules` (",0y,15,": the codes of the rules whose stored
 * status is fail, written with `statuses` by failingRulesOf; decisions 006, 025 and 029).
 *
 * SQLite: `failingRules LIKE '%,code,%'`, a scan of a short column (≈ 4 codes a server, not the ≈ 45 entries of
 * `statuses`); the list is comma-delimited at both ends, so one code is never mistaken for part of another.
 * PostgreSQL (decisions 021 and 029): `"failingList" @> ARRAY['code']`, answered from the GIN index on
 * `Server.failingList`, the same list split into an array by the database (a generated column that exists only in the
 * PostgreSQL schema, so the filter is cast: the SQLite client's types, which `db()` has on both, do not know it).
 * Exact element equality: no prefix or wildcard questions, and a rule that fails on few servers reads only those rows.
 */
export function failingRuleWhere(rule: string): Prisma.ServerWhereInput {
  const code = ruleCode(rule);
  if (databaseKind() === "postgres") return { failingList: { has: code } } as Prisma.ServerWhereInput;
  return { failingRules: { contains: `,${code},` } };
}

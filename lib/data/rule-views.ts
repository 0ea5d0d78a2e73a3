import "server-only";
import { db } from "./db";

/** Servers per status of one rule (fleet-wide, from RuleSummary). `blocking`: servers it makes Not ready. */
export interface RuleCounts {
  pass: number;
  fail: number;
  unknown: number;
  waived: number;
  blocking: number;
}

export const NO_COUNTS: Readonly<RuleCounts> = { pass: 0, fail: 0, unknown: 0, waived: 0, blocking: 0 };

/** Per-rule server counts for the catalogue: one small indexed read, never the server rows. */
export async function listRuleCounts(): Promise<Record<string, RuleCounts>> {
  const rows = await db().ruleSummary.findMany();
  return Object.fromEntries(rows.map(({ ruleId, pass, fail, unknown, waived, blocking }) => [ruleId, { pass, fail, unknown, waived, blocking }]));
}

/** One rule's server counts (zeros when no server has a result for it). */
export async function getRuleCounts(ruleId: string): Promise<RuleCounts> {
  const row = await db().ruleSummary.findUnique({ where: { ruleId } });
  return row ? { pass: row.pass, fail: row.fail, unknown: row.unknown, waived: row.waived, blocking: row.blocking } : { ...NO_COUNTS };
}

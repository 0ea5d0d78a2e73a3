import "server-only";
import type { PlanServerRow } from "../sql-jobs";
import { sqlite } from "./connection";

// RAW SQL (SQLite): the action plan's reads (lib/data/action-plan.ts).

/** One pass over Server reading the roll-up lists; at 50,000 servers Prisma's row objects cost more than the plan itself (docs/performance.md "Action plan"). */
export async function readServers(domain: string | null): Promise<PlanServerRow[]> {
  const select = "SELECT id, domain, site, blockingRules, conditionRules, unknownBlockers FROM Server";
  return (domain === null ? sqlite().prepare(`${select} ORDER BY id`).all() : sqlite().prepare(`${select} WHERE domain = ? ORDER BY id`).all(domain)) as PlanServerRow[];
}

/** The newest ReadinessSnapshot row by rowid (rowids grow; snapshots are never deleted), an O(log n) lookup. */
export async function evaluationVersion(): Promise<string> {
  const row = sqlite().prepare("SELECT rowid AS n, id FROM ReadinessSnapshot ORDER BY rowid DESC LIMIT 1").get() as { n: number; id: string } | undefined;
  return row ? `${row.n}:${row.id}` : "none";
}

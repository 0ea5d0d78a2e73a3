import "server-only";
import { VERDICTS, type Verdict } from "@/lib/readiness";
import { db } from "./db";
import { staleBefore } from "./servers";

export type VerdictCounts = Record<Verdict, number>;

const zero = (): VerdictCounts => ({ ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 });

function countsFrom(rows: { verdict: string; _count: { _all: number } }[]): VerdictCounts {
  const counts = zero();
  for (const row of rows) if ((VERDICTS as readonly string[]).includes(row.verdict)) counts[row.verdict as Verdict] += row._count._all;
  return counts;
}

export interface FleetSummary {
  total: number;
  byVerdict: VerdictCounts;
  byDomain: { domain: string; total: number; byVerdict: VerdictCounts }[];
  topBlockingRules: { ruleId: string; servers: number }[];
  rules: { ruleId: string; pass: number; fail: number; unknown: number; waived: number; blocking: number }[];
  freshness: { oldest: string | null; newest: string | null; stale: number; staleAfterDays: number };
  trend: { at: string; ready: number; conditions: number; notReady: number; unknown: number }[];
}

/** Everything the overview and GET /api/summary show: grouped counts only, never the server rows. */
export async function getFleetSummary(now = new Date()): Promise<FleetSummary> {
  const server = db().server;
  const [byVerdict, byDomainVerdict, rules, freshness, stale, trend] = await Promise.all([
    server.groupBy({ by: ["verdict"], _count: { _all: true } }),
    server.groupBy({ by: ["domain", "verdict"], _count: { _all: true } }),
    db().ruleSummary.findMany({ orderBy: [{ blocking: "desc" }, { fail: "desc" }, { ruleId: "asc" }] }),
    server.aggregate({ _min: { factsCollectedAt: true }, _max: { factsCollectedAt: true } }),
    server.count({ where: { OR: [{ factsCollectedAt: null }, { factsCollectedAt: { lt: staleBefore(now) } }] } }),
    db().readinessSnapshot.findMany({ orderBy: { at: "desc" }, take: 200 }),
  ]);
  const domains = new Map<string, { verdict: string; _count: { _all: number } }[]>();
  for (const row of byDomainVerdict) domains.set(row.domain, [...(domains.get(row.domain) ?? []), row]);
  const verdictCounts = countsFrom(byVerdict);
  return {
    total: Object.values(verdictCounts).reduce((a, b) => a + b, 0),
    byVerdict: verdictCounts,
    byDomain: [...domains]
      .map(([domain, rows]) => {
        const counts = countsFrom(rows);
        return { domain, total: Object.values(counts).reduce((a, b) => a + b, 0), byVerdict: counts };
      })
      .sort((a, b) => b.total - a.total || a.domain.localeCompare(b.domain)),
    topBlockingRules: rules.filter((rule) => rule.blocking > 0).slice(0, 10).map((rule) => ({ ruleId: rule.ruleId, servers: rule.blocking })),
    rules: rules.map(({ ruleId, pass, fail, unknown, waived, blocking }) => ({ ruleId, pass, fail, unknown, waived, blocking })),
    freshness: {
      oldest: freshness._min.factsCollectedAt?.toISOString() ?? null,
      newest: freshness._max.factsCollectedAt?.toISOString() ?? null,
      stale,
      staleAfterDays: Math.round((now.getTime() - staleBefore(now).getTime()) / 86_400_000),
    },
    trend: trend
      .reverse()
      .map((point) => ({ at: point.at.toISOString(), ready: point.ready, conditions: point.conditions, notReady: point.notReady, unknown: point.unknown })),
  };
}

/** Per-rule server counts only (the rules catalogue). */
export async function listRuleCounts(): Promise<FleetSummary["rules"]> {
  const rows = await db().ruleSummary.findMany({ orderBy: { ruleId: "asc" } });
  return rows.map(({ ruleId, pass, fail, unknown, waived, blocking }) => ({ ruleId, pass, fail, unknown, waived, blocking }));
}

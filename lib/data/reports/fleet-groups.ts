import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { VERDICTS, type Verdict } from "@/lib/readiness";
import { getRule, type RuleSource } from "@/lib/rules";
import { db } from "../db";
import { undelimitRuleIds } from "../ingest/statuses";

// Grouped counts of the fleet report over the servers in scope: one GROUP BY per table, never the server rows.

export type VerdictCounts = Record<Verdict, number>;

export interface ReadinessGroup {
  /** Group key: domain, site or wave id ("" for servers without one). */
  key: string;
  label: string;
  total: number;
  byVerdict: VerdictCounts;
}

export interface RankedBlockingRule {
  ruleId: string;
  title: string;
  /** Servers in scope this rule makes Not ready. */
  servers: number;
  /** One paragraph: the rule's remediation summary followed by its steps. */
  remediation: string;
  source: RuleSource | null;
}

export const zeroVerdicts = (): VerdictCounts => ({ ready: 0, "ready-with-conditions": 0, unknown: 0, "not-ready": 0 });

function addVerdict(counts: VerdictCounts, verdict: string, n: number): void {
  if ((VERDICTS as readonly string[]).includes(verdict)) counts[verdict as Verdict] += n;
}

/** Counts per verdict and per confidence (1–5 stars) in scope. */
export async function countVerdicts(where: Prisma.ServerWhereInput) {
  const [verdicts, confidence] = await Promise.all([
    db().server.groupBy({ by: ["verdict"], where, _count: { _all: true } }),
    db().server.groupBy({ by: ["confidenceStars"], where, _count: { _all: true } }),
  ]);
  const byVerdict = zeroVerdicts();
  for (const row of verdicts) addVerdict(byVerdict, row.verdict, row._count._all);
  const byConfidence: Record<1 | 2 | 3 | 4 | 5, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const row of confidence) {
    const stars = Math.min(5, Math.max(1, row.confidenceStars)) as 1 | 2 | 3 | 4 | 5;
    byConfidence[stars] += row._count._all;
  }
  return { total: Object.values(byVerdict).reduce((a, b) => a + b, 0), byVerdict, byConfidence };
}

function toGroups(rows: { key: string | null; verdict: string; n: number }[], label: (key: string) => string): ReadinessGroup[] {
  const groups = new Map<string, ReadinessGroup>();
  for (const row of rows) {
    const key = row.key ?? "";
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, label: label(key), total: 0, byVerdict: zeroVerdicts() }));
    group.total += row.n;
    addVerdict(group.byVerdict, row.verdict, row.n);
  }
  return [...groups.values()];
}

const byTotal = (a: ReadinessGroup, b: ReadinessGroup) => b.total - a.total || a.label.localeCompare(b.label);

/** Readiness per domain and per site (largest first), and per wave (in wave order; servers in no active wave last). */
export async function readinessGroups(where: Prisma.ServerWhereInput) {
  const server = db().server;
  const [domains, sites, waveRows, waves] = await Promise.all([
    server.groupBy({ by: ["domain", "verdict"], where, _count: { _all: true } }),
    server.groupBy({ by: ["site", "verdict"], where, _count: { _all: true } }),
    server.groupBy({ by: ["waveId", "verdict"], where, _count: { _all: true } }),
    db().wave.findMany({ select: { id: true, name: true, position: true, archivedAt: true }, orderBy: { position: "asc" } }),
  ]);
  const active = new Map(waves.filter((w) => w.archivedAt === null).map((w) => [w.id, w]));
  const byWave = toGroups(
    waveRows.map((r) => ({ key: r.waveId && active.has(r.waveId) ? r.waveId : "", verdict: r.verdict, n: r._count._all })),
    (key) => active.get(key)?.name ?? "No wave",
  ).sort((a, b) => (active.get(a.key)?.position ?? Infinity) - (active.get(b.key)?.position ?? Infinity));
  return {
    byDomain: toGroups(domains.map((r) => ({ key: r.domain, verdict: r.verdict, n: r._count._all })), (key) => key || "(no domain)").sort(byTotal),
    bySite: toGroups(sites.map((r) => ({ key: r.site, verdict: r.verdict, n: r._count._all })), (key) => key || "(no site)").sort(byTotal),
    byWave,
  };
}

/** One paragraph: the remediation summary, then its steps. */
export function remediationParagraph(ruleId: string): string {
  const meta = getRule(ruleId)?.meta;
  if (!meta) return "";
  const steps = meta.remediation.steps ?? [];
  const summary = meta.remediation.summary.trim();
  if (steps.length === 0) return summary;
  return `${/[.!?]$/.test(summary) ? summary : `${summary}.`} Steps: ${steps.map((s) => s.trim().replace(/[.;]$/, "")).join("; ")}.`;
}

/**
 * Blocking rules ranked by servers affected in scope. Servers are grouped by their stored ",a,b," blocking list
 * (far fewer distinct lists than servers), and each list is decoded once and counted with its group's size.
 */
export async function rankBlockingRules(where: Prisma.ServerWhereInput): Promise<RankedBlockingRule[]> {
  const groups = await db().server.groupBy({ by: ["blockingRules"], where: { AND: [where, { blockingRules: { not: "" } }] }, _count: { _all: true } });
  const counts = new Map<string, number>();
  for (const group of groups) for (const id of undelimitRuleIds(group.blockingRules)) counts.set(id, (counts.get(id) ?? 0) + group._count._all);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([ruleId, servers]) => {
      const meta = getRule(ruleId)?.meta;
      return { ruleId, title: meta?.title ?? ruleId, servers, remediation: remediationParagraph(ruleId), source: meta?.source ?? null };
    });
}

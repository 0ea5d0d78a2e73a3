import "server-only";
import type { HostFacts } from "@/lib/facts";
import type { Prisma } from "@/lib/generated/prisma/client";
import { applyWaivers, engine, verdictSchema, type Verdict, type Waiver } from "@/lib/readiness";
import { getRule, type RuleContext, type RuleResult } from "@/lib/rules";
import { db } from "../db";
import { toWaiverInput } from "../ingest/waiver-sql";
import { getServerRuleContext } from "../server-views";
import { parseStoredResults } from "../stored-results";

// The fleet report's optional appendix: one section per server in scope with its failing, unknown and waived
// results. Host results are re-derived from the stored facts exactly as the server page does (getServerDetail:
// the same pure rules on the same rule context, the server's active waivers applied), in batches: the rule
// context's domain, ACL, tenant and scope parts are read once per domain, the active waivers once.

/** Decision 010: about 25 ms and 1.4 MB of memory per appendix server when rendering; 500 keeps it near 13 s and 750 MB. */
export const APPENDIX_MAX_SERVERS = 500;

export interface AppendixResult {
  ruleId: string;
  title: string;
  status: RuleResult["status"];
  severity: RuleResult["severity"];
  message: string;
}

export interface AppendixServer {
  fqdn: string;
  name: string;
  domain: string;
  verdict: Verdict;
  confidenceStars: number;
  factsCollectedAt: string | null;
  /** Host results that are not passes (fail first). */
  results: AppendixResult[];
  /** Domain-wide (shared) rules failing or unknown for this server's domain: ids only, detailed in the Domains section. */
  sharedProblems: string[];
}

const ORDER = { fail: 0, unknown: 1, waived: 2, pass: 3 } as const;

function problems(results: readonly RuleResult[]): AppendixResult[] {
  return results
    .filter((r) => r.status !== "pass")
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.ruleId.localeCompare(b.ruleId))
    .map((r) => ({ ruleId: r.ruleId, title: getRule(r.ruleId)?.meta.title ?? r.ruleId, status: r.status, severity: r.severity, message: r.message }));
}

async function activeWaivers(now: Date) {
  const rows = await db().waiver.findMany({ where: { status: "active", expiresAt: { gt: now } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const byServer = new Map<string, Waiver[]>();
  const byDomain = new Map<string, Waiver[]>();
  for (const row of rows) {
    const waiver = toWaiverInput(row);
    const [map, key] = row.scope === "domain" ? [byDomain, row.domain] : [byServer, row.serverId ?? ""];
    map.set(key, [...(map.get(key) ?? []), waiver]);
  }
  return { byServer, byDomain };
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The appendix sections, worst verdict first, then by name. Callers check the count against APPENDIX_MAX_SERVERS first. */
export async function appendixServers(where: Prisma.ServerWhereInput, now: Date, batch = 250): Promise<AppendixServer[]> {
  const waivers = await activeWaivers(now);
  const contexts = new Map<string, Promise<RuleContext>>();
  const shared = new Map<string, string[]>();
  for (const row of await db().domainEvaluation.findMany({ select: { domain: true, resultsJson: true } })) {
    shared.set(row.domain, parseStoredResults(row.resultsJson).filter((r) => r.status === "fail" || r.status === "unknown").map((r) => r.ruleId).sort());
  }
  const out: AppendixServer[] = [];
  for (let skip = 0; out.length < APPENDIX_MAX_SERVERS; skip += batch) {
    const rows = await db().server.findMany({
      where,
      select: { id: true, fqdn: true, name: true, domain: true, verdict: true, confidenceStars: true, factsJson: true, factsCollectedAt: true, evaluatedAt: true },
      orderBy: [{ verdictRank: "asc" }, { name: "asc" }, { fqdn: "asc" }],
      skip,
      take: Math.min(batch, APPENDIX_MAX_SERVERS - out.length),
    });
    for (const row of rows) {
      const facts = JSON.parse(row.factsJson) as HostFacts;
      if (!contexts.has(row.domain)) contexts.set(row.domain, getServerRuleContext({ domain: row.domain, facts, evaluatedAt: null }, now));
      const base = await contexts.get(row.domain)!;
      const ctx: RuleContext = { ...base, host: facts, asOf: row.evaluatedAt?.toISOString() ?? now.toISOString() };
      const applicable = [...(waivers.byServer.get(row.id) ?? []), ...(waivers.byDomain.get(row.domain) ?? [])];
      const results = applyWaivers(engine.evaluateHost(ctx), applicable, now.toISOString()).results;
      out.push({
        fqdn: row.fqdn,
        name: row.name,
        domain: row.domain,
        verdict: verdictSchema.catch("unknown").parse(row.verdict),
        confidenceStars: row.confidenceStars,
        factsCollectedAt: row.factsCollectedAt?.toISOString() ?? null,
        results: problems(results),
        sharedProblems: shared.get(row.domain) ?? [],
      });
    }
    if (rows.length < batch) break;
    await yieldToOthers();
  }
  return out;
}

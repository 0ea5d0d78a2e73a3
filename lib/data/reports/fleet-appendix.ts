import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { verdictSchema, type Verdict } from "@/lib/readiness";
import { getRule, type RuleResult } from "@/lib/rules";
import { db } from "../db";
import { hostResultsDeriver } from "../host-results";

// The fleet report's optional appendix: one section per server in scope with its failing, unknown and waived
// results. Host results are re-derived from the stored facts exactly as the server page does
// (lib/data/host-results.ts: the same pure rules, the same rule context, the active waivers applied).

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

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The appendix sections, worst verdict first, then by name. Callers check the count against APPENDIX_MAX_SERVERS first. */
export async function appendixServers(where: Prisma.ServerWhereInput, now: Date, batch = 250): Promise<AppendixServer[]> {
  const derive = hostResultsDeriver(now);
  const out: AppendixServer[] = [];
  for (let skip = 0; out.length < APPENDIX_MAX_SERVERS; skip += batch) {
    const rows = await db().server.findMany({
      where,
      select: { id: true, fqdn: true, name: true, domain: true, verdict: true, confidenceStars: true, factsJson: true, factsCollectedAt: true, evaluatedAt: true },
      orderBy: [{ verdictRank: "asc" }, { name: "asc" }, { fqdn: "asc" }],
      skip,
      take: Math.min(batch, APPENDIX_MAX_SERVERS - out.length),
    });
    const derived = await derive(rows);
    for (const [index, row] of rows.entries()) {
      const { hostResults, sharedResults } = derived[index]!;
      out.push({
        fqdn: row.fqdn,
        name: row.name,
        domain: row.domain,
        verdict: verdictSchema.catch("unknown").parse(row.verdict),
        confidenceStars: row.confidenceStars,
        factsCollectedAt: row.factsCollectedAt?.toISOString() ?? null,
        results: problems(hostResults),
        sharedProblems: sharedResults.filter((r) => r.status === "fail" || r.status === "unknown").map((r) => r.ruleId).sort(),
      });
    }
    if (rows.length < batch) break;
    await yieldToOthers();
  }
  return out;
}

import "server-only";
import { getRule, type Evidence, type RuleResult } from "@/lib/rules";
import type { ServerFilters } from "@/lib/views/server-filters";
import { db } from "../db";
import { hostResultsDeriver } from "../host-results";
import { serverWhere } from "../servers";
import { iterateExportServers } from "./server-rows";

// One row per server and rule result, for results.csv and the workbook's "Results" sheet. Host results are
// re-derived from the stored facts exactly as the server page does (decision 006; lib/data/host-results.ts).

export interface ExportResult {
  fqdn: string;
  ruleId: string;
  ruleTitle: string;
  scope: RuleResult["scope"];
  severity: RuleResult["severity"];
  status: RuleResult["status"];
  message: string;
  /** "fact = actual; …" */
  evidence: string;
  waiverBy: string | null;
  waiverUntil: string | null;
}

const MAX_EVIDENCE = 2_000;

/** Evidence as one compact cell: "host.dotnet.release = 461808; host.tls… = true". */
export function compactEvidence(evidence: readonly Evidence[]): string {
  const text = evidence.map((item) => `${item.fact} = ${typeof item.actual === "string" ? item.actual : JSON.stringify(item.actual) ?? "(none)"}`).join("; ");
  return text.length > MAX_EVIDENCE ? `${text.slice(0, MAX_EVIDENCE - 1)}…` : text;
}

function toExportResult(fqdn: string, result: RuleResult): ExportResult {
  return {
    fqdn,
    ruleId: result.ruleId,
    ruleTitle: getRule(result.ruleId)?.meta.title ?? result.ruleId,
    scope: result.scope,
    severity: result.severity,
    status: result.status,
    message: result.message,
    evidence: compactEvidence(result.evidence),
    waiverBy: result.waiver?.by ?? null,
    waiverUntil: result.waiver?.expiresAt ?? null,
  };
}

/** Batches of result rows for every server matching the filters, in the list's order. */
export async function* iterateExportResults(filters: ServerFilters, batch = 100, now = new Date()): AsyncGenerator<ExportResult[]> {
  const derive = hostResultsDeriver(now);
  for await (const servers of iterateExportServers(filters, batch, now)) {
    const facts = await db().server.findMany({ where: { id: { in: servers.map((entry) => entry.id) } }, select: { id: true, factsJson: true } });
    const factsById = new Map(facts.map((row) => [row.id, row.factsJson]));
    const derived = await derive(
      servers.map(({ id, server }) => ({ id, domain: server.domain, factsJson: factsById.get(id) ?? "{}", evaluatedAt: server.evaluatedAt ? new Date(server.evaluatedAt) : null })),
    );
    yield servers.flatMap(({ server }, index) => [...derived[index]!.hostResults, ...derived[index]!.sharedResults].map((result) => toExportResult(server.fqdn, result)));
  }
}

/** How many result rows an export would have: the stored statuses hold one entry per applicable rule. */
export async function countExportResults(filters: ServerFilters, now = new Date()): Promise<number> {
  const where = serverWhere(filters, now);
  let total = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().server.findMany({
      where,
      select: { id: true, statuses: true },
      orderBy: { id: "asc" },
      take: 10_000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of rows) total += row.statuses ? row.statuses.split(",").length : 0;
    if (rows.length < 10_000) return total;
    cursor = rows.at(-1)!.id;
  }
}

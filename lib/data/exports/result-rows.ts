import "server-only";
import type { HostFacts } from "@/lib/facts";
import { engine } from "@/lib/readiness";
import { getRule, type Evidence, type RuleContext, type RuleResult } from "@/lib/rules";
import type { ServerFilters } from "@/lib/views/server-filters";
import { db } from "../db";
import { resultsSchema, serverWhere } from "../servers";
import { getServerRuleContext } from "../server-views";
import { applyWaiverRows, loadActiveWaiverRows } from "../waivers";
import { type ExportServer, iterateExportServers } from "./server-rows";

// One row per server and rule result, for results.csv and the workbook's "Results" sheet. Host results are
// re-derived from the stored facts exactly as the server page does (decision 006: getServerDetail), with the
// domain's context, shared results and the active waivers loaded once per batch instead of once per server.

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

/** Per-domain context and shared results, loaded once per export. */
function domainCache(now: Date) {
  const contexts = new Map<string, Promise<RuleContext>>();
  const shared = new Map<string, Promise<RuleResult[]>>();
  return {
    context(domain: string) {
      let value = contexts.get(domain);
      if (!value) contexts.set(domain, (value = getServerRuleContext({ domain, facts: {} as HostFacts, evaluatedAt: null }, now)));
      return value;
    },
    shared(domain: string) {
      let value = shared.get(domain);
      if (!value)
        shared.set(
          domain,
          (value = db()
            .domainEvaluation.findUnique({ where: { domain }, select: { resultsJson: true } })
            .then((row) => (row ? resultsSchema.parse(JSON.parse(row.resultsJson)) : []))),
        );
      return value;
    },
  };
}

/** Batches of result rows for every server matching the filters, in the list's order. */
export async function* iterateExportResults(filters: ServerFilters, batch = 100, now = new Date()): AsyncGenerator<ExportResult[]> {
  const cache = domainCache(now);
  for await (const servers of iterateExportServers(filters, batch, now)) {
    const ids = servers.map((entry) => entry.id);
    const [facts, waivers] = await Promise.all([
      db().server.findMany({ where: { id: { in: ids } }, select: { id: true, factsJson: true } }),
      loadActiveWaiverRows(ids, [...new Set(servers.map((entry) => entry.server.domain))], now),
    ]);
    const factsById = new Map(facts.map((row) => [row.id, row.factsJson]));
    const rows: ExportResult[] = [];
    for (const { id, server } of servers) rows.push(...(await resultsOf(id, server, factsById.get(id) ?? "{}", waivers, cache, now)));
    yield rows;
  }
}

async function resultsOf(
  id: string,
  server: ExportServer,
  factsJson: string,
  waivers: Awaited<ReturnType<typeof loadActiveWaiverRows>>,
  cache: ReturnType<typeof domainCache>,
  now: Date,
): Promise<ExportResult[]> {
  const [context, sharedResults] = await Promise.all([cache.context(server.domain), cache.shared(server.domain)]);
  const ctx: RuleContext = { ...context, host: JSON.parse(factsJson) as HostFacts, asOf: server.evaluatedAt ?? now.toISOString() };
  const detail = applyWaiverRows({ id, domain: server.domain, hostResults: engine.evaluateHost(ctx), sharedResults }, waivers, now);
  return [...detail.hostResults, ...detail.sharedResults].map((result) => toExportResult(server.fqdn, result));
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

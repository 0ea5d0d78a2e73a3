import "server-only";
import { describeServerScope, type ServerFilters, serverScopeSearch } from "@/lib/views/server-filters";
import { serverWhere } from "../servers";
import { APPENDIX_MAX_SERVERS, appendixServers, type AppendixServer } from "./fleet-appendix";
import { getReportProvenance, type ReportProvenanceDto } from "../report-provenance";
import { acceptedRisks, domainFindings, staleData, tenantScopeFindings, type AcceptedRisks, type DomainFinding, type StaleData, type TenantScopeFindings } from "./fleet-findings";
import { countVerdicts, rankBlockingRules, readinessGroups, type RankedBlockingRule, type ReadinessGroup, type VerdictCounts } from "./fleet-groups";

// Everything the fleet readiness report shows, for the servers matching a server-list filter, read from stored
// data only (verdicts, statuses, evaluations, details): grouped SQL, no rule runs except for the optional appendix.

export { APPENDIX_MAX_SERVERS } from "./fleet-appendix";
export type { AppendixServer } from "./fleet-appendix";
export type { AcceptedRisks, DomainFinding, FindingRow, StaleData, TenantScopeFindings } from "./fleet-findings";
export type { RankedBlockingRule, ReadinessGroup, VerdictCounts } from "./fleet-groups";

export interface FleetReportData {
  generatedAt: string;
  scope: {
    /** In words: "every server" or "domain corp.contoso.com, readiness Not ready". */
    label: string;
    /** The filter as a query string (without paging and sorting), "" for every server. */
    search: string;
  };
  total: number;
  byVerdict: VerdictCounts;
  byConfidence: Record<1 | 2 | 3 | 4 | 5, number>;
  blockingRules: RankedBlockingRule[];
  byDomain: ReadinessGroup[];
  bySite: ReadinessGroup[];
  byWave: ReadinessGroup[];
  domains: DomainFinding[];
  tenantScope: TenantScopeFindings;
  risks: AcceptedRisks;
  stale: StaleData;
  /** Ruleset version, newest evaluation and the uploads the data is based on (lib/data/report-provenance.ts). */
  provenance: ReportProvenanceDto;
  /** Per-server sections when the appendix was asked for; null otherwise. */
  appendix: AppendixServer[] | null;
}

export type FleetReportOutcome = { ok: true; data: FleetReportData } | { ok: false; code: "too-large"; servers: number; limit: number; message: string };

export async function getFleetReport(filters: ServerFilters, options: { appendix: boolean; appendixLimit?: number }, now = new Date()): Promise<FleetReportOutcome> {
  const where = serverWhere(filters, now);
  const counts = await countVerdicts(where);
  const limit = options.appendixLimit ?? APPENDIX_MAX_SERVERS;
  if (options.appendix && counts.total > limit) {
    return {
      ok: false,
      code: "too-large",
      servers: counts.total,
      limit,
      message: `The appendix covers at most ${limit.toLocaleString("en-US")} servers and this scope has ${counts.total.toLocaleString("en-US")}. Add a filter (domain, site, wave…) or turn the appendix off.`,
    };
  }
  const [blockingRules, groups, stale, prov] = await Promise.all([rankBlockingRules(where), readinessGroups(where), staleData(where, now), getReportProvenance({ servers: where })]);
  const domainCounts = new Map(groups.byDomain.filter((g) => g.key !== "").map((g) => [g.key, g.total]));
  const [domains, tenantScope, risks] = await Promise.all([domainFindings(domainCounts), tenantScopeFindings(), acceptedRisks(where, new Set(domainCounts.keys()), now)]);
  const appendix = options.appendix ? await appendixServers(where, now) : null;
  return {
    ok: true,
    data: {
      generatedAt: now.toISOString(),
      scope: { label: describeServerScope(filters), search: serverScopeSearch(filters) },
      ...counts,
      blockingRules,
      ...groups,
      domains,
      tenantScope,
      risks,
      stale,
      provenance: prov,
      appendix,
    },
  };
}

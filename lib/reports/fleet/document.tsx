import type { FleetReportData } from "@/lib/data/reports/fleet-report";
import { ReportDocument, anchorId, formatCount, type ReportMeta, type TocEntry } from "@/lib/reports/pdf";
import { APPENDIX_ID, appendixPages } from "./appendix";
import { BLOCKING_ID, BlockingRulesPage } from "./blocking-rules";
import { BREAKDOWN_ID, breakdownPages, SITES_ID } from "./breakdowns";
import { DOMAINS_ID, DomainsPage, TENANT_ID, TenantScopePage } from "./findings";
import { ENDED_ID, RISKS_ID, riskPages, STALE_ID, StalePage } from "./risks";
import { SUMMARY_ID, SummaryPage } from "./summary";
import { plural } from "@/lib/text/plural";

/** The cover, contents and provenance of the fleet report, from its data. */
export function fleetReportMeta(data: FleetReportData, generatedBy: string): ReportMeta {
  return {
    title: "Fleet readiness",
    scope: data.scope.label === "every server" ? "Every server" : data.scope.label,
    subtitle: `Readiness of ${plural(data.total, "server")} for the Microsoft Entra Cloud Sync provisioning agent`,
    generatedAt: new Date(data.generatedAt),
    generatedBy,
    provenance: data.provenance,
    coverDetails: [
      ["Servers in scope", formatCount(data.total)],
      ["Filters", data.scope.search ? data.scope.search.slice(1) : "none (every server)"],
      ["Appendix", data.appendix ? `included (${plural(data.appendix.length, "server")})` : "not included"],
    ],
  };
}

function contents(data: FleetReportData): TocEntry[] {
  const entries: TocEntry[] = [
    { id: SUMMARY_ID, title: "Executive summary" },
    { id: BLOCKING_ID, title: "Blocking rules", note: plural(data.blockingRules.length, "rule") },
    { id: BREAKDOWN_ID, title: "Readiness by domain, wave and site" },
    { id: SITES_ID, title: "Per site", level: 1, note: plural(data.bySite.length, "site") },
    { id: DOMAINS_ID, title: "Domains and gMSA permissions", note: plural(data.domains.length, "domain") },
    { id: TENANT_ID, title: "Tenant and sync scope" },
    { id: RISKS_ID, title: "Accepted risks", note: plural(data.risks.active.length, "active waiver") },
    { id: ENDED_ID, title: "Risks no longer accepted", level: 1, note: `${formatCount(data.risks.ended.length)} expired or lapsed` },
    { id: STALE_ID, title: "Stale data", note: plural(data.stale.count, "server") },
  ];
  if (data.appendix) entries.push({ id: APPENDIX_ID, title: "Appendix: servers", note: plural(data.appendix.length, "server") });
  return entries.map((entry) => ({ ...entry, id: anchorId(entry.id) }));
}

/** The fleet readiness report: cover with contents, summary, blocking rules, breakdowns, findings, risks, stale data, appendix. */
export function FleetReportDocument({ data, meta }: { data: FleetReportData; meta: ReportMeta }) {
  return (
    <ReportDocument meta={meta} toc={contents(data)}>
      <SummaryPage meta={meta} data={data} />
      <BlockingRulesPage meta={meta} data={data} />
      {breakdownPages({ meta, data })}
      <DomainsPage meta={meta} data={data} />
      <TenantScopePage meta={meta} data={data} />
      {riskPages({ meta, data })}
      <StalePage meta={meta} data={data} />
      {data.appendix ? appendixPages({ meta, servers: data.appendix }) : null}
    </ReportDocument>
  );
}

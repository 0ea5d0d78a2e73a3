import type { ReactElement } from "react";
import type { FleetReportData, ReadinessGroup } from "@/lib/data/reports/fleet-report";
import { VERDICTS } from "@/lib/readiness";
import { Paragraph, ReportPage, SectionHeading, SubHeading, Table, formatCount, tablePages, type ReportMeta, type TableCell, type TableColumn } from "@/lib/reports/pdf";
import { percent } from "./words";

export const BREAKDOWN_ID = "readiness-by-group";
export const SITES_ID = "readiness-by-site";
/** Above this many sites the site table gets its own pre-chunked pages (decision 003). */
const INLINE_SITES = 30;

const SHORT: Record<(typeof VERDICTS)[number], string> = { ready: "Ready", "ready-with-conditions": "Conditions", unknown: "Unknown", "not-ready": "Not ready" };

const COLUMNS = (first: string): TableColumn[] => [
  { header: first, weight: 4 },
  { header: "Servers", weight: 1.2, align: "right" },
  ...VERDICTS.map((v): TableColumn => ({ header: SHORT[v], weight: 1.3, align: "right" })),
  { header: "Ready %", weight: 1.1, align: "right" },
];

function rows(groups: readonly ReadinessGroup[]): TableCell[][] {
  return groups.map((g) => [
    { text: g.label, bold: true },
    formatCount(g.total),
    ...VERDICTS.map((v): TableCell => (g.byVerdict[v] === 0 ? { text: "–", color: "#94a3b8" } : formatCount(g.byVerdict[v]))),
    percent(g.byVerdict.ready + g.byVerdict["ready-with-conditions"], g.total),
  ]);
}

/** Readiness per domain, per wave and per site ("Ready %" counts ready and ready-with-conditions). */
export function breakdownPages({ meta, data }: { meta: ReportMeta; data: FleetReportData }): ReactElement[] {
  const inlineSites = data.bySite.length <= INLINE_SITES;
  const pages: ReactElement[] = [
    <ReportPage key="breakdowns" meta={meta}>
      <SectionHeading id={BREAKDOWN_ID}>Readiness by domain, wave and site</SectionHeading>
      <Paragraph muted>“Conditions” means ready with conditions; “Ready %” counts both. Servers in no active wave are grouped under “No wave”.</Paragraph>
      <SubHeading>Per domain</SubHeading>
      <Table columns={COLUMNS("Domain")} rows={rows(data.byDomain)} />
      <SubHeading>Per wave</SubHeading>
      <Table columns={COLUMNS("Wave")} rows={rows(data.byWave)} empty="No server in scope is planned in a wave." />
      {inlineSites && (
        <>
          <SubHeading id={SITES_ID}>Per site</SubHeading>
          <Table columns={COLUMNS("Site")} rows={rows(data.bySite)} />
        </>
      )}
    </ReportPage>,
  ];
  if (!inlineSites) pages.push(...tablePages({ meta, id: SITES_ID, title: "Readiness per site", columns: COLUMNS("Site"), rows: rows(data.bySite) }));
  return pages;
}

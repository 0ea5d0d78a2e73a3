import type { ReactElement } from "react";
import type { FleetReportData } from "@/lib/data/reports/fleet-report";
import { COLORS, Paragraph, ReportPage, SectionHeading, Table, formatCount, formatDay, tablePages, type ReportMeta, type TableCell, type TableColumn } from "@/lib/reports/pdf";
import { plural } from "@/lib/text/plural";

type WaiverDto = FleetReportData["risks"]["active"][number];

export const RISKS_ID = "accepted-risks";
export const ENDED_ID = "ended-risks";
export const STALE_ID = "stale-data";

const WAIVER_COLUMNS: TableColumn[] = [
  { header: "Rule", weight: 2.6 },
  { header: "Applies to", weight: 3.2 },
  { header: "Approved by", weight: 2.6 },
  { header: "Expires", weight: 1.4 },
  { header: "Status", weight: 1.6 },
  { header: "Reason", weight: 4 },
];

function waiverRow(w: WaiverDto): TableCell[] {
  const ended = w.status === "lapsed" || w.status === "expired";
  return [
    { text: w.ruleId, bold: w.blocker },
    w.server ? w.server.fqdn : `domain ${w.domain}`,
    w.approvedBy ?? "—",
    formatDay(w.expiresAt),
    ended ? { text: w.status === "lapsed" ? "LAPSED" : "EXPIRED", color: COLORS.notReady, bold: true } : { text: w.blocker ? "Active (blocker)" : "Active", color: COLORS.ready },
    w.status === "lapsed" && w.endReason ? w.endReason : w.reason,
  ];
}

/** Accepted risks: active waivers (soonest expiry first), then expired and lapsed ones, flagged. */
export function riskPages({ meta, data }: { meta: ReportMeta; data: FleetReportData }): ReactElement[] {
  return [
    ...tablePages({
      meta,
      id: RISKS_ID,
      title: "Accepted risks",
      intro: "Active waivers of servers or domains in scope, soonest expiry first; bold rules are blockers.",
      columns: WAIVER_COLUMNS,
      rows: data.risks.active.map(waiverRow),
      empty: "No active waiver applies to the servers in scope.",
    }),
    ...tablePages({
      meta,
      id: ENDED_ID,
      title: "Risks no longer accepted",
      intro: "Expired waivers, and lapsed ones (their evidence changed): these results count again.",
      columns: WAIVER_COLUMNS,
      rows: data.risks.ended.map(waiverRow),
      empty: "No waiver of the servers in scope has expired or lapsed.",
    }),
  ];
}

/** Stale data: how many servers in scope have facts older than the freshness limit, the oldest first. */
export function StalePage({ meta, data }: { meta: ReportMeta; data: FleetReportData }) {
  const { stale } = data;
  return (
    <ReportPage meta={meta}>
      <SectionHeading id={STALE_ID}>Stale data</SectionHeading>
      <Paragraph>
        {stale.count === 0
          ? `Every server in scope has facts collected within the last ${stale.afterDays} days.`
          : `${plural(stale.count, "server")} in scope ${stale.count === 1 ? "has" : "have"} facts older than ${stale.afterDays} days (or none collected); their verdicts may no longer hold. Run the collector on them again and upload the output.${stale.count > stale.servers.length ? ` The ${formatCount(stale.servers.length)} oldest are listed; the Servers page lists them all with the “stale” filter.` : ""}`}
      </Paragraph>
      {stale.servers.length > 0 && (
        <Table
          columns={[
            { header: "Server", weight: 5 },
            { header: "Domain", weight: 3 },
            { header: "Facts collected", weight: 2 },
          ]}
          rows={stale.servers.map((s) => [s.fqdn, s.domain || "—", s.factsCollectedAt ? formatDay(s.factsCollectedAt) : { text: "never", color: COLORS.notReady }])}
        />
      )}
    </ReportPage>
  );
}

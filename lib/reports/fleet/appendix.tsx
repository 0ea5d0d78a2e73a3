import type { ReactElement } from "react";
import type { AppendixServer } from "@/lib/data/reports/fleet-report";
import { COLORS, formatDay, tablePages, type ReportMeta, type TableCell, type TableColumn } from "@/lib/reports/pdf";
import { STATUS_LABELS, verdictLabel } from "./words";

export const APPENDIX_ID = "appendix";

const COLUMNS: TableColumn[] = [
  { header: "Rule", weight: 3.8 },
  { header: "Status", weight: 1.3 },
  { header: "Severity", weight: 1.4 },
  { header: "Finding", weight: 6.4 },
];

const STATUS_COLORS: Record<string, string> = { fail: COLORS.notReady, unknown: COLORS.unknown, waived: COLORS.conditions };

/** One server's rows: a heading row (name, verdict, confidence, collected), then each problem, then its domain's. */
function serverRows(server: AppendixServer): TableCell[][] {
  const head: TableCell[] = [
    { text: server.name || server.fqdn, bold: true, color: COLORS.brandDark },
    { text: verdictLabel(server.verdict), verdict: server.verdict },
    `${server.confidenceStars} / 5 ★`,
    { text: `${server.fqdn} · facts ${server.factsCollectedAt ? formatDay(server.factsCollectedAt) : "never collected"}`, bold: true },
  ];
  const rows: TableCell[][] = [head];
  for (const r of server.results.filter((r) => r.severity !== "info")) rows.push([`  ${r.ruleId}`, { text: STATUS_LABELS[r.status] ?? r.status, color: STATUS_COLORS[r.status], bold: true }, r.severity, r.message]);
  if (server.sharedProblems.length > 0) rows.push(["  domain-wide", "", "", { text: `Failing or unknown for the domain: ${server.sharedProblems.join(", ")} (see Domains)`, color: COLORS.muted }]);
  return rows;
}

/** The optional appendix: one section per server, as rows of one pre-chunked table (decision 003). */
export function appendixPages({ meta, servers }: { meta: ReportMeta; servers: readonly AppendixServer[] }): ReactElement[] {
  return tablePages({
    meta,
    id: APPENDIX_ID,
    title: "Appendix: servers",
    intro: "One section per server in scope, worst verdict first: its failing, unknown and waived host results (blockers and warnings) with their finding; domain-wide results are detailed under Domains.",
    columns: COLUMNS,
    rows: servers.flatMap(serverRows),
    empty: "No server in scope.",
  });
}

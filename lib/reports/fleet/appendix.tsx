import type { ReactElement } from "react";
import type { AppendixServer } from "@/lib/data/reports/fleet-report";
import { COLORS, VERDICT_COLORS, isVerdict, tablePages, type ReportMeta, type TableCell, type TableColumn } from "@/lib/reports/pdf";
import { RESULT_STATUS_LABELS } from "@/lib/readiness";
import { verdictLabel } from "./words";

export const APPENDIX_ID = "appendix";

const COLUMNS: TableColumn[] = [
  { header: "Rule", weight: 3.4 },
  { header: "Status", weight: 1.5 },
  { header: "Severity", weight: 1.5 },
  { header: "Finding", weight: 7 },
];

const STATUS_COLORS: Record<string, string> = { fail: COLORS.notReady, unknown: COLORS.unknown, waived: COLORS.conditions };

/** One server's rows: a heading row (name, verdict, confidence, collected), then each problem, then its domain's. */
function serverRows(server: AppendixServer): TableCell[][] {
  const head: TableCell[] = [
    { text: server.name || server.fqdn, bold: true, color: COLORS.brandDark },
    `${server.confidenceStars}/5 ★`,
    { text: server.factsCollectedAt ? server.factsCollectedAt.slice(0, 10) : "no facts", color: COLORS.muted },
    { text: `${server.fqdn} · ${verdictLabel(server.verdict)}`, bold: true, color: isVerdict(server.verdict) ? VERDICT_COLORS[server.verdict] : COLORS.text },
  ];
  const rows: TableCell[][] = [head];
  for (const r of server.results.filter((r) => r.severity !== "info")) rows.push([`  ${r.ruleId}`, { text: RESULT_STATUS_LABELS[r.status], color: STATUS_COLORS[r.status], bold: true }, r.severity, r.message]);
  if (server.sharedProblems.length > 0) rows.push(["  domain-wide", "", "", { text: `Failing or unknown for the domain: ${server.sharedProblems.join(", ")} (see Domains)`, color: COLORS.muted }]);
  return rows;
}

/** The optional appendix: one section per server, as rows of one pre-chunked table (decision 003). */
export function appendixPages({ meta, servers }: { meta: ReportMeta; servers: readonly AppendixServer[] }): ReactElement[] {
  return tablePages({
    meta,
    id: APPENDIX_ID,
    title: "Appendix: servers",
    intro: "One section per server, worst verdict first, with its failing, unknown and waived results.",
    columns: COLUMNS,
    rows: servers.flatMap(serverRows),
    empty: "No server in scope.",
  });
}

import type { ChangeGroup, ChangesReport } from "@/lib/data/changes";
import { CHANGE_CAUSE_HINTS, CHANGE_CAUSE_LABELS } from "@/lib/data/changes";
import type { ReportProvenanceDto } from "@/lib/data/report-provenance";
import type { Verdict } from "@/lib/readiness";
import {
  Callout,
  COLORS,
  formatCount,
  formatDateTime,
  KeyValues,
  Paragraph,
  ReportDocument,
  ReportPage,
  SectionHeading,
  Table,
  tablePages,
  type ReportMeta,
  type TableCell,
  type TableColumn,
  type TocEntry,
} from "@/lib/reports/pdf";
import { boundLabel, periodLabel } from "./query";
import { arrivalsLine, causeDetails, changesHeadline, HOW_TO_READ, plural, ruleChangesSummary } from "./words";

// The "what changed" PDF: cover with provenance and contents, a summary page, then one table per cause.

export const SUMMARY_ID = "changes-summary";
const causeId = (group: ChangeGroup) => `cause-${group.cause}`;

export interface ChangesPdfInput {
  report: ChangesReport;
  provenance: ReportProvenanceDto;
  fromDay: string;
  toDay: string;
  generatedAt: Date;
  generatedBy: string;
}

export const changesPeriod = periodLabel;

export function changesReportMeta(input: ChangesPdfInput): ReportMeta {
  const { report, provenance } = input;
  return {
    title: "What changed",
    scope: `${changesPeriod(input)}${report.filter ? ` · ${report.filter.slice(1)}` : ""}`,
    subtitle: changesHeadline(report),
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    provenance: {
      rulesetVersion: provenance.rulesetVersion,
      dataAsOf: provenance.dataAsOf,
      uploads: { total: provenance.uploads.total, newest: provenance.uploads.newest.map((u) => ({ fileName: u.fileName, createdAt: u.createdAt })) },
    },
    coverDetails: [
      ["Servers", report.filter ? `matching ${report.filter.slice(1)} (as they are now)` : "every server"],
      ["Changed verdict", `${formatCount(report.changed)} (${formatCount(report.improved)} improved, ${formatCount(report.worse)} got worse)`],
    ],
  };
}

function contents(report: ChangesReport): TocEntry[] {
  return [
    { id: SUMMARY_ID, title: "Summary", note: `${plural(report.changed, "server")} changed verdict` },
    ...report.groups.map((group) => ({ id: causeId(group), title: CHANGE_CAUSE_LABELS[group.cause], level: 1 as const, note: plural(group.changes.length, "server") })),
  ];
}

const CAUSE_COLUMNS: TableColumn[] = [
  { header: "Cause", weight: 5 },
  { header: "Servers", weight: 1.4, align: "right" },
  { header: "Improved", weight: 1.4, align: "right" },
  { header: "Got worse", weight: 1.4, align: "right" },
];

function SummaryPage({ meta, input }: { meta: ReportMeta; input: ChangesPdfInput }) {
  const { report } = input;
  const arrivals = arrivalsLine(report);
  return (
    <ReportPage meta={meta}>
      <SectionHeading id={SUMMARY_ID}>Summary</SectionHeading>
      <Callout title={changesHeadline(report)} tone={report.worse > report.improved ? "warn" : report.changed === 0 ? "info" : "good"}>
        <Paragraph>{`From ${boundLabel(input.fromDay)} to ${boundLabel(input.toDay)} (UTC; a date means the whole day).${arrivals ? ` ${arrivals}` : ""}`}</Paragraph>
      </Callout>
      <KeyValues
        rows={[
          ["Changed verdict", formatCount(report.changed)],
          ["Improved", formatCount(report.improved)],
          ["Got worse", formatCount(report.worse)],
          ["New servers", formatCount(report.added.total)],
          ["Removed servers", formatCount(report.removed)],
          ["Uploads in the period", formatCount(input.provenance.uploads.total)],
          ["Data as of", formatDateTime(input.provenance.dataAsOf)],
        ]}
      />
      <Table
        columns={CAUSE_COLUMNS}
        rows={report.groups.map((group) => [CHANGE_CAUSE_LABELS[group.cause], formatCount(group.changes.length), formatCount(group.improved), formatCount(group.worse)])}
        empty="No server changed verdict in this period."
      />
      <Paragraph muted>{HOW_TO_READ}</Paragraph>
      <Paragraph muted>
        In the tables, “Conditions” is Ready with conditions; ▲ improved, ▼ got worse; “+rule” started failing, “−rule” stopped failing (now passing, waived or
        unknown), with the count of further rules that changed. The server report lists every rule.
      </Paragraph>
    </ReportPage>
  );
}

// Rows are one line (decision 003): short verdict labels, the direction in its own column, the date without the
// time, and the first changed rule with a count. The page and the server report give the full detail.
const CHANGE_COLUMNS: TableColumn[] = [
  { header: "Server", weight: 16.5 },
  { header: "Domain", weight: 18.5 },
  { header: "Before", weight: 14.5 },
  { header: "After", weight: 14.5 },
  { header: "", weight: 4 },
  { header: "Date", weight: 12.5 },
  { header: "Rules", weight: 19.5 },
];

export const SHORT_VERDICT: Readonly<Record<Verdict, string>> = {
  ready: "Ready",
  "ready-with-conditions": "Conditions",
  unknown: "Unknown",
  "not-ready": "Not ready",
};

function changeRows(group: ChangeGroup): TableCell[][] {
  return group.changes.map((change) => [
    { text: change.name, bold: true },
    change.domain || "no domain",
    { text: SHORT_VERDICT[change.before], verdict: change.before },
    { text: SHORT_VERDICT[change.after], verdict: change.after },
    change.direction === "improved" ? { text: "▲", color: COLORS.ready } : { text: "▼", color: COLORS.notReady },
    change.at.slice(0, 10),
    ruleChangesSummary(change.rules, 1),
  ]);
}

/** The report: cover, summary, one table per cause (explicit pages, decision 003). */
export function ChangesReportDocument({ input, meta }: { input: ChangesPdfInput; meta: ReportMeta }) {
  const { report } = input;
  return (
    <ReportDocument meta={meta} toc={contents(report)}>
      <SummaryPage meta={meta} input={input} />
      {report.groups.flatMap((group) =>
        tablePages({
          meta,
          id: causeId(group),
          title: `${CHANGE_CAUSE_LABELS[group.cause]} · ${plural(group.changes.length, "server")}`,
          intro: `${formatCount(group.improved)} improved, ${formatCount(group.worse)} got worse. ${causeDetails(group) ?? CHANGE_CAUSE_HINTS[group.cause]}`,
          columns: CHANGE_COLUMNS,
          rows: changeRows(group),
        }),
      )}
    </ReportDocument>
  );
}

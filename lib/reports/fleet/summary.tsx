import { Text } from "@react-pdf/renderer";
import type { FleetReportData } from "@/lib/data/reports/fleet-report";
import { BulletList, Callout, KeyValues, Paragraph, ReportPage, SectionHeading, SubHeading, VerdictBarChart, formatCount, type ReportMeta } from "@/lib/reports/pdf";
import { blockingSentence, confidenceRows, percent, summarySentence } from "./words";

export const SUMMARY_ID = "summary";

/** Page 2: the executive summary — the numbers in words, the readiness chart, confidence and what to do first. */
export function SummaryPage({ meta, data }: { meta: ReportMeta; data: FleetReportData }) {
  const { total, byVerdict } = data;
  const top = data.blockingRules.slice(0, 3);
  const lapsed = data.risks.ended.filter((w) => w.status === "lapsed").length;
  return (
    <ReportPage meta={meta}>
      <SectionHeading id={SUMMARY_ID}>Executive summary</SectionHeading>
      <Paragraph>{summarySentence(total, byVerdict, data.scope.label)}</Paragraph>
      <SubHeading>Servers per readiness</SubHeading>
      <VerdictBarChart counts={byVerdict} />
      <Callout title={top.length ? "What to fix first" : "Nothing blocks the servers in scope"} tone={top.length ? "bad" : "good"}>
        <Text>{blockingSentence(data.blockingRules, total)}</Text>
        {top.length > 0 && (
          <BulletList items={top.map((rule) => `${rule.title} (${rule.ruleId}): ${formatCount(rule.servers)} servers`)} />
        )}
      </Callout>
      <SubHeading>Confidence in the verdicts</SubHeading>
      <Paragraph muted>
        How much of the data the verdicts need was collected: five stars when more than 80% of the applicable checks had data, one star at 20% or less.
      </Paragraph>
      <KeyValues rows={confidenceRows(data.byConfidence, total)} labelWidth={150} />
      <SubHeading>At a glance</SubHeading>
      <KeyValues
        labelWidth={200}
        rows={[
          ["Blocking rules", formatCount(data.blockingRules.length)],
          ["Domains", formatCount(data.byDomain.length)],
          ["Sites", formatCount(data.bySite.length)],
          ["Waves", formatCount(data.byWave.filter((w) => w.key !== "").length)],
          ["Accepted risks (active waivers)", formatCount(data.risks.active.length)],
          ["Waivers expired or lapsed", `${formatCount(data.risks.ended.length)}${lapsed ? ` (${formatCount(lapsed)} lapsed: evidence changed)` : ""}`],
          [`Stale data (older than ${data.stale.afterDays} days)`, `${formatCount(data.stale.count)} servers (${percent(data.stale.count, total)})`],
        ]}
      />
    </ReportPage>
  );
}

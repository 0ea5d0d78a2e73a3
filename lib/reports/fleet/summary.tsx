import { Text, View } from "@react-pdf/renderer";
import type { FleetReportData } from "@/lib/data/reports/fleet-report";
import { BulletList, Callout, KeyValues, Paragraph, ReportPage, SectionHeading, SubHeading, VerdictBarChart, formatCount, type ReportMeta } from "@/lib/reports/pdf";
import { blockingSentence, confidenceRows, percent, summarySentence } from "./words";
import { plural } from "@/lib/text/plural";

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
          <BulletList items={top.map((rule) => `${rule.title} (${rule.ruleId}): ${plural(rule.servers, "server")}`)} />
        )}
      </Callout>
      <View style={{ flexDirection: "row", gap: 18 }}>
        <View style={{ flex: 1 }}>
          <SubHeading>Confidence in the verdicts</SubHeading>
          <KeyValues rows={confidenceRows(data.byConfidence, total)} labelWidth={80} />
          <Paragraph muted>Five stars: more than 80% of the applicable checks had data; one star: 20% or less.</Paragraph>
        </View>
        <View style={{ flex: 1 }}>
          <SubHeading>At a glance</SubHeading>
          <KeyValues
            labelWidth={140}
            rows={[
              ["Blocking rules", formatCount(data.blockingRules.length)],
              ["Domains", formatCount(data.byDomain.filter((d) => d.key !== "").length)],
              ["Sites", formatCount(data.bySite.length)],
              ["Waves", formatCount(data.byWave.filter((w) => w.key !== "").length)],
              ["Active waivers", formatCount(data.risks.active.length)],
              ["Expired or lapsed waivers", `${formatCount(data.risks.ended.length)}${lapsed ? ` (${formatCount(lapsed)} lapsed)` : ""}`],
              [`Stale (> ${data.stale.afterDays} days)`, `${formatCount(data.stale.count)} (${percent(data.stale.count, total)})`],
            ]}
          />
        </View>
      </View>
    </ReportPage>
  );
}

import { Text, View } from "@react-pdf/renderer";
import type { FleetReportData, RankedBlockingRule } from "@/lib/data/reports/fleet-report";
import { COLORS, ExternalLink, Paragraph, ReportPage, SectionHeading, Table, formatCount, styles, type ReportMeta } from "@/lib/reports/pdf";
import { percent } from "./words";
import { plural } from "@/lib/text/plural";

export const BLOCKING_ID = "blocking-rules";
/** Rules described in full (remediation and source); the rest are listed in a table after them. */
export const DETAILED_RULES = 15;

function RuleBlock({ rule, rank, total }: { rule: RankedBlockingRule; rank: number; total: number }) {
  return (
    <View style={{ marginBottom: 10 }} wrap={false}>
      <Text style={styles.h2}>
        {rank}. {rule.title}
      </Text>
      <Text style={[styles.small, { marginBottom: 3 }]}>
        {rule.ruleId} · blocks {plural(rule.servers, "server")} ({percent(rule.servers, total)} of the scope)
      </Text>
      <Text style={styles.paragraph}>{rule.remediation}</Text>
      {rule.source && (
        <Text style={styles.small}>
          Source: {rule.source.document}, “{rule.source.section}” (revised {rule.source.revised}) —{" "}
          <ExternalLink href={rule.source.url}>{rule.source.url}</ExternalLink>
        </Text>
      )}
    </View>
  );
}

/** Blocking rules ranked by servers affected, each with its remediation in one paragraph and its source. */
export function BlockingRulesPage({ meta, data }: { meta: ReportMeta; data: FleetReportData }) {
  const detailed = data.blockingRules.slice(0, DETAILED_RULES);
  const rest = data.blockingRules.slice(DETAILED_RULES);
  return (
    <ReportPage meta={meta}>
      <SectionHeading id={BLOCKING_ID}>Blocking rules</SectionHeading>
      <Paragraph muted>
        Each rule below makes servers Not ready. They are ranked by the number of servers in scope they block; a server blocked by several rules is
        counted under each. Remediation and source come from the rule catalogue.
      </Paragraph>
      {detailed.length === 0 && <Paragraph>No rule blocks any server in scope.</Paragraph>}
      {detailed.map((rule, index) => (
        <RuleBlock key={rule.ruleId} rule={rule} rank={index + 1} total={data.total} />
      ))}
      {rest.length > 0 && (
        <View>
          <Text style={[styles.h2, { color: COLORS.muted }]}>Other blocking rules</Text>
          <Table
            columns={[
              { header: "#", weight: 0.5, align: "right" },
              { header: "Rule", weight: 3 },
              { header: "Title", weight: 6 },
              { header: "Servers", weight: 1.2, align: "right" },
            ]}
            rows={rest.map((rule, index) => [String(DETAILED_RULES + index + 1), rule.ruleId, rule.title, formatCount(rule.servers)])}
          />
        </View>
      )}
    </ReportPage>
  );
}

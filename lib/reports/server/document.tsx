import { Text, View } from "@react-pdf/renderer";
import {
  BulletList,
  Callout,
  COLORS,
  ExternalLink,
  formatDateTime,
  formatDay,
  KeyValues,
  MinorHeading,
  Paragraph,
  ReportDocument,
  ReportPage,
  SectionHeading,
  styles,
  Table,
  VerdictMark,
  type ReportMeta,
} from "@/lib/reports/pdf";
import { ROLLOUT_STATUS_LABELS } from "@/lib/rollout/status";
import { getRule, type RuleResult } from "@/lib/rules";
import type { ServerReportData } from "./data";
import { confidenceText, observedText, orderResults, ruleChangeText, statusLabel, verdictChanges, verdictChangeText } from "./text";

const STATUS_COLORS: Record<RuleResult["status"], string> = {
  fail: COLORS.notReady,
  unknown: COLORS.unknown,
  waived: "#6d28d9",
  pass: COLORS.ready,
};

function ResultBlock({ result }: { result: RuleResult }) {
  const rule = getRule(result.ruleId);
  const meta = rule?.meta;
  const needsFix = result.status === "fail" || result.status === "waived";
  return (
    <View style={{ borderLeftWidth: 3, borderLeftColor: STATUS_COLORS[result.status], paddingLeft: 8, marginBottom: 12 }}>
      <View wrap={false} minPresenceAhead={40}>
        <Text style={{ fontSize: 8.5, lineHeight: 1.3, fontWeight: "bold", color: STATUS_COLORS[result.status] }}>{statusLabel(result).toUpperCase()}</Text>
        <Text style={{ fontWeight: "bold" }}>{meta?.title ?? result.ruleId}</Text>
        <Text style={styles.small}>{result.ruleId}</Text>
        <Text style={styles.paragraph}>{result.message}</Text>
      </View>
      {result.evidence.length > 0 ? (
        <Table
          columns={[{ header: "Fact", weight: 3 }, { header: "Observed", weight: 3 }, { header: "Expected", weight: 3 }]}
          rows={result.evidence.map((item) => [item.fact, observedText(item.actual), item.expected])}
          wrapText
        />
      ) : null}
      {result.reason ? (
        <Paragraph>
          {result.reason.code === "rule-error" ? "The rule failed to run. " : `Missing fact: ${result.reason.missingFact}. `}
          {result.reason.collect ? `How to collect it: ${result.reason.collect}` : ""}
          {result.reason.collectNote ? ` ${result.reason.collectNote}` : ""}
        </Paragraph>
      ) : null}
      {result.waiver ? (
        <Paragraph>
          {`Waived by ${result.waiver.by}${result.waiver.expiresAt ? ` until ${formatDay(result.waiver.expiresAt)}` : ""}${result.severity === "blocker" || meta?.severity === "blocker" ? " (blocker waiver)" : ""}. Reason: ${result.waiver.reason}`}
        </Paragraph>
      ) : null}
      {needsFix && meta ? (
        <View>
          <Text style={styles.paragraph}>
            <Text style={{ fontWeight: "bold" }}>Remediation: </Text>
            {meta.remediation.summary}
          </Text>
          {(meta.remediation.steps ?? []).length > 0 ? <BulletList items={meta.remediation.steps ?? []} /> : null}
        </View>
      ) : null}
      {meta ? (
        <Text style={styles.small}>
          Source: {meta.source.document}, section “{meta.source.section}”, revised {meta.source.revised}. {meta.source.url}
        </Text>
      ) : null}
    </View>
  );
}

function atAGlance(server: ServerReportData["server"]): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    count(server.blockingRuleIds.length, "blocking rule fails", "blocking rules fail"),
    count(server.conditionRuleIds.length, "warning fails", "warnings fail"),
    count(server.unknownRuleIds.length, "rule could not be judged (missing data)", "rules could not be judged (missing data)"),
    count(server.waivedRuleIds.length, "accepted risk (waiver)", "accepted risks (waivers)"),
  ].join(" · ");
}

export function ServerReport({ data, meta, fixScriptUrl }: { data: ServerReportData; meta: ReportMeta; fixScriptUrl: string }) {
  const { server } = data;
  const results = orderResults([...server.hostResults, ...server.sharedResults]);
  const open = results.filter((result) => result.status !== "pass");
  const passed = results.filter((result) => result.status === "pass");
  const changes = verdictChanges(data.history, data.uploadNames);
  const rollout = server.rollout;
  return (
    <ReportDocument
      meta={meta}
      toc={[
        { id: "summary", title: "Summary and rollout" },
        { id: "findings", title: "Findings to act on", note: `${open.length}` },
        { id: "passed", title: "Rules that pass", note: `${passed.length}` },
        { id: "waivers", title: "Waivers", note: `${data.waivers.length}` },
        { id: "history", title: "Verdict history" },
      ]}
      summary={
        <View>
          <VerdictMark verdict={server.verdict} size={16} />
          <Text style={{ marginTop: 6 }}>{atAGlance(server)}</Text>
        </View>
      }
    >
      <ReportPage meta={meta}>
        <SectionHeading id="summary">Summary</SectionHeading>
        <View style={{ marginBottom: 10 }}>
          <VerdictMark verdict={server.verdict} size={16} />
        </View>
        <KeyValues
          rows={[
            ["Server", server.fqdn],
            ["NetBIOS name", server.name],
            ["Domain", server.domain],
            ["Operating system", server.osName ?? "—"],
            ["Site", server.site ?? "—"],
            ["Owner", server.owner ?? "—"],
            ["Tags", server.tags.length > 0 ? server.tags.join(", ") : "—"],
            ["Confidence", confidenceText(server.confidenceStars, server.confidenceShare)],
            ["Blocking rules", server.blockingRuleIds.length > 0 ? server.blockingRuleIds.join(", ") : "None"],
            ["Warnings", server.conditionRuleIds.length > 0 ? server.conditionRuleIds.join(", ") : "None"],
            ["Not judged (missing data)", server.unknownRuleIds.length > 0 ? server.unknownRuleIds.join(", ") : "None"],
            ["Facts collected", `${formatDateTime(server.factsCollectedAt)}${server.stale ? " (stale: older than the freshness limit)" : ""}`],
            ["Evaluated", `${formatDateTime(server.evaluatedAt)} with ruleset ${server.rulesetVersion || "—"}`],
          ]}
        />
        <MinorHeading>Rollout</MinorHeading>
        <KeyValues
          rows={[
            ["Wave", rollout.wave ? `${rollout.wave.name}${rollout.wave.archived ? " (archived)" : ""}` : "Not in a wave"],
            ["Status", `${ROLLOUT_STATUS_LABELS[rollout.status]}${rollout.source === "detected" ? " (detected from a collector report)" : ""}`],
            ["Owner", rollout.owner ?? "—"],
            ["Target date", rollout.targetDate ? `${formatDay(rollout.targetDate)}${rollout.overdue ? " (overdue)" : ""}` : "—"],
          ]}
        />
        {open.some((result) => result.status === "fail") ? (
          <Callout title="Fix script" tone="info">
            <Text>
              A PowerShell script with the fixes for this server&apos;s failing rules: <ExternalLink href={fixScriptUrl}>{fixScriptUrl}</ExternalLink>
            </Text>
          </Callout>
        ) : (
          <Paragraph muted>
            Fix script: <ExternalLink href={fixScriptUrl}>{fixScriptUrl}</ExternalLink>
          </Paragraph>
        )}
      </ReportPage>
      <ReportPage meta={meta}>
        <SectionHeading id="findings">Findings to act on</SectionHeading>
        {open.length === 0 ? <Paragraph>Every applicable rule passes.</Paragraph> : open.map((result) => <ResultBlock key={result.ruleId} result={result} />)}
        <SectionHeading id="passed">Rules that pass</SectionHeading>
        <Paragraph muted>Each passing rule with the evidence it checked (fact = observed value) and its source document.</Paragraph>
        <Table
          columns={[{ header: "Rule", weight: 2.2 }, { header: "Requirement", weight: 3.2 }, { header: "Evidence", weight: 3.4 }, { header: "Source", weight: 2.2 }]}
          rows={passed.map((result) => {
            const meta = getRule(result.ruleId)?.meta;
            return [
              result.ruleId,
              meta?.title ?? result.message,
              result.evidence.length > 0 ? result.evidence.map((item) => `${item.fact} = ${observedText(item.actual, 80)}`).join("; ") : result.message,
              meta ? `${meta.source.document} (${meta.source.revised})` : "—",
            ];
          })}
          wrapText
          empty="None."
        />
      </ReportPage>
      <ReportPage meta={meta}>
        <SectionHeading id="waivers">Waivers</SectionHeading>
        <Table
          columns={[{ header: "Rule", weight: 3 }, { header: "Applies to", weight: 2.4 }, { header: "Status", weight: 1.3 }, { header: "Approved by", weight: 2.4 }, { header: "Expires", weight: 1.5 }]}
          rows={data.waivers.map((waiver) => [
            { text: `${waiver.ruleId}${waiver.blocker ? " (blocker)" : ""}`, bold: waiver.blocker },
            waiver.server ? waiver.server.fqdn : `domain ${waiver.domain}`,
            { text: waiver.status, color: waiver.status === "active" ? COLORS.text : COLORS.notReady },
            waiver.approvedBy ?? "not approved",
            formatDay(waiver.expiresAt),
          ])}
          empty="No waivers apply to this server."
        />
        <SectionHeading id="history">Verdict history</SectionHeading>
        {changes.length === 0 ? (
          <Paragraph muted>No evaluations recorded.</Paragraph>
        ) : (
          changes
            .slice()
            .reverse()
            .map((change) => (
              <View key={change.at} style={{ marginBottom: 8 }} wrap={false}>
                <Text style={{ fontWeight: "bold" }}>
                  {formatDateTime(change.at)}: {verdictChangeText(change)}
                </Text>
                <Text>Cause: {change.cause}</Text>
                {change.changes.length > 0 ? <Text style={styles.small}>{change.changes.slice(0, 8).map(ruleChangeText).join("; ")}{change.changes.length > 8 ? `; and ${change.changes.length - 8} more` : ""}</Text> : null}
              </View>
            ))
        )}
      </ReportPage>
    </ReportDocument>
  );
}

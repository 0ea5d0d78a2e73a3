import { Text, View } from "@react-pdf/renderer";
import {
  Callout,
  COLORS,
  formatCount,
  formatDateTime,
  formatDay,
  KeyValues,
  Paragraph,
  ReportDocument,
  ReportPage,
  SectionHeading,
  styles,
  SubHeading,
  tablePages,
  VerdictBarChart,
  type ReportMeta,
  type TocEntry,
} from "@/lib/reports/pdf";
import { GATE_ISSUE_LABELS, VERDICT_LABELS, VERDICTS, type GateBlocker, type Verdict } from "@/lib/readiness";
import { describeGateCause } from "@/lib/rollout/gate-cause";
import { describeGateBlocker } from "@/lib/rollout/gate-text";
import { ROLLOUT_STATUS_LABELS, ROLLOUT_STATUSES } from "@/lib/rollout/status";
import { getRule } from "@/lib/rules";
import type { WaveReportData } from "./data";
import { plural } from "@/lib/text/plural";

type ServerBlocker = Extract<GateBlocker, { kind: "server" }>;

/** Gate blockers grouped by rule and issue, most servers first: what to fix, once per rule. */
export function blockersByRule(blockers: readonly GateBlocker[]): { ruleId: string; issue: ServerBlocker["issue"]; servers: number }[] {
  const groups = new Map<string, { ruleId: string; issue: ServerBlocker["issue"]; servers: number }>();
  for (const blocker of blockers) {
    if (blocker.kind !== "server") continue;
    const key = `${blocker.issue}|${blocker.ruleId}`;
    const group = groups.get(key) ?? { ruleId: blocker.ruleId, issue: blocker.issue, servers: 0 };
    group.servers += 1;
    groups.set(key, group);
  }
  const order = { "fails-blocker": 0, "unknown-blocker": 1, "fails-warning": 2 } as const;
  return [...groups.values()].sort((a, b) => order[a.issue] - order[b.issue] || b.servers - a.servers || a.ruleId.localeCompare(b.ruleId));
}

/** One row per problem server: its rules per gate issue (the gate's order: worst verdict first). */
export function gateIssuesPerServer(blockers: readonly ServerBlocker[]): ({ fqdn: string } & Record<ServerBlocker["issue"], string[]>)[] {
  const rows = new Map<string, { fqdn: string } & Record<ServerBlocker["issue"], string[]>>();
  for (const blocker of blockers) {
    const row = rows.get(blocker.fqdn) ?? { fqdn: blocker.fqdn, "fails-blocker": [], "unknown-blocker": [], "fails-warning": [] };
    row[blocker.issue].push(blocker.ruleId);
    rows.set(blocker.fqdn, row);
  }
  return [...rows.values()];
}

export function WaveReport({ data, meta }: { data: WaveReportData; meta: ReportMeta }) {
  const { wave, gate, servers, waivers } = data;
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const server of servers) counts[server.verdict] += 1;
  const statusCounts = ROLLOUT_STATUSES.map((status) => [status, servers.filter((server) => server.rollout.status === status).length] as const).filter(([, n]) => n > 0);
  const byRule = blockersByRule(gate.blockers);
  const other = gate.blockers.filter((blocker) => blocker.kind !== "server");
  const serverBlockers = gate.blockers.filter((blocker): blocker is ServerBlocker => blocker.kind === "server");
  const perServer = gateIssuesPerServer(serverBlockers);
  const go = gate.status === "go";
  const toc: TocEntry[] = [
    { id: "gate", title: "Go / no-go gate" },
    { id: "blockers", title: "Blockers by rule", note: plural(byRule.length, "rule") },
    ...(perServer.length > 0 ? [{ id: "blocker-list", title: "Gate issues per server", note: plural(perServer.length, "server") }] : []),
    { id: "servers", title: "Servers", note: `${formatCount(servers.length)}` },
    { id: "waivers", title: "Waivers in the wave", note: `${waivers.length}` },
  ];
  return (
    <ReportDocument
      meta={meta}
      toc={toc}
      summary={
        <Callout title={go ? "GO — the wave can proceed" : `NO-GO — ${formatCount(gate.blockerCount)} ${gate.blockerCount === 1 ? "blocker" : "blockers"}`} tone={go ? "good" : "bad"}>
          <Text>{gate.summary}</Text>
        </Callout>
      }
    >
      <ReportPage meta={meta}>
        <SectionHeading id="gate">Go / no-go gate</SectionHeading>
        <Callout title={go ? "GO — the wave can proceed" : `NO-GO — ${formatCount(gate.blockerCount)} ${gate.blockerCount === 1 ? "blocker" : "blockers"}`} tone={go ? "good" : "bad"}>
          <Text>{gate.summary}</Text>
        </Callout>
        <KeyValues
          rows={[
            ["Wave", wave.name],
            ["Description", wave.description || "—"],
            ["Dates", `${formatDay(wave.startDate)} – ${formatDay(wave.endDate)}`],
            ["Wave owner", wave.ownerName ?? "—"],
            ["Servers", formatCount(servers.length)],
            ["Servers with accepted risks", formatCount(gate.waivedServers)],
            ["Gate last changed", wave.gate.changedAt ? `${formatDateTime(wave.gate.changedAt)}${wave.gate.changeCause ? `, after ${describeGateCause(wave.gate.changeCause)}` : ""}` : "—"],
            ["Rollout status", statusCounts.length > 0 ? statusCounts.map(([status, n]) => `${ROLLOUT_STATUS_LABELS[status]}: ${n}`).join(" · ") : "—"],
          ]}
        />
        <SubHeading>Readiness of the wave&apos;s servers</SubHeading>
        <VerdictBarChart counts={counts} />
        <SectionHeading id="blockers">Blockers by rule</SectionHeading>
        {byRule.length === 0 && other.length === 0 ? <Paragraph>No server in this wave has a gate issue.</Paragraph> : null}
        {byRule.map((group) => {
          const rule = getRule(group.ruleId);
          return (
            <View key={`${group.issue}-${group.ruleId}`} style={{ marginBottom: 9 }} wrap={false}>
              <Text style={{ fontWeight: "bold" }}>{rule?.meta.title ?? group.ruleId}</Text>
              <Text style={{ fontSize: 9, lineHeight: 1.35 }}>
                <Text style={{ color: COLORS.muted }}>{group.ruleId} · </Text>
                <Text style={{ color: group.issue === "fails-warning" ? COLORS.conditions : COLORS.notReady }}>
                  {GATE_ISSUE_LABELS[group.issue]} on {formatCount(group.servers)} {group.servers === 1 ? "server" : "servers"}
                </Text>
              </Text>
              {rule ? (
                <Text>
                  <Text style={{ fontWeight: "bold" }}>Remediation: </Text>
                  {rule.meta.remediation.summary}
                </Text>
              ) : null}
            </View>
          );
        })}
        {other.map((blocker, index) => (
          <Callout key={index} title={blocker.kind === "agents" ? `Not enough agents for ${blocker.domain}` : "The wave is empty"} tone="warn">
            <Text>{describeGateBlocker(blocker).why}</Text>
          </Callout>
        ))}
        {gate.truncated ? <Paragraph muted>{`Only the first ${plural(serverBlockers.length, "blocker")} are listed of ${formatCount(gate.problemServerCount)} servers with issues.`}</Paragraph> : null}
      </ReportPage>
      {perServer.length > 0
        ? tablePages({
            meta,
            id: "blocker-list",
            title: "Gate issues per server",
            intro: "Each server that stops the gate and the rules it fails or cannot be judged on. Remediation per rule is under “Blockers by rule”.",
            columns: [{ header: "Server", weight: 3 }, { header: "Blocker fails", weight: 2.6 }, { header: "Blocker unknown", weight: 2.2 }, { header: "Warning fails", weight: 2.2 }],
            rows: perServer.map((row) => [
              row.fqdn,
              { text: row["fails-blocker"].join(", ") || "—", color: COLORS.notReady },
              { text: row["unknown-blocker"].join(", ") || "—", color: COLORS.unknown },
              { text: row["fails-warning"].join(", ") || "—", color: COLORS.conditions },
            ]),
          })
        : null}
      {tablePages({
        meta,
        id: "servers",
        title: "Servers",
        intro: "Each server of the wave, worst verdict first, with its rollout plan and accepted risks (waived rules).",
        columns: [
          { header: "Server", weight: 3.9 },
          { header: "Verdict", weight: 1.8 },
          { header: "Rollout status", weight: 1.7 },
          { header: "Owner", weight: 2.2 },
          { header: "Target date", weight: 1.6 },
          { header: "Waived rules", weight: 1.3 },
        ],
        rows: servers.map((server) => [
          server.fqdn,
          { text: VERDICT_LABELS[server.verdict], verdict: server.verdict },
          `${ROLLOUT_STATUS_LABELS[server.rollout.status]}${server.rollout.source === "detected" ? " (detected)" : ""}`,
          server.rollout.owner ?? server.owner ?? "—",
          server.rollout.targetDate ? `${server.rollout.targetDate}${server.rollout.overdue ? " !" : ""}` : "—",
          server.waivedRuleIds.join(", ") || "—",
        ]),
        empty: "No servers are assigned to this wave.",
      })}
      {tablePages({
        meta,
        id: "waivers",
        title: "Waivers in the wave",
        intro: "Accepted risks for the wave's servers and their domains. Lapsed and expired waivers no longer apply.",
        columns: [
          { header: "Rule", weight: 2.6 },
          { header: "Applies to", weight: 3 },
          { header: "Status", weight: 1.2 },
          { header: "Approved by", weight: 2.4 },
          { header: "Expires", weight: 1.4 },
        ],
        rows: waivers.map((waiver) => [
          { text: `${waiver.ruleId}${waiver.blocker ? " (blocker)" : ""}`, bold: waiver.blocker },
          waiver.server ? waiver.server.fqdn : `domain ${waiver.domain}`,
          { text: waiver.status === "active" ? "Active" : waiver.status === "lapsed" ? "Lapsed" : waiver.status === "expired" ? "Expired" : "Pending", color: waiver.status === "active" ? COLORS.text : COLORS.notReady, bold: waiver.status !== "active" },
          waiver.approvedBy ?? "not approved",
          formatDay(waiver.expiresAt),
        ]),
        empty: "No waivers apply to this wave's servers.",
      })}
      <ReportPage meta={meta}>
        <Text style={styles.small}>
          {`End of report. "!" after a target date: overdue. Verdicts and the gate come from the stored evaluations (ruleset ${data.provenance.rulesetVersion}).`}
        </Text>
      </ReportPage>
    </ReportDocument>
  );
}

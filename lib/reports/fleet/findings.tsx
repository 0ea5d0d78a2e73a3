import { Text, View } from "@react-pdf/renderer";
import type { DomainFinding, FindingRow, FleetReportData } from "@/lib/data/reports/fleet-report";
import { COLORS, KeyValues, MinorHeading, Paragraph, ReportPage, SectionHeading, SubHeading, Table, formatCount, formatDay, styles, type ReportMeta, type TableCell } from "@/lib/reports/pdf";
import { RESULT_STATUS_LABELS } from "@/lib/readiness";

export const DOMAINS_ID = "domains-gmsa";
export const TENANT_ID = "tenant-scope";

const STATUS_COLORS: Record<string, string> = { fail: COLORS.notReady, unknown: COLORS.unknown, waived: COLORS.conditions };

/**
 * Findings as a list rather than a one-line table: a manager reads the whole message. Each: status and severity,
 * the rule id and title, then the message (wrapping).
 */
function FindingList({ findings, empty }: { findings: readonly FindingRow[]; empty: string }) {
  if (findings.length === 0) return <Paragraph muted>{empty}</Paragraph>;
  return (
    <View style={{ marginBottom: 8 }}>
      {findings.map((f) => (
        <View key={f.ruleId} style={{ flexDirection: "row", paddingVertical: 3, borderBottomWidth: 0.5, borderBottomColor: "#e2e8f0" }} wrap={false}>
          <Text style={[styles.tableText, { width: 62, fontWeight: "bold", color: STATUS_COLORS[f.status] ?? COLORS.text }]}>{RESULT_STATUS_LABELS[f.status]}</Text>
          <Text style={[styles.tableText, { width: 48, color: COLORS.muted }]}>{f.severity}</Text>
          <View style={{ flex: 1 }}>
            <Text style={[styles.tableText, { fontWeight: "bold" }]}>
              {f.title} <Text style={{ fontWeight: "normal", color: COLORS.muted }}>({f.ruleId})</Text>
            </Text>
            <Text style={styles.tableText}>{f.message}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

const SET_LABELS: Record<string, string> = {
  "custom-gmsa": "Custom gMSA",
  "password-hash-sync": "Hash sync",
  "password-writeback": "Writeback",
  "group-provisioning": "Group provisioning",
  "exchange-hybrid": "Exchange hybrid",
};

const PERMISSION_LABELS: Record<string, string> = {
  present: "Present",
  "covered-by-inheritance": "Covered by inheritance",
  "covered-by-group": "Covered by group",
  unknown: "Unknown (inheritance not exported)",
  missing: "Missing",
  denied: "Denied",
};

function PermissionTable({ gmsa }: { gmsa: NonNullable<DomainFinding["gmsa"]> }) {
  const required = new Map(gmsa.sets.map((s) => [s.set, s.required]));
  const rows: TableCell[][] = gmsa.permissions.map((p) => {
    const bad = p.status === "missing" || p.status === "denied";
    const needed = required.get(p.set) ?? true;
    return [
      SET_LABELS[p.set] ?? p.set,
      p.access,
      p.appliesTo,
      { text: `${PERMISSION_LABELS[p.status] ?? p.status}${bad && !needed ? " (not required)" : ""}`, color: bad && needed ? COLORS.notReady : p.status === "unknown" ? COLORS.unknown : bad ? COLORS.muted : COLORS.ready, bold: true },
    ];
  });
  return (
    <Table
      columns={[
        { header: "Set", weight: 1.4 },
        { header: "Access", weight: 3.2 },
        { header: "Applies to", weight: 3.3 },
        { header: "Status", weight: 3.1 },
      ]}
      rows={rows}
    />
  );
}

function DomainBlock({ domain }: { domain: DomainFinding }) {
  return (
    <View>
      <SubHeading>{domain.domain}</SubHeading>
      <KeyValues
        rows={[
          ["Servers in scope", formatCount(domain.servers)],
          ["Domain functional level", domain.functionalLevel ?? "not collected"],
          ["Domain facts", domain.factsCollectedAt ? `collected ${formatDay(domain.factsCollectedAt)}${domain.factsFile ? ` (${domain.factsFile})` : ""}` : "not uploaded"],
        ]}
      />
      <MinorHeading>Domain and gMSA findings</MinorHeading>
      <FindingList findings={domain.findings} empty="Every domain and gMSA rule passes." />
      <MinorHeading>
        gMSA permissions{domain.gmsa?.account ? ` of ${domain.gmsa.account}` : ""}
        {domain.gmsa?.targetDn ? ` on ${domain.gmsa.targetDn}` : ""}
      </MinorHeading>
      {domain.gmsa ? <PermissionTable gmsa={domain.gmsa} /> : <Paragraph muted>No gMSA ACL export was uploaded for this domain.</Paragraph>}
    </View>
  );
}

/** Domains and gMSA findings: each domain in scope with its failing rules and the documented permission table. */
export function DomainsPage({ meta, data }: { meta: ReportMeta; data: FleetReportData }) {
  return (
    <ReportPage meta={meta}>
      <SectionHeading id={DOMAINS_ID}>Domains and gMSA permissions</SectionHeading>
      <Paragraph muted>
        Rules judged once per domain (domain facts, the provisioning agent’s gMSA and its permissions). A failing domain rule blocks every server of
        the domain. The permission table compares the documented gMSA permissions with the exported ACL.
      </Paragraph>
      {data.domains.length === 0 && <Paragraph>No server in scope belongs to a known domain.</Paragraph>}
      {data.domains.map((domain) => (
        <DomainBlock key={domain.domain} domain={domain} />
      ))}
    </ReportPage>
  );
}

/** Tenant (Microsoft Graph) and sync-scope findings: the same for every server. */
export function TenantScopePage({ meta, data }: { meta: ReportMeta; data: FleetReportData }) {
  const t = data.tenantScope;
  return (
    <ReportPage meta={meta}>
      <SectionHeading id={TENANT_ID}>Tenant and sync scope</SectionHeading>
      <SubHeading>Tenant</SubHeading>
      <Paragraph muted>
        {t.tenantCollectedAt ? `Tenant facts collected ${formatDay(t.tenantCollectedAt)}${t.tenantFile ? ` (${t.tenantFile})` : ""}.` : "No tenant export was uploaded: tenant rules are unknown."}
      </Paragraph>
      <FindingList findings={t.tenant} empty="Every tenant rule passes." />
      <SubHeading>Sync scope</SubHeading>
      <Paragraph muted>
        {t.scopeCollectedAt ? `Sync scope collected ${formatDay(t.scopeCollectedAt)}${t.scopeFile ? ` (${t.scopeFile})` : ""}.` : "No sync scope was uploaded: scope rules are unknown."}
      </Paragraph>
      <FindingList findings={t.scope} empty="Every sync-scope rule passes." />
      {t.configurations.length > 0 && (
        <>
          <MinorHeading>Sync configurations</MinorHeading>
          <Table
            columns={[
              { header: "Configuration", weight: 3 },
              { header: "Domain", weight: 3 },
              { header: "Objects", weight: 1.2, align: "right" },
              { header: "Problems", weight: 6 },
            ]}
            rows={t.configurations.map((c) => [c.name, c.domain ?? "—", c.objectCount === null ? "—" : formatCount(c.objectCount), c.problems.length ? { text: c.problems.join("; "), color: COLORS.notReady } : "None"])}
          />
        </>
      )}
    </ReportPage>
  );
}

import { beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/entry";
import { db } from "@/lib/data/db";
import { loadDemoFleet } from "@/lib/data/demo";
import { undelimitRuleIds } from "@/lib/data/ingest/statuses";
import { bulkUpdateRollout } from "@/lib/data/rollout/bulk";
import { createWave } from "@/lib/data/rollout/waves";
import { pdfPages, pdfText } from "@/lib/reports/pdf/pdf-text.test-kit";
import { getRule, RULESET_VERSION } from "@/lib/rules";
import { requestWaiver } from "@/lib/data/waivers";
import { loadWaveReport } from "./data";
import { renderWaveReport } from "./render";

// Real demo fleet, a real wave planned through the rollout writers, the real renderer and pdftotext.
const generatedBy = "viewer@example.com";
const lead: AuditActor = { kind: "user", id: null, name: "lead@example.com" };
const now = new Date("2026-12-04T12:00:00Z");
let waveId = "";

beforeAll(async () => {
  await loadDemoFleet({ servers: 300, uploadedBy: { name: "demo@example.com" } });
  const wave = await createWave({ name: "Pilot Zürich", description: "First servers" }, lead);
  waveId = wave.id;
  await bulkUpdateRollout({ filter: "domain=corp.contoso.com" }, { waveId, status: "scheduled", targetDate: "2026-12-15", owner: "ops@example.com" }, lead);
});

describe("wave PDF", () => {
  it("shows the gate, its blockers with remediation, every server with verdict and rollout plan, and the provenance", async () => {
    const report = await renderWaveReport({ id: waveId, generatedBy, now });
    const bytes = report!.bytes;
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes);
    const flat = text.replace(/\s+/g, " ");
    const pages = pdfPages(bytes);
    expect(text).toContain("Wave readiness");
    expect(text).toContain("Pilot Zürich");
    expect(text).toMatch(/NO-GO — \d+ blockers?/);
    expect(text).toContain("Blockers by rule");
    const members = await db().server.findMany({ where: { waveId }, orderBy: { fqdn: "asc" } });
    expect(members.length).toBeGreaterThan(20);
    for (const member of [members[0]!, members.at(-1)!]) expect(text).toContain(member.fqdn);
    const failing = members.find((member) => member.blockingRules !== "")!;
    const ruleId = undelimitRuleIds(failing.blockingRules)[0]!;
    expect(text).toContain(ruleId);
    expect(flat).toContain(getRule(ruleId)!.meta.remediation.summary.replace(/\s+/g, " ").slice(0, 50));
    expect(text).toContain("Scheduled");
    expect(text).toContain("ops@example.com");
    expect(text).toMatch(/2026-12-15( !)?/);
    expect(text).toContain("Waivers in the wave");
    expect(text).toContain(RULESET_VERSION);
    expect(text).toContain("demo-hosts.collector.json");
    expect(text).toContain("viewer@example.com");
    expect(text).toMatch(new RegExp(`\\b1 ?/ ?${pages}\\b`));
    expect(text).toMatch(new RegExp(`\\b${pages} ?/ ?${pages}\\b`));
    expect(report!.fileName).toBe("wave-Pilot-Z-rich.pdf");
  });

  it("gives the same bytes for the same data", async () => {
    const a = await renderWaveReport({ id: waveId, generatedBy, now });
    const b = await renderWaveReport({ id: waveId, generatedBy, now });
    expect(a!.bytes.equals(b!.bytes)).toBe(true);
  });

  it("answers null for an unknown wave", async () => {
    expect(await renderWaveReport({ id: "no-such-wave", generatedBy, now })).toBeNull();
  });

  it("lists the waivers of the wave's members and domains only, whatever the fleet holds", async () => {
    const admin = { kind: "session" as const, userId: "u-admin", email: "admin@example.com", role: "admin" as const };
    const hostRule = (server: { conditionRules: string; blockingRules: string }) =>
      [...undelimitRuleIds(server.conditionRules), ...undelimitRuleIds(server.blockingRules)].find((id) => getRule(id)?.meta.scope === "host");
    const candidates = async (where: object) => (await db().server.findMany({ where, orderBy: { fqdn: "asc" } })).filter((server) => hostRule(server) !== undefined);
    const [inWave] = await candidates({ waveId });
    const [outside] = await candidates({ waveId: null, domain: { not: "corp.contoso.com" } });
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    for (const server of [inWave!, outside!]) {
      const ruleId = hostRule(server)!;
      const outcome = await requestWaiver({ ruleId, scope: "server", server: server.fqdn, reason: "accepted for the pilot", expiresAt }, admin);
      if (!outcome.ok) throw new Error(`${server.fqdn} ${ruleId}: ${outcome.message}`);
    }
    const data = (await loadWaveReport(waveId))!;
    expect(data.waivers.map((waiver) => waiver.server?.fqdn)).toEqual([inWave!.fqdn]);
  });
});

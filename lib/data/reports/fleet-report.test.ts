import { beforeAll, describe, expect, it } from "vitest";
import { getRule, RULESET_VERSION } from "@/lib/rules";
import { parseServerFilters, type ServerFilters } from "@/lib/views/server-filters";
import { loadDemoFleet } from "../demo";
import { getFleetSummary } from "../fleet-summary";
import { APPENDIX_MAX_SERVERS, getFleetReport } from "./fleet-report";

// The fleet report's data on the 300-server demo fleet, loaded through the real upload path into a real SQLite file.
const filters = (params: Record<string, string> = {}): ServerFilters => parseServerFilters(params).data!;

beforeAll(async () => {
  await loadDemoFleet({ servers: 300, uploadedBy: { name: "demo@example.com" } });
});

describe("getFleetReport", () => {
  it("counts the whole fleet exactly as the overview does, and ranks blocking rules by servers affected", async () => {
    const [report, summary] = await Promise.all([getFleetReport(filters(), { appendix: false }), getFleetSummary()]);
    if (!report.ok) throw new Error(report.message);
    const data = report.data;
    expect(data.total).toBe(summary.total);
    expect(data.byVerdict).toEqual(summary.byVerdict);
    expect(Object.values(data.byConfidence).reduce((a, b) => a + b, 0)).toBe(300);
    expect(data.scope).toEqual({ label: "every server", search: "" });
    // Same ranking as the stored per-rule counts (RuleSummary.blocking).
    expect(data.blockingRules.slice(0, 3).map((r) => [r.ruleId, r.servers])).toEqual(summary.topBlockingRules.slice(0, 3).map((r) => [r.ruleId, r.servers]));
    const top = data.blockingRules[0]!;
    expect(top.remediation).toContain(getRule(top.ruleId)!.meta.remediation.summary.trim().slice(0, 40));
    expect(top.source?.url).toMatch(/^https:\/\//);
    expect(data.byDomain.map((g) => g.key).sort()).toEqual(summary.byDomain.map((d) => d.domain).sort());
    expect(data.bySite.reduce((a, g) => a + g.total, 0)).toBe(300);
    expect(data.domains.map((d) => d.domain)).toContain("corp.contoso.com");
    expect(data.domains.find((d) => d.domain === "corp.contoso.com")?.gmsa?.permissions.length).toBeGreaterThan(0);
    expect(data.provenance.uploads.total).toBe(8);
    expect(data.provenance.uploads.newest.map((f) => f.fileName)).toContain("demo-hosts.collector.json");
    expect(data.provenance.rulesetVersion).toBe(RULESET_VERSION);
    expect(data.appendix).toBeNull();
  });

  it("narrows every section to the filter", async () => {
    const report = await getFleetReport(filters({ domain: "fabrikam.com" }), { appendix: false });
    if (!report.ok) throw new Error(report.message);
    const summary = await getFleetSummary();
    const fabrikam = summary.byDomain.find((d) => d.domain === "fabrikam.com")!;
    expect(report.data.total).toBe(fabrikam.total);
    expect(report.data.byVerdict).toEqual(fabrikam.byVerdict);
    expect(report.data.byDomain.map((g) => g.key)).toEqual(["fabrikam.com"]);
    expect(report.data.domains.map((d) => d.domain)).toEqual(["fabrikam.com"]);
    expect(report.data.scope).toEqual({ label: "domain fabrikam.com", search: "?domain=fabrikam.com" });
  });

  it("adds one section per server with the appendix, results re-derived like the server page", async () => {
    const report = await getFleetReport(filters({ readiness: "not-ready" }), { appendix: true });
    if (!report.ok) throw new Error(report.message);
    const appendix = report.data.appendix!;
    expect(appendix.length).toBe(report.data.total);
    // A not-ready server fails a blocker: its host or its domain's shared results say so.
    for (const server of appendix) expect(server.results.some((r) => r.status === "fail") || server.sharedProblems.length > 0).toBe(true);
  });

  it("refuses an appendix above the limit, and suggests a filter", async () => {
    expect(APPENDIX_MAX_SERVERS).toBe(500);
    expect(await getFleetReport(filters(), { appendix: true })).toMatchObject({ ok: true }); // 300 servers: under the limit
    const refused = await getFleetReport(filters(), { appendix: true, appendixLimit: 100 });
    expect(refused).toMatchObject({ ok: false, code: "too-large", servers: 300, limit: 100 });
    if (!refused.ok) expect(refused.message).toMatch(/Add a filter/);
    expect(await getFleetReport(filters(), { appendix: false, appendixLimit: 100 })).toMatchObject({ ok: true });
  });
});

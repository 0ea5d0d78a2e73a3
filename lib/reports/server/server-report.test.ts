import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { db } from "@/lib/data/db";
import { loadDemoFleet } from "@/lib/data/demo";
import { undelimitRuleIds } from "@/lib/data/ingest/statuses";
import { listRecentReports } from "@/lib/data/report-log";
import { getRule, RULESET_VERSION } from "@/lib/rules";
import { pdfPages, pdfText } from "@/lib/reports/pdf/pdf-text.test-kit";
import { ReportTooLargeError } from "@/lib/reports/pdf";
import { respondWithPdf } from "@/lib/reports/pdf-response";
import { renderServerReport } from "./render";

// Real demo fleet through the real upload path, a real SQLite database, the real renderer and pdftotext.
const caller: Caller = { kind: "token", tokenId: "token-1", name: "reports-test", role: "viewer" };
const now = new Date("2026-12-04T12:00:00Z");
let fqdn = "";
let netbios = "";

beforeAll(async () => {
  await loadDemoFleet({ servers: 300, uploadedBy: { name: "demo@example.com" } });
  const server = await db().server.findFirstOrThrow({ where: { verdict: "not-ready" }, orderBy: { fqdn: "asc" } });
  fqdn = server.fqdn;
  netbios = server.name;
});

describe("server PDF", () => {
  it("shows the server, its verdict, every rule with evidence, remediation and source, the fix script and the provenance", async () => {
    const report = await renderServerReport({ name: fqdn, generatedBy: "token:reports-test", origin: "https://readiness.example", now });
    expect(report).not.toBeNull();
    const bytes = report!.bytes;
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes);
    const flat = text.replace(/\s+/g, " ");
    const pages = pdfPages(bytes);
    expect(text).toContain("Server readiness");
    expect(text).toContain(fqdn);
    expect(text).toContain("Not ready");
    expect(text).toContain("FAIL · BLOCKER");
    const server = await db().server.findUniqueOrThrow({ where: { fqdn } });
    const blocking = undelimitRuleIds(server.blockingRules);
    expect(blocking.length).toBeGreaterThan(0);
    for (const ruleId of blocking) {
      expect(text).toMatch(new RegExp(`^\\s*${ruleId}\\s*$`, "m"));
      const rule = getRule(ruleId)!;
      expect(flat).toContain(rule.meta.remediation.summary.replace(/\s+/g, " ").slice(0, 60));
      expect(flat).toContain(rule.meta.source.document);
    }
    expect(text).toContain("Fact");
    expect(text).toContain("Observed");
    expect(flat).toContain(`https://readiness.example/servers/${fqdn}/fix-script`);
    expect(text).toContain(RULESET_VERSION);
    expect(text).toContain("demo-hosts.collector.json");
    expect(text).toContain("token:reports-test");
    expect(text).toContain("Verdict history");
    expect(flat).toMatch(/First evaluation: Not ready|→ Not ready/);
    expect(flat).toContain("New data (upload demo-");
    expect(text).toMatch(new RegExp(`\\b1 ?/ ?${pages}\\b`));
    expect(report!.fileName).toBe(`server-${fqdn}.pdf`);
  });

  it("finds a server by its NetBIOS name, and answers null for an unknown one", async () => {
    const report = await renderServerReport({ name: netbios, generatedBy: "token:reports-test", origin: "http://localhost", now });
    expect(pdfText(report!.bytes)).toContain(fqdn);
    expect(await renderServerReport({ name: "no-such-server.example", generatedBy: "token:reports-test", origin: "http://localhost", now })).toBeNull();
  });

  it("gives the same bytes for the same data and request", async () => {
    const a = await renderServerReport({ name: fqdn, generatedBy: "token:reports-test", origin: "http://localhost", now });
    const b = await renderServerReport({ name: fqdn, generatedBy: "token:reports-test", origin: "http://localhost", now });
    expect(a!.bytes.equals(b!.bytes)).toBe(true);
  });

  it("answers through respondWithPdf: the caller is the author, the generation is recorded with provenance, bytes and pages", async () => {
    const response = await respondWithPdf(caller, now, async (generatedBy) => (await renderServerReport({ name: fqdn, generatedBy, origin: "http://localhost", now }))!);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(pdfText(bytes)).toContain("token:reports-test");
    const recent = await listRecentReports(50);
    const entry = recent.find((report) => report.kind === "server.pdf" && report.scope === fqdn);
    expect(entry).toMatchObject({ by: "token:reports-test", provenance: { rulesetVersion: RULESET_VERSION } });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "report.generate", targetId: "server.pdf" }, orderBy: [{ at: "desc" }, { id: "desc" }] });
    expect(JSON.parse(audit.afterJson!)).toMatchObject({ size: { bytes: bytes.byteLength, pages: pdfPages(bytes) } });
  });

  it("maps a report that is too large to 413 and records nothing", async () => {
    const before = (await listRecentReports(50)).length;
    const response = await respondWithPdf(caller, now, async () => Promise.reject(new ReportTooLargeError(25_000, 20_000, "Add a filter.")));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "report-too-large", rows: 25_000, limit: 20_000 } });
    expect((await listRecentReports(50)).length).toBe(before);
  });

  it("renders in well under a second", async () => {
    const started = performance.now();
    await renderServerReport({ name: fqdn, generatedBy: "token:reports-test", origin: "http://localhost", now });
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

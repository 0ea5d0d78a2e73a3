import { beforeAll, describe, expect, it } from "vitest";
import { getChanges } from "@/lib/data/changes";
import { getChangesProvenance } from "@/lib/data/report-provenance";
import { db } from "@/lib/data/db";
import { loadDemoFleet } from "@/lib/data/demo";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { pdfPages, pdfText } from "@/lib/reports/pdf/pdf-text.test-kit";
import { RULESET_VERSION } from "@/lib/rules";
import { parseChangesQuery } from "./query";
import { countPdfPages } from "@/lib/reports/pdf";
import { MAX_CHANGES_ROWS, renderChangesReport } from "./render";

// The "what changed" PDF from the demo fleet after a real upload changed a few verdicts, read back with pdftotext.
const flat = (text: string) => text.replace(/\s+/g, " ");
let degraded: { name: string; fqdn: string }[] = [];

async function render(now = new Date()) {
  const parsed = parseChangesQuery(new URLSearchParams(), now);
  if (!parsed.ok) throw new Error("query");
  const { query } = parsed;
  const [report, provenance] = await Promise.all([getChanges({ from: query.from, to: query.to }), getChangesProvenance(query.from, query.to)]);
  const input = { report, provenance, fromDay: query.fromDay, toDay: query.toDay, generatedAt: now, generatedBy: "viewer@contoso.com" };
  return { input, pdf: await renderChangesReport(input) };
}

beforeAll(async () => {
  await loadDemoFleet({ servers: 300, uploadedBy: { name: "demo@example.com" } });
  // Move the demo's evaluations a month back, so that the last 7 days hold only the upload below.
  const { sqlite } = await import("@/lib/data/sqlite/connection");
  sqlite().prepare("UPDATE Evaluation SET evaluatedAt = '2026-01-01T00:00:00.000+00:00'").run();
  const servers = await db().server.findMany({ where: { verdict: "ready-with-conditions" }, orderBy: { fqdn: "asc" }, take: 4, select: { name: true, fqdn: true, domain: true } });
  degraded = servers;
  const csv = `Host Name,Domain,RAM (GB)\n${servers.map((s) => `${s.name},${s.domain},2`).join("\n")}\n`;
  const response = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "memory-check-Müller.csv", options: {}, uploadedBy: { name: "admin@contoso.com" } });
  if (!response.ok) throw new Error(response.message);
});

describe("what changed PDF", () => {
  it("has a cover with provenance, a summary with the counts, one section per cause with before -> after and rules, page numbers", async () => {
    const { pdf, input } = await render();
    const text = pdfText(pdf);
    const words = flat(text);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Cover: title, period, who, ruleset, the upload of the period, contents.
    expect(words).toContain("What changed");
    expect(words).toContain(`${degraded.length} servers changed verdict: 0 improved, ${degraded.length} got worse.`);
    expect(words).toContain("viewer@contoso.com");
    expect(words).toContain(RULESET_VERSION);
    expect(words).toContain("memory-check-Müller.csv");
    expect(words).toContain("Contents");
    expect(words).toContain("New data uploaded");
    // Summary and the section.
    expect(words).toMatch(/Changed verdict \d+/);
    expect(words).toContain("New data uploaded · 4 servers");
    for (const server of degraded) expect(text).toContain(server.name);
    expect(words).toContain("Ready with conditions");
    expect(words).toContain("Not ready");
    expect(words).toContain("+host-memory");
    expect(words).toContain("Each server's verdict at the start of the first day");
    // Page numbers "n / N" on every page.
    const pages = pdfPages(pdf);
    expect(pages).toBe(countPdfPages(pdf));
    for (let page = 1; page <= pages; page++) expect(text).toMatch(new RegExp(`\\b${page} ?/ ?${pages}\\b`));
    expect(input.report.groups.map((g) => g.cause)).toEqual(["upload"]);
  });

  it("says so when nothing changed, and refuses more than the row limit with a hint", async () => {
    const { pdf } = await render(new Date("2026-02-01T00:00:00Z"));
    expect(flat(pdfText(pdf))).toContain("No server changed verdict.");
    const { input } = await render();
    await expect(renderChangesReport({ ...input, report: { ...input.report, changed: MAX_CHANGES_ROWS + 1 } })).rejects.toThrow(/shorter period or add a filter/);
  });
});

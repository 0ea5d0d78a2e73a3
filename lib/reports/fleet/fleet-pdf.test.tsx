import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoFleet } from "@/lib/data/demo";
import { getFleetSummary } from "@/lib/data/fleet-summary";
import { getFleetReport } from "@/lib/data/reports/fleet-report";
import { getRule } from "@/lib/rules";
import { parseServerFilters } from "@/lib/views/server-filters";
import { countPdfPages } from "@/lib/reports/pdf";
import { renderFleetReport } from "./render";

// The fleet readiness PDF from the 300-server demo fleet (real upload path, real SQLite), read back with pdftotext.
const dir = mkdtempSync(path.join(tmpdir(), "fleet-pdf-"));
const flat = (text: string) => text.replace(/\s+/g, " ");

async function pdfText(query: string, appendix = false): Promise<{ text: string; pages: number; servers: string[] }> {
  const filters = parseServerFilters(new URLSearchParams(query)).data!;
  const report = await getFleetReport(filters, { appendix });
  if (!report.ok) throw new Error(report.message);
  const pdf = await renderFleetReport(report.data, { generatedBy: "lead@example.com" });
  const file = path.join(dir, `fleet-${query.replace(/\W+/g, "_")}-${appendix}.pdf`);
  writeFileSync(file, pdf);
  const servers = report.data.appendix?.map((s) => s.fqdn) ?? [];
  return { text: execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }), pages: countPdfPages(pdf), servers };
}

beforeAll(async () => {
  await loadDemoFleet({ servers: 300, uploadedBy: { name: "demo@example.com" } });
});

describe("fleet readiness PDF", () => {
  it("says what the overview says, ranks the blocking rules with remediation and source, and carries its provenance", async () => {
    const [{ text, pages }, summary] = await Promise.all([pdfText(""), getFleetSummary()]);
    const words = flat(text);
    const v = summary.byVerdict;
    expect(words).toContain(`Of ${summary.total} servers in the fleet, ${v.ready} (`);
    expect(words).toMatch(new RegExp(`${v["not-ready"]} \\([\\d.]+%\\) are not ready`));
    for (const verdict of ["Ready", "Ready with conditions", "Unknown", "Not ready"]) expect(text).toContain(verdict);

    const top = summary.topBlockingRules[0]!;
    const meta = getRule(top.ruleId)!.meta;
    expect(words).toContain(`${top.ruleId} · blocks ${top.servers} servers`);
    expect(words).toContain(flat(meta.remediation.summary).slice(0, 60));
    expect(words).toContain(meta.source.document);

    for (const domain of summary.byDomain) if (domain.domain) expect(text).toContain(domain.domain);
    expect(text).toContain("gMSA permissions");

    expect(pages).toBeGreaterThan(5);
    expect(text).toContain(`1 / ${pages}`);
    expect(text).toContain(`${pages} / ${pages}`);
    expect(text).toMatch(/Ruleset version\s+rs-[0-9a-f]+/);
    expect(text).toContain("demo-hosts.collector.json");
    expect(text).toContain("Contents");
    expect(text).not.toContain("Appendix: servers");
  });

  it("narrows to a filter and adds one section per server with the appendix", async () => {
    const summary = await getFleetSummary();
    const fabrikam = summary.byDomain.find((d) => d.domain === "fabrikam.com")!;
    const { text, servers } = await pdfText("domain=fabrikam.com", true);
    expect(flat(text)).toContain(`Of ${fabrikam.total} servers in scope`);
    expect(text).toContain("domain fabrikam.com");
    const perDomain = text.slice(text.indexOf("Per domain"), text.indexOf("Per wave"));
    expect(perDomain).toContain("fabrikam.com");
    expect(perDomain).not.toContain("contoso.com");
    expect(text).toContain("Appendix: servers");
    expect(servers.length).toBe(fabrikam.total);
    const appendix = text.slice(text.indexOf("Appendix: servers\n"));
    for (const fqdn of servers) expect(appendix).toMatch(new RegExp(`${fqdn.replaceAll(".", "\\.")} · (Ready|Ready with conditions|Unknown|Not ready)`));
  });
});

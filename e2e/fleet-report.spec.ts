import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Download, expect, type Page, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";

// The fleet readiness PDF (issue #10), against the demo fleet loaded by fresh.spec.ts: a viewer clicks "PDF report"
// on the overview and on a filtered servers list, downloads the file, reads it back with pdftotext and renders the
// first pages to PNG for review.

const lead = () => ({ Authorization: `Bearer ${tokenFor("lead")}` });

interface Summary {
  total: number;
  byVerdict: Record<string, number>;
  byDomain: { domain: string; total: number }[];
}

async function summary(request: APIRequestContext): Promise<Summary> {
  const response = await request.get("/api/summary", { headers: lead() });
  expect(response.status()).toBe(200);
  return (await response.json()) as Summary;
}

async function downloadPdf(page: Page): Promise<{ file: Download; text: string; pdf: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("group", { name: /^Export/ }).getByRole("link", { name: "PDF report", exact: true }).click()]);
  const pdf = (await file.path())!;
  return { file, pdf, text: execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }) };
}

/** The first pages as PNG files in the screenshot folder (looked at in review). */
function renderPages(pdf: string, name: string, last = 4): void {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", String(last), pdf, path.join(SCREENSHOT_DIR, name)]);
}

const flat = (text: string) => text.replace(/\s+/g, " ");

test.describe("fleet readiness PDF", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("overview: a viewer downloads the fleet report; it says what the overview says", async ({ page, request }) => {
    const fleet = await summary(request);
    expect(fleet.total, "the demo fleet is loaded").toBeGreaterThan(0);
    await page.goto("/");
    const link = page.getByRole("group", { name: /^Export/ }).getByRole("link", { name: "PDF report", exact: true });
    await expect(link).toHaveAttribute("href", "/api/reports/fleet.pdf");
    const { file, text, pdf } = await downloadPdf(page);
    expect(file.suggestedFilename()).toMatch(/^fleet-readiness-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(text).toContain("Fleet readiness");
    expect(flat(text)).toContain(`Of ${fleet.total} servers in the fleet, ${fleet.byVerdict.ready} (`);
    expect(text).toContain("Blocking rules");
    for (const domain of fleet.byDomain) if (domain.domain) expect(text).toContain(domain.domain);
    const pages = /\b1 ?\/ ?(\d+)\b/.exec(text);
    expect(pages, "page numbers n / N").not.toBeNull();
    expect(text).toMatch(/Ruleset version\s+rs-[0-9a-f]+/);
    expect(text).toContain("viewer");
    renderPages(pdf, "fleet-report");

    // Recorded in the audit log with its provenance.
    const audit = await request.get("/api/audit?action=report.generate&targetId=fleet.pdf", { headers: lead() });
    expect(audit.status()).toBe(200);
    const entries = ((await audit.json()) as { entries: { actor: { name: string }; after: { provenance?: { rulesetVersion?: string } } }[] }).entries;
    expect(entries[0]?.actor.name).toMatch(/viewer/);
    expect(entries[0]?.after.provenance?.rulesetVersion).toMatch(/^rs-/);
  });

  test("servers list: the PDF follows the URL filter, and the appendix adds one section per server", async ({ page, request }) => {
    const fleet = await summary(request);
    const domain = fleet.byDomain.find((d) => d.domain && d.total > 0)!;
    const query = `domain=${encodeURIComponent(domain.domain)}&readiness=not-ready`;
    const listed = await request.get(`/api/servers?${query}&pageSize=500`, { headers: lead() });
    const servers = (await listed.json()) as { total: number; servers: { fqdn: string }[] };
    expect(servers.total).toBeGreaterThan(0);
    await page.goto(`/servers?${query}`);
    await expect(page.getByRole("group", { name: /^Export/ }).getByRole("link", { name: "PDF report", exact: true })).toHaveAttribute("href", `/api/reports/fleet.pdf?readiness=not-ready&domain=${encodeURIComponent(domain.domain)}`);
    const { text, pdf } = await downloadPdf(page);
    expect(flat(text)).toContain(`Of ${servers.total} servers in scope`);
    expect(text).toContain(`domain ${domain.domain}`);
    renderPages(pdf, "fleet-report-filtered", 2);

    const withAppendix = await request.get(`/api/reports/fleet.pdf?${query}&appendix=true`, { headers: { Authorization: `Bearer ${tokenFor("viewer")}` } });
    expect(withAppendix.status()).toBe(200);
    expect(withAppendix.headers()["content-type"]).toBe("application/pdf");
    const file = test.info().outputPath("fleet-appendix.pdf");
    writeFileSync(file, await withAppendix.body());
    const appendix = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(appendix).toContain("Appendix: servers");
    for (const server of servers.servers.slice(0, 20)) expect(appendix).toContain(`${server.fqdn} · Not ready`);
    const pages = Number(/\b1 ?\/ ?(\d+)\b/.exec(appendix)?.[1]);
    renderPages(file, "fleet-report-appendix", 1);
    execFileSync("pdftoppm", ["-png", "-r", "70", "-f", String(pages), "-l", String(pages), file, path.join(SCREENSHOT_DIR, "fleet-report-appendix-last")]);
  });
});

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Download, expect, type Page, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";

// PDF reports (issue #10), against the demo fleet loaded by fresh.spec.ts: a viewer downloads each PDF from the
// Reports page and from the server and wave pages, the text is checked with pdftotext, and the first pages are
// rendered to PNG (test-results/screenshots/report-*.png) for review. Servers and waves are found through the API.

const RUN = Date.now().toString(36);

interface ListedServer {
  fqdn: string;
  name: string;
  domain: string;
  blockingRuleIds: string[];
}

async function apiServers(request: APIRequestContext, query: string): Promise<ListedServer[]> {
  const response = await request.get(`/api/servers?${query}&pageSize=50`, { headers: { Authorization: `Bearer ${tokenFor("viewer")}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { servers: ListedServer[] }).servers;
}

/** Saves a download, checks it is a PDF, returns its text and renders its first pages to PNG for review. */
async function pdfOf(download: Download, name: string): Promise<string> {
  const dir = path.resolve("test-results/report-downloads");
  mkdirSync(dir, { recursive: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", file, path.join(SCREENSHOT_DIR, `report-${name}`)]);
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]).toString("utf8");
}

async function downloadFrom(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return download;
}

let waveId = "";
let waveName = "";
let server: ListedServer;

test.beforeAll(async ({ request }) => {
  // A wave planned by a lead through the API: the not-ready servers of one domain.
  [server] = await apiServers(request, "readiness=not-ready");
  expect(server, "the demo fleet has a not-ready server").toBeDefined();
  const lead = { Authorization: `Bearer ${tokenFor("lead")}` };
  waveName = `Report wave ${RUN}`;
  const created = await request.post("/api/waves", { headers: lead, data: { name: waveName, description: "Reports e2e" } });
  expect(created.status()).toBe(201);
  waveId = ((await created.json()) as { id: string }).id;
  const bulk = await request.post("/api/rollout/bulk", {
    headers: lead,
    data: { selection: { filter: `domain=${server.domain}&readiness=not-ready` }, change: { waveId, status: "scheduled", owner: "ops@example.com" } },
  });
  expect(bulk.status()).toBe(200);
});

test.describe("a viewer downloads PDF reports", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("from the Reports page: wave, server, fleet and changes PDFs; the recent list shows them", async ({ page }) => {
    await page.goto("/reports");
    await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
    await expect(page.getByText("become available once servers have been uploaded")).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/reports-page.png`, fullPage: true });

    const wave = await pdfOf(await downloadFrom(page, () => page.getByRole("link", { name: `Wave PDF for ${waveName}` }).click()), "wave");
    expect(wave).toContain("Wave readiness");
    expect(wave).toContain(waveName);
    expect(wave).toMatch(/NO-GO|GO — /);
    expect(wave).toContain(server.fqdn);
    expect(wave).toMatch(/\b1 ?\/ ?\d+\b/);

    await page.getByLabel("Server (FQDN or NetBIOS name)").fill(server.name);
    const serverPdf = await pdfOf(await downloadFrom(page, () => page.getByRole("button", { name: "Download server PDF" }).click()), "server");
    expect(serverPdf).toContain("Server readiness");
    expect(serverPdf).toContain(server.fqdn);
    expect(serverPdf).toContain("Not ready");
    for (const ruleId of server.blockingRuleIds) expect(serverPdf).toContain(ruleId);
    expect(serverPdf).toContain("Remediation:");
    expect(serverPdf).toContain("Source:");
    expect(serverPdf.replace(/\s+/g, "")).toContain(`/servers/${server.fqdn}/fix-script`);
    expect(serverPdf).toContain("viewer");

    const fleet = page.getByRole("region", { name: "Fleet readiness (PDF)" });
    await fleet.getByLabel("Domain").selectOption(server.domain);
    const fleetPdf = await pdfOf(await downloadFrom(page, () => fleet.getByRole("button", { name: "Download fleet PDF" }).click()), "fleet");
    expect(fleetPdf).toContain(server.domain);

    const changes = await pdfOf(await downloadFrom(page, () => page.getByRole("button", { name: "Download changes PDF" }).click()), "changes");
    expect(changes.length).toBeGreaterThan(100);

    await page.reload();
    const recent = page.getByRole("table", { name: "Recently generated reports and exports" });
    await expect(recent).toContainText("Server PDF");
    await expect(recent).toContainText("Wave PDF");
    await expect(recent).toContainText(server.fqdn);
    await expect(recent).toContainText("ruleset ");
  });

  test("from the server page and the wave page", async ({ page }) => {
    await page.goto(`/servers/${encodeURIComponent(server.fqdn)}`);
    const serverPdf = await pdfOf(await downloadFrom(page, () => page.getByRole("group", { name: "Export" }).getByRole("link", { name: "PDF report" }).click()), "server-page");
    expect(serverPdf).toContain(server.fqdn);

    await page.goto(`/rollout/waves/${encodeURIComponent(waveId)}`);
    const wavePdf = await pdfOf(await downloadFrom(page, () => page.getByRole("group", { name: "Export" }).getByRole("link", { name: "PDF report" }).click()), "wave-page");
    expect(wavePdf).toContain(waveName);
  });

  test("an unknown server or wave answers 404, not a PDF", async ({ request }) => {
    const headers = { Authorization: `Bearer ${tokenFor("viewer")}` };
    expect((await request.get("/api/reports/servers/no-such-server.example.pdf", { headers })).status()).toBe(404);
    expect((await request.get("/api/reports/waves/no-such-wave.pdf", { headers })).status()).toBe(404);
    expect((await request.get(`/api/reports/servers/${encodeURIComponent(server.fqdn)}`, { headers })).status()).toBe(404);
  });
});

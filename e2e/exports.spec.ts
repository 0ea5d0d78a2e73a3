import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Download, expect, type Page, test } from "@playwright/test";
import { can } from "@/lib/auth/roles";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";

// The CSV and Excel exports (issue #10), against the demo fleet loaded by fresh.spec.ts: click each export link on
// the servers list (with a filter), a wave page and a rule page, download the file and check it against the API.
// Viewers may export; until the "report" permission includes them, a lead clicks instead.

const RUN = Date.now().toString(36);
const ROLE = can("viewer", "report") ? "viewer" : "lead";
const UNSTICK_HEADER = "body > div > header { position: static !important; }";
const lead = () => ({ Authorization: `Bearer ${tokenFor("lead")}` });

interface Listed {
  total: number;
  servers: { fqdn: string; blockingRuleIds: string[] }[];
}

async function listed(request: APIRequestContext, query: string): Promise<Listed> {
  const response = await request.get(`/api/servers?${query}&pageSize=500`, { headers: lead() });
  expect(response.status()).toBe(200);
  return (await response.json()) as Listed;
}

async function download(page: Page, name: "CSV" | "Results CSV" | "Excel"): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("group", { name: /^Export/ }).getByRole("link", { name, exact: true }).click()]);
  return { file, bytes: readFileSync((await file.path())!) };
}

/** Rows of a downloaded CSV (BOM checked and removed; the demo's cells hold no line breaks). */
function csvLines(bytes: Buffer): string[] {
  expect([...bytes.subarray(0, 3)], "UTF-8 byte order mark").toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.endsWith("\r\n"), "CRLF line ends").toBe(true);
  return text.split("\r\n").slice(0, -1);
}

test.describe("exports", () => {
  test.use({ storageState: storageStatePath(ROLE) });

  test("servers list: the CSV, results CSV and Excel follow the URL filter", async ({ page, request }) => {
    const query = "readiness=not-ready&sort=name";
    const expected = await listed(request, query);
    expect(expected.total, "the demo fleet has not-ready servers").toBeGreaterThan(0);
    await page.goto(`/servers?${query}&page=1`);
    await expect(page.getByRole("heading", { level: 1, name: "Servers" })).toBeVisible();
    const links = page.getByRole("group", { name: "Export" });
    await expect(links.getByRole("link", { name: "CSV", exact: true })).toHaveAttribute("href", "/api/exports/servers.csv?readiness=not-ready&sort=name");
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "exports-servers-list.png") });

    const csv = await download(page, "CSV");
    expect(csv.file.suggestedFilename()).toMatch(/^cloud-sync-readiness-servers-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csvLines(csv.bytes);
    expect(lines[0]).toMatch(/^FQDN,Name,Verdict,Confidence \(stars\),Blocking rules,Warning rules,Unknown rules,Waived rules,Wave,Rollout status,/);
    expect(lines.length - 1, "one row per server of the filter").toBe(expected.total);
    expect(lines.slice(1, 1 + expected.servers.length).map((line) => line.split(",")[0])).toEqual(expected.servers.map((s) => s.fqdn));
    expect(lines.slice(1).every((line) => line.split(",")[2] === "not-ready")).toBe(true);

    const results = await download(page, "Results CSV");
    expect(results.file.suggestedFilename()).toMatch(/^cloud-sync-readiness-results-\d{4}-\d{2}-\d{2}\.csv$/);
    const resultLines = csvLines(results.bytes);
    expect(resultLines[0]).toBe("FQDN,Rule,Title,Scope,Severity,Status,Message,Evidence,Waived by,Waived until");
    const fqdns = new Set(resultLines.slice(1).map((line) => line.split(",")[0]));
    expect(fqdns.size).toBe(expected.total);
    expect(resultLines.some((line) => /,fail,/.test(line))).toBe(true);

    const xlsx = await download(page, "Excel");
    expect(xlsx.file.suggestedFilename()).toMatch(/^cloud-sync-readiness-servers-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString("latin1"), "a zip (xlsx) file").toBe("PK");
    expect(xlsx.bytes.includes(Buffer.from("xl/worksheets/sheet2.xml")), "two sheets").toBe(true);
  });

  test("wave page and rule page export their servers", async ({ page, request }) => {
    // A wave with a few servers (made by a lead through the API), and a rule that blocks some servers.
    const some = (await listed(request, "readiness=not-ready&sort=name&wave=none")).servers.slice(0, 3);
    expect(some.length).toBeGreaterThan(0);
    const created = await request.post("/api/waves", { headers: lead(), data: { name: `Exports ${RUN}`, description: "Export check" } });
    expect(created.status()).toBe(201);
    const { id: waveId } = (await created.json()) as { id: string };
    const assigned = await request.post("/api/rollout/bulk", { headers: lead(), data: { selection: { servers: some.map((s) => s.fqdn) }, change: { waveId } } });
    expect(assigned.status()).toBe(200);

    await page.goto(`/rollout/waves/${encodeURIComponent(waveId)}`);
    const waveCsv = csvLines((await download(page, "CSV")).bytes);
    expect(waveCsv.slice(1).map((line) => line.split(",")[0]).sort()).toEqual(some.map((s) => s.fqdn).sort());
    expect(waveCsv.slice(1).every((line) => line.includes(`,Exports ${RUN},`))).toBe(true);

    const rule = some[0]!.blockingRuleIds[0]!;
    const failing = await listed(request, `rule=${rule}`);
    await page.goto(`/rules/${rule}`);
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "exports-rule-page.png") });
    const ruleCsv = csvLines((await download(page, "CSV")).bytes);
    expect(ruleCsv.length - 1).toBe(failing.total);
    expect(ruleCsv.slice(1).every((line) => line.split(",")[4]!.split(" ").includes(rule) || line.split(",")[5]!.split(" ").includes(rule))).toBe(true);
  });
});

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";

// "What changed" (issue #10), against the demo fleet loaded by fresh.spec.ts: an admin re-inventories one server
// with too little memory (through the upload API), then a viewer opens the changes page for the period since just
// before that upload, sees the server under "New data uploaded", and downloads the PDF. The server is found
// through the API, never hard-coded.

const UNSTICK_HEADER = "body > div > header { position: static !important; }";
const admin = () => ({ Authorization: `Bearer ${tokenFor("admin")}` });

interface Listed {
  servers: { fqdn: string; name: string; domain: string; conditionRuleIds: string[]; rollout: { wave: { id: string } | null } }[];
}

async function pickServer(request: APIRequestContext) {
  const response = await request.get("/api/servers?readiness=ready-with-conditions&sort=name&dir=desc&wave=none&pageSize=20", { headers: admin() });
  expect(response.status()).toBe(200);
  const server = ((await response.json()) as Listed).servers.find((s) => !s.conditionRuleIds.includes("host-memory"));
  expect(server, "a ready-with-conditions server outside any wave").toBeDefined();
  return server!;
}

test.describe("what changed", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("a viewer reads the changes since an upload, grouped by cause, and downloads the PDF", async ({ page, request }) => {
    const server = await pickServer(request);
    const since = new Date(Date.now() - 1_000).toISOString();
    const fileName = `memory-recheck-${Date.now().toString(36)}.csv`;
    const upload = await request.post("/api/uploads", {
      headers: admin(),
      multipart: { file: { name: fileName, mimeType: "text/csv", buffer: Buffer.from(`Host Name,Domain,RAM (GB)\n${server.name},${server.domain},2\n`) } },
    });
    expect(upload.status()).toBe(201);

    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`/reports/changes?from=${encodeURIComponent(since)}&to=${today}`);
    await expect(page.getByRole("heading", { level: 1, name: "What changed" })).toBeVisible();
    await expect(page.getByText(/1 server changed verdict: 0 improved, 1 got worse\./)).toBeVisible();
    const section = page.getByRole("region", { name: /New data uploaded/ });
    await expect(section).toBeVisible();
    const row = section.getByRole("row").filter({ has: page.getByRole("link", { name: server.name, exact: true }) });
    await expect(row).toContainText("Ready with conditions");
    await expect(row).toContainText("Not ready");
    await expect(row).toContainText(fileName);
    await expect(row.getByRole("link", { name: /host-memory: pass → fail/ })).toBeVisible();
    await page.addStyleTag({ content: UNSTICK_HEADER });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "changes-page.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^changes-.*\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const file = path.join(SCREENSHOT_DIR, "changes-report.pdf");
    writeFileSync(file, bytes);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", file, path.join(SCREENSHOT_DIR, "changes-report")]);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("What changed");
    expect(text).toContain("viewer@e2e.test");
    expect(text).toContain(fileName);
    expect(text).toContain(server.name);
    expect(text).toContain("+host-memory");
  });

  test("the default period (the last 7 days) covers the demo load: its servers are new, not changes", async ({ page }) => {
    await page.goto("/reports/changes");
    await expect(page.getByRole("heading", { level: 1, name: "What changed" })).toBeVisible();
    await expect(page.getByText(/servers are new \(first evaluated in this period\)/)).toBeVisible();
    await expect(page.getByLabel("From (UTC)")).toHaveValue(new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10));
  });
});

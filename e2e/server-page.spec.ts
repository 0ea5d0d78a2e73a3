import { expect, type Page, test } from "@playwright/test";
import { describePowerShellProblems } from "@/lib/powershell/lint";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { tokenFor } from "./support/roles";

// The server page (issue 13): every code box holds runnable PowerShell only, missing data is one action per cause
// with its rules behind a disclosure, and an info result is not styled like a blocker. Servers are either uploaded
// here under unique names or found through the list, never hard-coded.

test.use({ storageState: storageStatePath("viewer") });

const RUN = Date.now().toString(36);
const admin = { Authorization: `Bearer ${tokenFor("admin")}` };
const viewer = { Authorization: `Bearer ${tokenFor("viewer")}` };

async function uploadInventory(page: Page, name: string, csv: string[]): Promise<void> {
  const upload = await page.request.post("/api/uploads", {
    headers: admin,
    multipart: { file: { name: `${name}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv.join("\r\n")) } },
  });
  expect(upload.status(), await upload.text()).toBeLessThan(300);
}

async function fqdnOf(page: Page, query: string): Promise<string> {
  const response = await page.request.get(`/api/servers?${query}`, { headers: viewer });
  expect(response.status()).toBe(200);
  const { servers } = (await response.json()) as { servers: { fqdn: string }[] };
  expect(servers.length, query).toBeGreaterThan(0);
  return servers[0]!.fqdn;
}

/** Every code box of the page (closed disclosures included) passes the PowerShell check; returns how many there were. */
async function expectRunnableCodeBoxes(page: Page): Promise<number> {
  const boxes = await page.locator("pre").evaluateAll((elements) => elements.map((element) => element.textContent ?? ""));
  const problems = boxes.map((code) => ({ code, problems: describePowerShellProblems(code) })).filter((box) => box.problems !== "");
  expect(problems.map((box) => `${box.code}\n--> ${box.problems}`).join("\n\n")).toBe("");
  return boxes.length;
}

/** Scrolls so the element's top sits just below the sticky header. */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 72));
}

async function bothThemes(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-light.png` });
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-dark.png` });
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

const missingData = (page: Page) => page.getByTestId("missing-data");
const action = (page: Page, cause: string) => missingData(page).locator(`li[data-cause="${cause}"]`);

test("a server with no collected data gets one action per cause, its rules behind a disclosure, and runnable code", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const host = `nodata-${RUN}`;
  const domain = `nodata-${RUN}.e2e.test`;
  await uploadInventory(page, host, ["Host Name,Domain", `${host},${domain}`]);
  const fqdn = await fqdnOf(page, `domain=${domain}`);
  await page.goto(`/servers/${encodeURIComponent(fqdn)}`);

  // The verdict names the count, not twenty rule links; the actions carry the exact commands.
  await expect(page.getByTestId("unknown-blockers")).toContainText(/\d+ blockers could not be judged/);
  const collector = action(page, "collector");
  await expect(collector).toContainText("Run the collector on this server");
  await expect(collector.locator("pre")).toHaveText("powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1 -Cloud Public");
  const domainAction = action(page, "domain");
  await expect(domainAction).toContainText("add -IncludeDomain on a domain controller");
  await expect(domainAction.locator("pre")).toHaveText(/-IncludeDomain$/);
  await expect(action(page, "workgroup")).toHaveCount(0);

  // The rules behind each action are one click away, not on the page by default.
  const disclosure = collector.locator("details");
  await expect(disclosure).not.toHaveAttribute("open", "");
  const summary = (await disclosure.locator("summary").textContent()) ?? "";
  const waiting = Number(/^(\d+) rules? waiting/.exec(summary)?.[1]);
  expect(waiting, summary).toBeGreaterThanOrEqual(5);
  await expect(disclosure.getByRole("link", { name: "The server has at least 4 GB of memory", exact: false })).toBeHidden();
  await disclosure.locator("summary").click();
  await expect(disclosure.getByRole("link")).toHaveCount(waiting);
  await expect(disclosure.getByRole("link").first()).toBeVisible();

  // Unknown result cards are folded away too: no "How to collect it" box is visible until opened.
  await expect(page.getByTestId("unknown-results").first()).not.toHaveAttribute("open", "");
  const count = await expectRunnableCodeBoxes(page);
  expect(count).toBeGreaterThan(10);

  // The endpoints card, opened: one Test-NetConnection line per endpoint, the wildcard explained outside the box.
  await page.getByTestId("unknown-results").first().locator("summary").click();
  const endpoints = page.locator("#result-host-endpoints");
  const lines = ((await endpoints.locator("pre").textContent()) ?? "").split("\n");
  expect(lines.length).toBeGreaterThanOrEqual(14);
  for (const line of lines) expect(line).toMatch(/^Test-NetConnection -ComputerName \S+ -Port \d+/);
  await expect(endpoints).toContainText("A wildcard entry (such as *.msappproxy.net) cannot be tested as such");

  await page.getByTestId("unknown-results").first().locator("summary").click();
  await disclosure.locator("summary").click();
  await scrollTo(page, "#readiness-heading");
  await bothThemes(page, "server-page-no-data");
});

test("a workgroup server is told to join a domain first instead of listing the domain's rules", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const host = `wg-${RUN}`;
  await uploadInventory(page, host, ["Host Name,Operating System,OS Version,Domain Role,Domain Joined", `${host},Microsoft Windows Server 2022 Standard,10.0.20348.2402,StandaloneServer,False`]);
  const fqdn = await fqdnOf(page, `q=${host}`);
  await page.goto(`/servers/${encodeURIComponent(fqdn)}`);

  const join = action(page, "workgroup");
  await expect(join).toContainText("Join the server to a domain first");
  await expect(join.locator("pre")).toContainText("Add-Computer -DomainName $domain -Credential (Get-Credential)");
  const summary = (await join.locator("summary").textContent()) ?? "";
  expect(Number(/^(\d+) rules? waiting/.exec(summary)?.[1]), summary).toBeGreaterThanOrEqual(10);
  // Domain rules are under the join, never offered as "collect the domain facts".
  await expect(action(page, "domain")).toHaveCount(0);
  await join.locator("summary").click();
  await expect(join.getByRole("link", { name: /KDS root key/ })).toBeVisible();
  await expectRunnableCodeBoxes(page);
  await scrollTo(page, "[data-testid=missing-data]");
  await bothThemes(page, "server-page-workgroup");
});

test("a collected demo server: every code box runs, and an info result is labelled Info, not Fail", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  // A demo server that fails the info-severity port 8080 check (the demo fleet has several).
  const fqdn = await fqdnOf(page, "rule=host-port-8080&sort=name");
  await page.goto(`/servers/${encodeURIComponent(fqdn)}`);
  const card = page.locator("#result-host-port-8080");
  await expect(card).toHaveAttribute("data-status", "fail");
  await expect(card).toHaveAttribute("data-severity", "info");
  await expect(card).toContainText("Info");
  await expect(card).not.toContainText("✕");
  const border = await card.evaluate((element) => getComputedStyle(element).borderLeftColor);
  const red = await page.locator('article[data-status="fail"][data-severity="blocker"], article[data-status="fail"][data-severity="warning"]').first();
  if ((await red.count()) > 0) expect(border).not.toBe(await red.evaluate((element) => getComputedStyle(element).borderLeftColor));
  const count = await expectRunnableCodeBoxes(page);
  expect(count).toBeGreaterThan(0);
  await scrollTo(page, "#result-host-port-8080");
  await bothThemes(page, "server-page-info");

  // A Ready demo server: no blocker lacks data (a warning may, e.g. its Tier 0 flag), and its code boxes run too.
  const ready = await fqdnOf(page, "readiness=ready&sort=name");
  await page.goto(`/servers/${encodeURIComponent(ready)}`);
  await expect(page.getByTestId("unknown-blockers")).toHaveCount(0);
  await expectRunnableCodeBoxes(page);
});

import { readFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { COLOUR_RULES, expectAccessible } from "./support/axe";
import { tokenFor } from "./support/roles";

// The servers list and the server detail page (issue "Readiness views"), against the demo fleet loaded by
// fresh.spec.ts. Concrete servers are found by navigating, never hard-coded.

test.use({ storageState: storageStatePath("viewer"), permissions: ["clipboard-read", "clipboard-write"] });

const RUN = Date.now().toString(36);
/** Full-page screenshots: the sticky header would cover the page under it. */
const UNSTICK_HEADER = "body > div > header { position: static !important; }";

/** "Showing 51–100 of 1,234 servers" -> numbers. */
async function showing(page: Page): Promise<{ from: number; to: number; total: number }> {
  const text = (await page.getByTestId("showing").textContent()) ?? "";
  const match = /^Showing ([\d,]+)–([\d,]+) of ([\d,]+) servers?$/.exec(text.trim());
  expect(match, `"${text}"`).not.toBeNull();
  const n = (s: string) => Number(s.replace(/,/g, ""));
  return { from: n(match![1]), to: n(match![2]), total: n(match![3]) };
}

const serversTable = (page: Page) => page.getByRole("table", { name: /^Servers/ });
const bodyRows = (page: Page) => serversTable(page).locator("tbody tr");
/** The name links of the listed servers, in order (the row header of each row). */
async function listedNames(page: Page): Promise<string[]> {
  return bodyRows(page).locator("th[scope=row] a").allTextContents();
}
const filterForm = (page: Page) => page.getByRole("search", { name: "Filter servers" });
/** The FQDNs of the listed servers, in order (each row header carries its server's FQDN). */
async function listedFqdns(page: Page): Promise<string[]> {
  return bodyRows(page).locator("th[scope=row]").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-fqdn") ?? ""));
}
const columnHeader = (page: Page, name: string) => serversTable(page).getByRole("columnheader", { name: new RegExp(`^${name}`) });

test.describe("the servers list", () => {
  test("shows counts, filters through the URL, survives a reload, sorts and paginates", async ({ page }) => {
    await page.goto("/servers");
    await expect(page.getByRole("heading", { level: 1, name: "Servers" })).toBeVisible();
    const all = await showing(page);
    expect(all.total).toBeGreaterThanOrEqual(300);
    expect([all.from, all.to]).toEqual([1, 50]);
    await expect(bodyRows(page)).toHaveCount(50);

    // Filters through the GET form land in the address bar (canonical, no empty parameters).
    await filterForm(page).getByLabel("Not ready").check();
    await filterForm(page).getByLabel("Domain").selectOption("corp.contoso.com");
    await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/servers\?readiness=not-ready&domain=corp\.contoso\.com$/);
    const filtered = await showing(page);
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.total).toBeLessThan(all.total);
    const verdicts = await bodyRows(page).locator("td:nth-child(3)").allTextContents();
    expect(verdicts.every((v) => v.includes("Not ready")), verdicts.join("|")).toBe(true);
    const fqdns = await listedFqdns(page);
    expect(fqdns.every((f) => f.endsWith(".corp.contoso.com")), fqdns.join("|")).toBe(true);
    const domains = await bodyRows(page).locator("th[scope=row] span").allTextContents();
    expect(domains.every((d) => d === "corp.contoso.com"), domains.join("|")).toBe(true);
    const names = await listedNames(page);

    // Round trip: open the URL afresh; the same filters are set and the same servers listed.
    const url = page.url();
    await page.goto("about:blank");
    await page.goto(url);
    await expect(filterForm(page).getByLabel("Not ready")).toBeChecked();
    await expect(filterForm(page).getByLabel("Unknown")).not.toBeChecked();
    await expect(filterForm(page).getByLabel("Domain")).toHaveValue("corp.contoso.com");
    expect(await showing(page)).toEqual(filtered);
    expect(await listedNames(page)).toEqual(names);

    // Sorting by name keeps the filters and toggles the direction.
    await expect(columnHeader(page, "Name")).toHaveAttribute("aria-sort", "none");
    await expect(columnHeader(page, "Verdict")).toHaveAttribute("aria-sort", "ascending");
    await columnHeader(page, "Name").getByRole("link", { name: /^Name/ }).click();
    await expect(page).toHaveURL(/\?readiness=not-ready&domain=corp\.contoso\.com&sort=name$/);
    await expect(columnHeader(page, "Name")).toHaveAttribute("aria-sort", "ascending");
    await expect(columnHeader(page, "Verdict")).toHaveAttribute("aria-sort", "none");
    const ascending = await listedNames(page);
    expect(ascending).toEqual([...ascending].sort());
    await columnHeader(page, "Name").getByRole("link", { name: /^Name/ }).click();
    await expect(page).toHaveURL(/&sort=name&dir=desc$/);
    await expect(columnHeader(page, "Name")).toHaveAttribute("aria-sort", "descending");
    const descending = await listedNames(page);
    expect(descending).toEqual([...descending].sort().reverse());
    expect(descending[0]! >= ascending[0]!).toBe(true);

    // Pagination over the whole fleet.
    await page.goto("/servers");
    const pages = page.getByRole("navigation", { name: "Pages" });
    await expect(pages.locator('[aria-current="page"]')).toHaveText("Page 1");
    const firstPage = await listedNames(page);
    await pages.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/servers\?page=2$/);
    expect(await showing(page)).toEqual({ from: 51, to: 100, total: all.total });
    await expect(pages.locator('[aria-current="page"]')).toHaveText("Page 2");
    const secondPage = await listedNames(page);
    expect(secondPage.filter((n) => firstPage.includes(n))).toEqual([]);
    await pages.getByRole("link", { name: "Page 1", exact: true }).click();
    await expect(page).toHaveURL(/\/servers$/);

    // Rows per page.
    await filterForm(page).getByLabel("Rows per page").selectOption("25");
    await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/servers\?pageSize=25$/);
    await expect(bodyRows(page)).toHaveCount(25);
  });

  test("selects servers for bulk actions and copies their names", async ({ page }) => {
    await page.goto("/servers?pageSize=25");
    const bar = page.getByRole("group", { name: "Bulk actions" });
    await expect(bar).toContainText("No servers selected");
    const copy = bar.getByRole("button", { name: "Copy selected names" });
    await expect(copy).toBeDisabled();
    const fqdns = await listedFqdns(page);
    await page.getByRole("checkbox", { name: `Select ${fqdns[0]}` }).check();
    await page.getByRole("checkbox", { name: `Select ${fqdns[2]}` }).check();
    await expect(bar).toContainText("2 selected");
    await copy.click();
    await expect(bar.getByRole("status")).toHaveText("Copied 2 names");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${fqdns[0]}\n${fqdns[2]}`);

    const all = page.getByRole("checkbox", { name: "Select all servers on this page" });
    await all.check();
    await expect(bar).toContainText("25 selected");
    await all.uncheck();
    await expect(bar).toContainText("No servers selected");
    await page.getByRole("checkbox", { name: `Select ${fqdns[1]}` }).check();
    expect(await all.evaluate((input) => (input as HTMLInputElement).indeterminate)).toBe(true);
    await bar.getByRole("button", { name: "Clear selection" }).click();
    await expect(bar).toContainText("No servers selected");
  });

  test("explains invalid filters and empty results without failing", async ({ page }) => {
    const response = await page.goto("/servers?readiness=almost&rule=%3Cscript%3E");
    expect(response?.status()).toBe(200);
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toContainText("The filters in the address were not applied");
    await expect(alert).toContainText("Readiness: “almost” is not a valid value.");
    await expect(alert).toContainText("Failing rule: “<script>” is not a valid value.");
    expect((await showing(page)).total).toBeGreaterThanOrEqual(300);

    await page.goto("/servers?rule=no-such-rule");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("there is no rule “no-such-rule”");

    await page.goto(`/servers?q=nothing-matches-${RUN}`);
    await expect(page.getByRole("heading", { name: "No servers match these filters" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Clear filters" }).last().click();
    await expect(page).toHaveURL(/\/servers$/);
    await expect(bodyRows(page)).toHaveCount(50);
  });

  test("a blocking rule id filters the list by that rule", async ({ page }) => {
    await page.goto("/servers?readiness=not-ready");
    const row = bodyRows(page).first();
    await row.getByRole("button", { name: /^\W*\d+ blockers?\b/ }).click();
    const ruleLink = page.getByRole("group", { name: /^Rules of / }).getByRole("link", { name: /^[a-z0-9-]+$/ }).first();
    const ruleId = (await ruleLink.textContent()) ?? "";
    await ruleLink.click();
    await expect(page).toHaveURL(new RegExp(`/servers\\?rule=${ruleId}$`));
    await expect(filterForm(page).getByLabel("Failing rule")).toHaveValue(ruleId);
    expect((await showing(page)).total).toBeGreaterThan(0);
  });

  test("50 rows fit on about two screens: the first blocker by title, counts, ids on hover and on expand", { tag: "@ui" }, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // A server built for it: 2 GB of RAM fails host-memory; its other facts (Windows Server 2022, .NET 4.8) pass, and
    // an unknown domain leaves the domain's rules without data.
    const host = `row-${RUN}`;
    const domain = `row-${RUN}.e2e.test`;
    const csv = ["Host Name,Domain,Operating System,OS Version,RAM (GB),.NET Release", `${host},${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,2,528449`].join("\r\n");
    const upload = await page.request.post("/api/uploads", {
      headers: { Authorization: `Bearer ${tokenFor("admin")}` },
      multipart: { file: { name: `${host}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) } },
    });
    expect(upload.status(), await upload.text()).toBeLessThan(300);
    const api = await page.request.get(`/api/servers?domain=${domain}`, { headers: { Authorization: `Bearer ${tokenFor("viewer")}` } });
    const [server] = ((await api.json()) as { servers: { blockingRuleIds: string[]; conditionRuleIds: string[]; unknownRuleIds: string[] }[] }).servers;
    expect(server.blockingRuleIds).toContain("host-memory");

    // The whole fleet's first page: every row at most 40 px tall (two lines), 50 rows in about two and a half screens.
    await page.goto("/servers");
    await expect(bodyRows(page)).toHaveCount(50);
    const heights = await bodyRows(page).evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    expect(Math.max(...heights), heights.join(",")).toBeLessThanOrEqual(40);
    const table = (await serversTable(page).boundingBox())!;
    expect(table.height, "50 rows and the header").toBeLessThanOrEqual(50 * 40 + 60);
    const scroller = await serversTable(page).evaluate((element) => ({ scroll: element.parentElement!.scrollWidth, client: element.parentElement!.clientWidth }));
    expect(scroller.scroll, "the table fits beside the navigation at 1280 px, no sideways scrolling").toBeLessThanOrEqual(scroller.client);
    // Not-ready rows name their first blocker by its title (never a raw id) and count the rest.
    const notReady = bodyRows(page).filter({ hasText: "Not ready" });
    expect(await notReady.count()).toBeGreaterThan(0);
    const headlines = await notReady.getByTestId("first-rule").allTextContents();
    for (const headline of headlines) expect(headline, "a title, not an id").toMatch(/^✕Blocker: \S.* \S/);
    await serversTable(page).locator("tbody").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/servers-list-rows-light.png` });

    // The server built for it: the title of host-memory, the exact counts, every id in the hover title.
    await page.goto(`/servers?domain=${domain}`);
    const row = bodyRows(page).first();
    const first = row.getByTestId("first-rule");
    await expect(first).toHaveText("✕Blocker: The agent server has at least 4 GB of RAM");
    await expect(first).toHaveAttribute("href", `/servers/${host}.${domain}#result-host-memory`);
    const counts = [`${server.blockingRuleIds.length} blocker${server.blockingRuleIds.length === 1 ? "" : "s"}`];
    if (server.conditionRuleIds.length) counts.push(`${server.conditionRuleIds.length} warning${server.conditionRuleIds.length === 1 ? "" : "s"}`);
    if (server.unknownRuleIds.length) counts.push(`${server.unknownRuleIds.length} unknown`);
    const toggle = row.getByRole("button", { name: `${counts.join(" · ")} (the rules of ${host.toUpperCase()})` });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    const tooltip = (await toggle.getAttribute("title")) ?? "";
    for (const id of [...server.blockingRuleIds, ...server.unknownRuleIds]) expect(tooltip).toContain(id);

    // Expanding lists every id with its title, linked; collapsing hides them again.
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const rules = page.getByRole("group", { name: `Rules of ${host.toUpperCase()}` });
    await expect(rules.getByText(`Failing blockers (${server.blockingRuleIds.length})`)).toBeVisible();
    await expect(rules.getByRole("link", { name: "host-memory", exact: true })).toHaveAttribute("href", "/servers?rule=host-memory");
    await expect(rules.getByText("The agent server has at least 4 GB of RAM")).toBeVisible();
    for (const id of server.unknownRuleIds) await expect(rules.getByRole("link", { name: id, exact: true })).toHaveAttribute("href", `/rules/${id}`);
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/servers-list-expanded-light.png` });
    await toggle.click();
    await expect(rules).toHaveCount(0);
  });

  test("is accessible and readable in light and dark themes", { tag: "@ui" }, async ({ page }) => {
    test.setTimeout(120_000); // four axe sweeps of a 50-row page on a shared machine
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/servers?readiness=not-ready,unknown");
    await expect(bodyRows(page).first()).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/servers-list-light.png`, fullPage: true });
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/servers?readiness=not-ready,unknown");
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/servers-list-dark.png`, fullPage: true });
    await expectAccessible(page, { rules: COLOUR_RULES }); // the same DOM as in the light theme, checked in full above
    // An open disclosure in dark mode too.
    await bodyRows(page).filter({ hasText: "Not ready" }).first().getByRole("button", { name: /blockers?/ }).click();
    await expect(page.getByRole("group", { name: /^Rules of / })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/servers-list-expanded-dark.png` });
    await expectAccessible(page);
  });
});

/** Opens the first server failing host-tls12-schannel (a scripted fix) from the filtered list. */
async function openServerWithScriptedFix(page: Page): Promise<{ name: string; fqdn: string }> {
  await page.goto("/servers");
  await filterForm(page).getByLabel("Failing rule").selectOption("host-tls12-schannel");
  await filterForm(page).getByLabel("Not ready").check();
  await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/servers\?readiness=not-ready&rule=host-tls12-schannel$/);
  const first = bodyRows(page).first().locator("th[scope=row]");
  const name = (await first.getByRole("link").textContent()) ?? "";
  const fqdn = (await first.getAttribute("data-fqdn")) ?? "";
  await first.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/servers/${fqdn.replace(/\./g, "\\.")}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return { name, fqdn };
}

const resultCard = (page: Page, ruleId: string): Locator => page.locator(`article#result-${ruleId}`);

test.describe("the server detail page", () => {
  test("shows the verdict, what decides it, evidence, remediation with a copy button and the fix script", async ({ page }) => {
    const { name, fqdn } = await openServerWithScriptedFix(page);
    await expect(page.getByText(fqdn, { exact: true }).first()).toBeVisible();
    const readiness = page.getByRole("region", { name: "Readiness" });
    await expect(readiness.getByText(/^\W*Not ready$/)).toBeVisible();
    await expect(readiness.getByLabel(/^Confidence \d of 5 \(\d+% of rules with data\)$/)).toBeVisible();
    await expect(readiness.getByText("Not ready because these blockers fail:")).toBeVisible();
    const decided = readiness.getByRole("link", { name: "TLS 1.2 is enabled for the SCHANNEL client and server" });
    await expect(decided).toBeVisible();
    await decided.click();
    await expect(page).toHaveURL(/#result-host-tls12-schannel$/);

    // The failing result: status, rule link, evidence table, remediation, snippet with copy, source.
    const card = resultCard(page, "host-tls12-schannel");
    await expect(card).toContainText(/Fail\s*\((blocker|warning)\)/);
    await expect(card.getByRole("link", { name: "TLS 1.2 is enabled for the SCHANNEL client and server" })).toHaveAttribute("href", "/rules/host-tls12-schannel");
    const evidence = card.getByRole("table", { name: "Evidence for TLS 1.2 is enabled for the SCHANNEL client and server" });
    await expect(evidence.getByRole("columnheader")).toHaveText(["Fact", "Observed", "Expected"]);
    await expect(evidence.getByRole("rowheader", { name: "host.tls.schannelTls12.client.enabled" })).toBeVisible();
    await expect(card.getByText("Remediation:")).toBeVisible();
    await expect(card.getByRole("link", { name: /Prerequisites for Microsoft Entra Cloud Sync/ })).toBeVisible();
    const snippet = card.locator("pre").last();
    await expect(snippet).toContainText("$PSCmdlet.ShouldProcess(");
    await card.getByRole("button", { name: "Copy script" }).click();
    await expect(card.getByRole("status").filter({ hasText: "Copied" })).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.textContent());

    // Inherited results sit apart, grouped by scope.
    const results = page.getByRole("region", { name: "Rule results" });
    await expect(results.getByRole("heading", { level: 3, name: /^This server/ })).toBeVisible();
    await expect(results.getByRole("heading", { level: 3, name: /^Inherited/ })).toBeVisible();
    await expect(results.getByRole("heading", { level: 4, name: /^Its domain \(/ })).toBeVisible();

    // History: the demo upload that brought the facts, and the evaluations.
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("table", { name: /^Uploads with facts/ }).getByRole("link", { name: "demo-hosts.collector.json" })).toBeVisible();
    await expect(history.getByRole("table", { name: /^Evaluations of this server/ }).getByText(/^New data \(upload /).first()).toBeVisible();

    // The fix script downloads with its header and ShouldProcess support.
    const fix = page.getByRole("region", { name: "Fix script" });
    await expect(fix.getByRole("link", { name: "TLS 1.2 is enabled for the SCHANNEL client and server" })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), fix.getByRole("link", { name: `Download ${name}-cloudsync-fix.ps1` }).click()]);
    expect(download.suggestedFilename()).toBe(`${name}-cloudsync-fix.ps1`);
    const text = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
    expect(text.startsWith(`# Cloud Sync Readiness fix script for ${name} (${fqdn}).`)).toBe(true);
    expect(text).toContain("[CmdletBinding(SupportsShouldProcess)]");
    expect(text).toMatch(/^#region \d+\. host-tls12-schannel: /m);
    expect(text).toContain("} -WhatIf:$WhatIfPreference");

    await page.goto(`/servers/${fqdn}`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/server-detail.png`, fullPage: true });
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/server-detail-dark.png`, fullPage: true });
    await expectAccessible(page, { rules: COLOUR_RULES }); // the same DOM as in the light theme, checked in full above
  });

  test("an unknown server is a 404, and so is its fix script", async ({ page }) => {
    const response = await page.goto(`/servers/no-such-${RUN}.example`);
    expect(response?.status()).toBe(404);
    const script = await page.request.get(`/servers/no-such-${RUN}.example/fix-script`);
    expect(script.status()).toBe(404);
  });
});

test.describe("history", () => {
  test("shows each upload of a server and what changed between evaluations, and why", async ({ page }) => {
    const host = `hist-${RUN}`;
    const domain = `hist-${RUN}.e2e.test`;
    const inventory = (ram: number) =>
      Buffer.from(
        ["Host Name,Domain,Operating System,OS Version,RAM (GB),.NET Release", `${host},${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,${ram},528449`].join("\r\n"),
      );
    for (const [file, ram] of [[`${host}-16gb.csv`, 16], [`${host}-2gb.csv`, 2]] as const) {
      const upload = await page.request.post("/api/uploads", {
        headers: { Authorization: `Bearer ${tokenFor("admin")}` },
        multipart: { file: { name: file, mimeType: "text/csv", buffer: inventory(ram) } },
      });
      expect(upload.status(), await upload.text()).toBeLessThan(300);
    }
    await page.goto(`/servers/${host}.${domain}`);
    const history = page.getByRole("region", { name: "History" });
    const uploads = history.getByRole("table", { name: /^Uploads with facts/ });
    await expect(uploads.getByRole("link")).toHaveText([`${host}-2gb.csv`, `${host}-16gb.csv`]);
    const evaluations = history.getByRole("table", { name: /^Evaluations of this server/ }).locator("tbody tr");
    await expect(evaluations).toHaveCount(2);
    await expect(evaluations.nth(0)).toContainText(`New data (upload ${host}-2gb.csv)`);
    await expect(evaluations.nth(0)).toContainText("Verdict: Unknown → Not ready");
    await expect(evaluations.nth(0)).toContainText("host-memory: Pass → Fail");
    await expect(evaluations.nth(0).getByRole("link", { name: "host-memory" })).toHaveAttribute("href", "/rules/host-memory");
    await expect(evaluations.nth(1)).toContainText(`New data (upload ${host}-16gb.csv)`);
    await expect(evaluations.nth(1)).toContainText("First evaluation.");
    await history.screenshot({ path: `${SCREENSHOT_DIR}/server-history.png` });
  });
});

test.describe("hostile data", () => {
  test("uploaded markup and control characters render as inert text", async ({ page }) => {
    const host = `xss-${RUN}`;
    const longHost = `l${RUN}${"x".repeat(62 - RUN.length)}`;
    const domain = `xss-${RUN}.e2e.test`;
    const site = "<script>window.__xss = 1</script>";
    const owner = `<img src=x onerror="window.__xss = 2"> Ow\u202ener`;
    const csv = [
      "Host Name,Domain,Operating System,OS Version,RAM (GB),.NET Release,Site,Owner,Tags",
      `${host},${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449,${site},"${owner.replace(/"/g, '""')}","<b>bold</b>"`,
      `${longHost},${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449,${site},x,`,
    ].join("\r\n");
    const upload = await page.request.post("/api/uploads", {
      headers: { Authorization: `Bearer ${tokenFor("admin")}` },
      multipart: { file: { name: `${host}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) } },
    });
    expect(upload.status(), await upload.text()).toBeLessThan(300);

    await page.goto(`/servers?domain=${domain}`);
    await expect(bodyRows(page)).toHaveCount(2);
    await expect(serversTable(page).getByText(site, { exact: true }).first()).toBeVisible();
    await expect(serversTable(page).getByText(owner, { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The 63-character name wraps instead of widening the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/servers-hostile.png`, fullPage: true });

    await page.goto(`/servers/${host}.${domain}`);
    await expect(page.getByRole("heading", { level: 1, name: host.toUpperCase() })).toBeVisible();
    const readiness = page.getByRole("region", { name: "Readiness" });
    await expect(readiness.getByText(site, { exact: true })).toBeVisible();
    await expect(readiness.getByText(owner, { exact: true })).toBeVisible();
    await expect(readiness.getByText("<b>bold</b>", { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("main script, main img").count()).toBe(0);
  });
});

test.describe("settings (issue 13: destructive actions look like buttons and ask first)", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("Disable is a danger button with a confirmation; Enable gives the access back", { tag: "@ui" }, async ({ page }) => {
    const email = `disable-${RUN}@e2e.test`;
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Disable Me");
    await form.getByLabel("Role").selectOption("viewer");
    await form.getByLabel("Initial password").fill("a-long-enough-password");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByRole("status")).toHaveText(`Created ${email} (viewer).`);

    // The signed-in admin's own row offers no Disable (the action would refuse it).
    const own = page.getByRole("region", { name: "Users" }).getByRole("row").filter({ hasText: "admin@e2e.test" });
    await expect(own).toContainText("You (cannot disable yourself)");
    await expect(own.getByRole("button", { name: /^Disable/ })).toHaveCount(0);

    const row = page.getByRole("row").filter({ hasText: email });
    const disable = row.getByRole("button", { name: `Disable ${email}` });
    await expect(disable).toHaveText("Disable…");
    // Styled as the danger button of components/ui/button.tsx: filled red with white text, not a text link.
    await expect(disable).toHaveClass(/\bbg-red-700\b/);
    const style = await disable.evaluate((button) => ({ background: getComputedStyle(button).backgroundColor, color: getComputedStyle(button).color }));
    expect(style.background).not.toBe("rgba(0, 0, 0, 0)");
    expect(style.color).toBe("rgb(255, 255, 255)");
    await disable.click();
    const confirm = row.getByRole("form", { name: `Confirm disabling ${email}` });
    await expect(confirm).toContainText("They are signed out at once");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-disable-light.png`, fullPage: true, style: UNSTICK_HEADER });
    await expectAccessible(page);

    // Cancel leaves the account alone.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();
    await expect(confirm).toHaveCount(0);

    // The same in the dark theme, then confirming disables the account.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await row.getByRole("button", { name: `Disable ${email}` }).click();
    await expect(confirm).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-disable-dark.png`, fullPage: true, style: UNSTICK_HEADER });
    await expectAccessible(page);
    await row.getByRole("form", { name: `Confirm disabling ${email}` }).getByRole("button", { name: "Yes, disable" }).click();
    await expect(row.getByRole("cell", { name: "Disabled", exact: true })).toBeVisible();
    await row.getByRole("button", { name: `Enable ${email}` }).click();
    await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();
  });
});

import { expect, type Page, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { expectAccessible } from "./support/axe";

test.use({ storageState: storageStatePath("viewer") });

test("the overview's counts add up and each links to the filtered server list", async ({ page }) => {
  await page.goto("/");
  const cards = page.getByRole("list", { name: "Servers per readiness" }).getByRole("link");
  await expect(cards).toHaveCount(4);
  const notReady = cards.filter({ hasText: "Not ready" });
  await notReady.click();
  await expect(page).toHaveURL(/\/servers\?readiness=not-ready$/);
});

test("a top blocking rule filters the server list by that rule", async ({ page }) => {
  await page.goto("/");
  const first = page.locator("#blocking-heading").locator("xpath=ancestor::section").getByRole("link").first();
  await first.click();
  await expect(page).toHaveURL(/\/servers\?rule=[a-z0-9-]+&readiness=not-ready$/);
});

test("the overview is accessible and readable in the dark theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-demo-dark.png`, fullPage: true });
  await expectAccessible(page);
});

// Issue 13: the trend's time axis and the stale-data warning. Expectations come from GET /api/summary (what the
// page itself is built from), never from fleet totals, which other specs change by uploading.
const SCREENS = "test-results/screens";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Summary {
  total: number;
  freshness: { stale: number; staleAfterDays: number; oldest: string | null };
}

async function summary(page: Page): Promise<Summary> {
  const response = await page.request.get("/api/summary");
  expect(response.ok()).toBe(true);
  return (await response.json()) as Summary;
}

test("the trend's x-axis shows distinct, real instants between the first and the last evaluation", async ({ page }) => {
  await page.goto("/");
  const chart = page.locator("#trend-heading").locator("xpath=ancestor::section").locator("svg[data-first]");
  await expect(chart, "the demo load evaluates the fleet several times").toBeVisible();
  const first = Date.parse((await chart.getAttribute("data-first")) ?? "");
  const last = Date.parse((await chart.getAttribute("data-last")) ?? "");
  expect(last).toBeGreaterThan(first);
  // The last point is the latest evaluation in the table of numbers.
  const section = page.locator("#trend-heading").locator("xpath=ancestor::section");
  await section.getByText("Show the numbers").click();
  await expect(section.getByRole("table").locator("tbody tr").last().locator("td").first()).toHaveText(new Date(last).toISOString().replace("T", " ").slice(0, 19));
  const ticks = chart.locator('[data-axis="x"] text');
  const count = await ticks.count();
  expect(count).toBeGreaterThan(0);
  const labels: string[] = [];
  for (let i = 0; i < count; i++) {
    const tick = ticks.nth(i);
    const label = ((await tick.textContent()) ?? "").trim();
    const at = Date.parse((await tick.getAttribute("data-tick")) ?? "");
    labels.push(label);
    // A tick is a real instant of the plotted span, and its label names that instant (its time of day or its date).
    expect(at).toBeGreaterThanOrEqual(first - 1);
    expect(at).toBeLessThanOrEqual(last + 1);
    const d = new Date(at);
    const time = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
    const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
    expect(label.includes(time) || label.includes(date) || label === `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`, `${label} names ${d.toISOString()}`).toBe(true);
  }
  expect(new Set(labels).size, labels.join(" | ")).toBe(labels.length);
  // The date is on the axis at least once (the first label carries it when the labels are times of day).
  expect(labels.some((label) => /\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{4}/.test(label)), labels.join(" | ")).toBe(true);
});

test("stale data is a warning with its count, the limit and a link to exactly those servers", async ({ page }) => {
  await page.goto("/");
  const { total, freshness } = await summary(page);
  const banner = page.getByRole("region", { name: /stale data|data is stale/ });
  if (freshness.stale === 0) {
    await expect(banner).toHaveCount(0);
    return;
  }
  // The demo fleet's facts are from July 2026: older than the limit by design.
  const fmt = (v: number) => v.toLocaleString("en-US");
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("heading", { level: 2 })).toContainText(`${fmt(freshness.stale)} of ${fmt(total)}`);
  await expect(banner).toContainText(`more than ${freshness.staleAfterDays} days ago`);
  await page.screenshot({ path: `${SCREENS}/overview-stale-light.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: `${SCREENS}/overview-stale-dark.png`, fullPage: true });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: "light" });
  await page.reload();

  await banner.getByRole("link", { name: `Show the ${fmt(freshness.stale)} stale ${freshness.stale === 1 ? "server" : "servers"}` }).click();
  await expect(page).toHaveURL(/\/servers\?stale=true$/);
  await expect(page.getByTestId("showing")).toHaveText(new RegExp(` of ${fmt(freshness.stale)} servers?$`));
});

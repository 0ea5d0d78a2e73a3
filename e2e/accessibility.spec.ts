import { expect, test } from "@playwright/test";
import { ACCOUNTS, storageStatePath } from "./support/accounts";
import { COLOUR_RULES, expectAccessible } from "./support/axe";
import { PAGE_ROUTES } from "./route-matrix";
import { tokenFor } from "./support/roles";

// Every page of the app (from the route matrix), against the demo fleet, in both themes: zero serious or
// critical axe-core violations. Dynamic routes use a real server, upload and rule.
test.use({ storageState: storageStatePath("admin") });

/** A wave with servers and blockers (created through the API on the first run), for the wave page. */
async function waveWithServers(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const headers = { Authorization: `Bearer ${tokenFor("admin")}` };
  const listed = (await (await request.get("/api/waves", { headers })).json()) as { waves: { id: string; name: string }[] };
  const existing = listed.waves.find((wave) => wave.name === "Accessibility wave");
  if (existing) return existing.id;
  const created = await request.post("/api/waves", { headers, data: { name: "Accessibility wave", description: "Servers with blockers, for the axe sweep.", startDate: "2027-01-04", endDate: "2027-01-15" } });
  expect(created.status()).toBe(201);
  const wave = (await created.json()) as { id: string };
  const assigned = await request.post("/api/rollout/bulk", { headers, data: { selection: { filter: "domain=fabrikam.com" }, change: { waveId: wave.id, status: "scheduled", targetDate: "2027-01-10" } } });
  expect(assigned.status()).toBe(200);
  return wave.id;
}

async function concretePaths(page: import("@playwright/test").Page): Promise<string[]> {
  const wave = await waveWithServers(page.request);
  await page.goto("/servers");
  // A server's own page (the table's first links sort its columns).
  const server = await page.getByRole("table").locator('a[href^="/servers/"]').first().getAttribute("href");
  await page.goto("/uploads");
  const upload = await page.locator('a[href^="/uploads/"]').first().getAttribute("href");
  return PAGE_ROUTES.filter((entry) => entry.route !== "/login").map((entry) => {
    if (entry.route === "/servers/[fqdn]") return server ?? entry.sample;
    if (entry.route === "/uploads/[id]") return upload ?? entry.sample;
    if (entry.route === "/rollout/waves/[id]") return `/rollout/waves/${wave}`;
    return entry.sample;
  });
}

// Every rule in the light theme; in the dark theme the rules a theme can change (colours: the DOM is the same).
for (const scheme of ["light", "dark"] as const) {
  test(`every page is accessible in the ${scheme} theme`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of await concretePaths(page)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectAccessible(page, scheme === "dark" ? { rules: COLOUR_RULES } : {});
    }
  });
}

test("the sign-in page is accessible", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await expectAccessible(page);
  await context.close();
});

test("the app can be used with the keyboard alone", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.keyboard.press("Tab"); // skip link
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByLabel("Email").focus();
  await page.keyboard.type(ACCOUNTS.viewer.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(ACCOUNTS.viewer.password);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-name")).toHaveText(ACCOUNTS.viewer.name);
  // On a freshly loaded page, Tab from the top to the main navigation and open "Servers" with Enter.
  await page.goto("/");
  const servers = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Servers" });
  for (let i = 0; i < 10 && !(await servers.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(servers).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Servers" })).toBeVisible();
  await context.close();
});

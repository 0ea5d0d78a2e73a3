import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { expectAccessible } from "./support/axe";

// Runs first, on the fresh database: the empty state, then an admin loads the demo fleet through the
// real ingest path. Every later spec runs against that demo fleet.
test.describe.configure({ mode: "serial" });

test.describe("a fresh installation", () => {
  test("a viewer sees an empty overview without the demo button", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("viewer") });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "No servers yet" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Load demo data" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "See uploads" })).toBeVisible();
    await context.close();
  });

  test.describe("as an admin", () => {
    test.use({ storageState: storageStatePath("admin") });

    test("the empty overview points to the upload page", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "No servers yet" })).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-empty.png`, fullPage: true });
      await page.getByRole("link", { name: "Upload an inventory" }).click();
      await expect(page).toHaveURL(/\/uploads$/);
      await expect(page.getByRole("link", { name: "Uploads" })).toHaveAttribute("aria-current", "page");
    });

    test("loading the demo data fills the overview", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("button", { name: "Load demo data" }).click();
      await expect(page.getByRole("list", { name: "Servers per readiness" })).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole("heading", { name: "Top blocking rules" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Readiness per domain" })).toBeVisible();
      await expect(page.getByRole("link", { name: "corp.contoso.com" })).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-demo.png`, fullPage: true });
      await expectAccessible(page);
    });
  });
});

import { expect, test } from "@playwright/test";
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

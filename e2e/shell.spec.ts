import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";

test("health answers without authentication", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    status: "ok",
    db: "ok",
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    database: { kind: expect.stringMatching(/^(sqlite|postgres)$/), migrations: { applied: expect.any(Number), pending: [], failed: [], upToDate: true } },
  });
});

test.describe("app shell", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("navigation reaches every section", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const [label, heading] of [
      ["Servers", "Servers"],
      ["Uploads", "Uploads"],
      ["Rules", "Rules"],
      ["Domains & gMSA", "Domains & gMSA"],
      ["Tenant & scope", "Tenant & scope"],
      ["Rollout", "Rollout"],
      ["Reports", "Reports"],
      ["Settings", "Settings"],
      ["Overview", "Overview"],
    ]) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    }
  });

  test("light and dark themes switch and persist", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-light.png`, fullPage: true });
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-dark.png`, fullPage: true });
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
  });

  test("the layout works on a narrow screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/overview-mobile.png`, fullPage: true });
  });
});

import { expect, test } from "@playwright/test";
import { ACCOUNTS, SCREENSHOT_DIR, storageStatePath } from "./support/accounts";

test.describe("signing in and out", () => {
  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(ACCOUNTS.viewer.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("The email or password is not correct.");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/login-error.png`, fullPage: true });
  });

  test("a protected page asks for sign-in (401) and returns to it afterwards", async ({ page }) => {
    const response = await page.goto("/servers?readiness=not-ready");
    expect(response?.status()).toBe(401);
    await expect(page.getByRole("heading", { name: "Sign in to continue" })).toBeVisible();
    await page.getByLabel("Email").fill(ACCOUNTS.lead.email);
    await page.getByLabel("Password").fill(ACCOUNTS.lead.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/servers\?readiness=not-ready$/);
    await expect(page.getByRole("heading", { level: 1, name: "Servers" })).toBeVisible();
  });

  test("the session cookie is httpOnly and SameSite", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("viewer") });
    const cookie = (await context.cookies()).find((c) => c.name === "csr_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    await context.close();
  });

  test("signing out ends the session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(ACCOUNTS.viewer.email);
    await page.getByLabel("Password").fill(ACCOUNTS.viewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-name")).toHaveText(ACCOUNTS.viewer.name);
    const cookie = (await page.context().cookies()).find((c) => c.name === "csr_session")!;
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    // The old cookie value no longer works.
    const replay = await page.request.get("/api/me", { headers: { cookie: `csr_session=${cookie.value}` } });
    expect(replay.status()).toBe(401);
  });
});

test.describe("administration", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an admin creates a token in the UI, uses it, and revokes it", async ({ page, request }) => {
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Create an API token" });
    await form.getByLabel("Name").fill("ui-created");
    await form.getByLabel("Role").selectOption("lead");
    await form.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByTestId("new-token").inputValue();
    expect(token).toMatch(/^csr_/);

    const me = await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(await me.json()).toEqual({ name: "ui-created", role: "lead", kind: "token" });

    await page.getByRole("button", { name: "Revoke token ui-created" }).click();
    await expect(page.getByRole("row", { name: /ui-created/ })).toContainText("Revoked");
    const after = await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status()).toBe(401);
  });

  test("an admin adds a user who can then sign in with their role", async ({ page, browser }) => {
    await page.goto("/settings");
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Email").fill("new.viewer@e2e.test");
    await form.getByLabel("Name").fill("New Viewer");
    await form.getByLabel("Role").selectOption("viewer");
    await form.getByLabel("Initial password").fill("short");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText("Use at least 12 characters.")).toBeVisible();
    await form.getByLabel("Initial password").fill("a-long-enough-password");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByRole("status")).toHaveText("Created new.viewer@e2e.test (viewer).");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/settings.png`, fullPage: true });

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } }); // signed out
    const other = await context.newPage();
    await other.goto("/login");
    await other.getByLabel("Email").fill("new.viewer@e2e.test");
    await other.getByLabel("Password").fill("a-long-enough-password");
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other.getByTestId("signed-in-name")).toHaveText("New Viewer");
    await expect(other.getByRole("link", { name: "Settings" })).toHaveCount(0);
    await context.close();
  });
});

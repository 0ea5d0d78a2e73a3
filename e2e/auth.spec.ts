import { expect, type Page, test } from "@playwright/test";
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

  test("a malformed or oversized session cookie is an anonymous request, never a 500", async ({ request, browser, baseURL }) => {
    for (const value of ["%E0%A4%A", "%", "x".repeat(3000)]) {
      const api = await request.get("/api/me", { headers: { cookie: `csr_session=${value}` } });
      expect(api.status()).toBe(401);
      expect((await api.json()).error.code).toBe("unauthorized");
    }
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await context.addCookies([{ name: "csr_session", value: "%E0%A4%A", url: baseURL! }]);
    const page = await context.newPage();
    const response = await page.goto("/servers");
    expect(response?.status()).toBe(401);
    await expect(page.getByRole("heading", { name: "Sign in to continue" })).toBeVisible();
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

test.describe("the lockout attack (decision 015)", () => {
  test("five wrong passwords slow the attacker's client down but do not lock the owner out of their browser", async ({ browser }) => {
    const email = "lockout.target@e2e.test";
    const password = "the owner's long password";
    const signInWith = async (page: Page, secret: string) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(secret);
      await page.getByRole("button", { name: "Sign in" }).click();
    };

    const admin = await browser.newContext({ storageState: storageStatePath("admin") });
    const settings = await admin.newPage();
    await settings.goto("/settings");
    const form = settings.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Lockout Target");
    await form.getByLabel("Role").selectOption("viewer");
    await form.getByLabel("Initial password").fill(password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByRole("status")).toHaveText(`Created ${email} (viewer).`);
    await admin.close();

    // The owner signs in once from their browser (it becomes a known device), then signs out.
    const ownerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const owner = await ownerContext.newPage();
    await signInWith(owner, password);
    await expect(owner.getByTestId("signed-in-name")).toHaveText("Lockout Target");
    expect((await ownerContext.cookies()).find((c) => c.name === "csr_device")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await owner.getByRole("button", { name: "Sign out" }).click();
    await expect(owner).toHaveURL(/\/login$/);

    // The attacker (another browser, the same address): five wrong passwords, then even the right one waits.
    const attackerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const attacker = await attackerContext.newPage();
    for (let i = 0; i < 5; i += 1) {
      await signInWith(attacker, `wrong guess number ${i}`);
      await expect(attacker.getByRole("main").getByRole("alert")).toHaveText("The email or password is not correct.");
    }
    await signInWith(attacker, password);
    await expect(attacker.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed sign-ins\. Try again in \d+ seconds\.$/);
    await attacker.screenshot({ path: `${SCREENSHOT_DIR}/login-throttled.png`, fullPage: true });
    await attackerContext.close();

    // The owner's browser signs in with the right password at once.
    await signInWith(owner, password);
    await expect(owner.getByTestId("signed-in-name")).toHaveText("Lockout Target");
    await ownerContext.close();

    // The documented rule: a brand-new browser from the attacker's own address waits like the attacker (from a
    // clean address it would get in; every e2e browser shares 127.0.0.1).
    const freshContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const fresh = await freshContext.newPage();
    await signInWith(fresh, password);
    await expect(fresh.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed sign-ins\. Try again in \d+ seconds\.$/);
    await freshContext.close();
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
    await page.getByRole("form", { name: "Confirm revoking token ui-created" }).getByRole("button", { name: "Yes, revoke" }).click();
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

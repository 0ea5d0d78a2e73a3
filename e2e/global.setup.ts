import { expect, test as setup } from "@playwright/test";
import { ROLES } from "@/lib/auth/roles";
import { ACCOUNTS, storageStatePath } from "./support/accounts";

// Signs in once per role through the real form and keeps the session cookie for the specs.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(ACCOUNTS[role].email);
    await page.getByLabel("Password").fill(ACCOUNTS[role].password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-name")).toHaveText(ACCOUNTS[role].name);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}

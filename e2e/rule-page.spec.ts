import { expect, type Page, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";
import { expectAccessible } from "./support/axe";

// The rule page as documentation (issue 13): examples read as "facts in, verdict out", source keys appear as the
// documents' titles, every command sits in its own box with a copy button, and each count says what it means and
// links to the servers behind it. Counts are read from the page, never hard-coded (other specs upload servers).

test.use({ storageState: storageStatePath("viewer"), permissions: ["clipboard-read", "clipboard-write"] });

const SCREENS = "test-results/screens";
const UNSTICK_HEADER = "body > div > header { position: static !important; }";
const n = (text: string) => Number(text.replace(/[^\d]/g, ""));

async function bothThemes(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENS}/${name}-light.png`, fullPage: true, style: UNSTICK_HEADER });
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await page.screenshot({ path: `${SCREENS}/${name}-dark.png`, fullPage: true, style: UNSTICK_HEADER });
  await expectAccessible(page);
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}

test("examples read as facts in and verdict out, not as fixtures", async ({ page }) => {
  await page.goto("/rules/domain-schema-cloud-sync");
  const examples = page.locator("[data-example]");
  const heading = page.getByRole("heading", { level: 2, name: /^Examples \((\d+)\)$/ });
  const count = n((await heading.textContent()) ?? "");
  await expect(examples).toHaveCount(count);
  expect(count).toBeGreaterThanOrEqual(3);

  const failing = page.getByRole("article", { name: /Windows Server 2012 R2 schema \(enough for gMSA, not for cloud sync\)/ });
  await expect(failing.getByRole("heading", { level: 3 })).toHaveText(/^Example \d+: Windows Server 2012 R2 schema/);
  const facts = failing.getByRole("table", { name: /^Facts of example \d+/ });
  await expect(facts.getByRole("rowheader", { name: "domain.schemaVersion" })).toBeVisible();
  await expect(facts.getByRole("row", { name: /domain\.schemaVersion/ }).getByRole("cell").first()).toHaveText("69");
  const verdict = failing.getByRole("region", { name: "Verdict out" });
  await expect(verdict).toContainText("Fail");
  await expect(verdict).toContainText(/schema/i);

  // Unknown: the missing fact is named as not collected, and the verdict says how to collect it.
  const unknown = page.getByRole("article", { name: /schema version not collected/i });
  await expect(unknown.getByRole("table").getByText("not collected")).toBeVisible();
  await expect(unknown.getByRole("region", { name: "Verdict out" })).toContainText("Unknown");
  await expect(unknown.getByRole("region", { name: "Verdict out" })).toContainText("To collect it:");

  // The raw facts are still there for the curious, but closed; no example disagrees with what it documents.
  await expect(page.getByText(/^Every fact of this example/).first()).toBeVisible();
  await expect(page.locator("details[open]")).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "not the" })).toHaveCount(0);
});

test("source keys are shown as the documents' titles, linked, on the rule page and the catalogue", async ({ page }) => {
  await page.goto("/rules/gmsa-acl-phs");
  const notes = page.getByRole("region", { name: "Where the sources disagree" });
  await expect(notes).toBeVisible();
  await expect(notes).not.toContainText(/\[[A-Z][A-Z0-9]*-[A-Z0-9-]+\]|\[VERHIST\]/);
  const gmsa = notes.getByRole("link", { name: /^Use a group managed service account with Microsoft Entra Cloud Sync/ });
  await expect(gmsa).toHaveAttribute("href", "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/gmsa-cloud-sync");
  await expect(notes.getByRole("link", { name: /^Microsoft Entra Connect Provisioning Agent - Version release history/ })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/\[(GMSA-CS|GMSA-CMD|VERHIST|PRE-2026|MS-ADA2)\]/);

  await page.goto("/rules");
  await expect(page.locator("main")).not.toContainText(/\[(GMSA-CS|GMSA-CMD|VERHIST|PRE-2026|PRE-2025-09|PRE-2025-04|MS-ADA2|FAQ|NETFX)\]/);
});

test("remediation commands sit in their own boxes and the copy button copies exactly the command", async ({ page }) => {
  await page.goto("/rules/domain-schema-cloud-sync");
  const steps = page.getByRole("list", { name: "Remediation steps" });
  const first = steps.getByRole("listitem").first();
  await expect(first).toContainText("Find the schema master:");
  const box = first.locator("[data-command-box]");
  await expect(box.locator("pre")).toHaveText("Get-ADForest | Select-Object SchemaMaster");
  await box.getByRole("button", { name: "Copy" }).click();
  await expect(box.getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("Get-ADForest | Select-Object SchemaMaster");

  // No box holds prose: the explanation ("(87 or more)") stays outside it.
  const verify = steps.getByRole("listitem").filter({ hasText: "Let the schema replicate" });
  await expect(verify.locator("pre")).toHaveText("Get-ADObject (Get-ADRootDSE).schemaNamingContext -Property objectVersion");
  await expect(verify).toContainText("(87 or more)");

  // Registry values become the PowerShell that sets them.
  await page.goto("/rules/host-tls12-schannel");
  const client = page.getByRole("list", { name: "Remediation steps" }).getByRole("listitem").first();
  const code = (await client.locator("pre").textContent()) ?? "";
  expect(code).toContain("$key = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client'");
  expect(code).toContain("Set-ItemProperty -Path $key -Name Enabled -Value 1 -Type DWord");
  await client.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
});

test("each count says what it means and links to the servers behind it", async ({ page }) => {
  await page.goto("/rules/host-tls12-schannel");
  const region = page.getByRole("region", { name: "Servers", exact: true });
  const meaning = region.getByRole("list", { name: "What the numbers mean" });
  for (const label of ["Failing", "Blocked by it", "Unknown", "Passing", "Waived"]) {
    await expect(meaning.locator(`[data-count="${label}"]`)).toContainText(new RegExp(`^${label} \\([\\d,]+\\): \\w`));
  }
  await expect(meaning.locator('[data-count="Blocked by it"]')).toContainText("Not ready");
  await expect(meaning.locator('[data-count="Unknown"]')).toContainText("not judged until it is collected");

  const failing = n((await meaning.locator('[data-count="Failing"]').textContent())?.split(":")[0] ?? "");
  if (failing > 0) {
    const link = meaning.getByRole("link", { name: /^Show the [\d,]+ servers? failing this rule$/ });
    await expect(link).toHaveAttribute("href", "/servers?rule=host-tls12-schannel");
    await link.click();
    await expect(page).toHaveURL(/\/servers\?rule=host-tls12-schannel$/);
    await expect(page.getByTestId("showing")).toHaveText(new RegExp(` of ${failing.toLocaleString("en-US")} servers?$`));
    await page.goBack();
  }
  const blocked = n((await meaning.locator('[data-count="Blocked by it"]').textContent())?.split(":")[0] ?? "");
  if (blocked > 0) {
    await expect(meaning.getByRole("link", { name: "Show the Not ready servers failing this rule" })).toHaveAttribute("href", "/servers?readiness=not-ready&rule=host-tls12-schannel");
  }
  await bothThemes(page, "rule-page");
});

import { expect, type Page, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { tokenFor } from "./support/roles";

// The Domains page (issue 13): a summary per domain at the top, sections collapsed by default, and one PowerShell
// fix script per domain. Runs against the demo fleet loaded by fresh.spec.ts (corp.contoso.com healthy,
// emea.contoso.com mixed, fabrikam.com legacy: 2012 R2 schema, no KDS root key, no gMSA yet), plus a domain of its
// own (unique name) whose gMSA lacks Full control on groups and the password hash sync rights.

const RUN = Date.now().toString(36);
const SCREENS = "test-results/screens";
const UNSTICK_HEADER = "body > div > header { position: static !important; }";
const authorization = () => ({ Authorization: `Bearer ${tokenFor("admin")}` });

const OWN = `fix-${RUN}.example`;
const OWN_DN = `DC=fix-${RUN},DC=example`;
const GMSA = "FIX\\provAgentgMSA$";
const EMPTY = "00000000-0000-0000-0000-000000000000";
const CLASS = {
  user: "bf967aba-0de6-11d0-a285-00aa003049e2",
  computer: "bf967a86-0de6-11d0-a285-00aa003049e2",
  contact: "5cb41ed0-0e4c-11d0-a286-00aa003049e2",
  inetOrgPerson: "4828cc14-1437-45bc-9b07-ad6f015e5f28",
  foreignSecurityPrincipal: "89e31c12-8530-11d0-afda-00c04fd930c9",
  device: "bf967a8e-0de6-11d0-a285-00aa003049e2",
};

/** Uploads the own domain: domain facts (no KDS root key), the root's ACL (no groups Full control, no PHS rights), one server. */
async function uploadOwnDomain(page: Page) {
  const upload = async (name: string, type: string, body: string, fields: Record<string, string> = {}) => {
    const response = await page.request.post("/api/uploads", {
      headers: authorization(),
      multipart: { ...fields, file: { name, mimeType: type, buffer: Buffer.from(body) } },
    });
    expect(response.status(), `${name}: ${await response.text()}`).toBe(201);
  };
  const domain = {
    DNSRoot: OWN,
    NetBIOSName: "FIX",
    DistinguishedName: OWN_DN,
    Forest: OWN,
    objectVersion: 88,
    DomainMode: "Windows2016Domain",
    ForestMode: "Windows2016Forest",
    DomainControllers: [{ Name: "DC01", HostName: `dc01.${OWN}`, OperatingSystem: "Windows Server 2022 Datacenter", OperatingSystemVersion: "10.0 (20348)", rsatAdPowerShell: true }],
    KdsRootKeys: [],
    gmsa: { SamAccountName: "provAgentgMSA$" },
    protectedObjects: { inheritanceDisabledCount: 0, adminCountCount: 0, samples: [] },
    collectedAt: new Date().toISOString(),
  };
  await upload(`${OWN}-domain.json`, "application/json", JSON.stringify(domain));
  const ace = (rights: number, inheritanceType: string, objectType: string, inheritedObjectType: string) => ({
    identity: GMSA,
    accessType: "allow",
    rights,
    objectType,
    inheritedObjectType,
    inheritanceType,
    isInherited: false,
  });
  const acl = {
    targetDn: OWN_DN,
    account: GMSA,
    collectedAt: new Date().toISOString(),
    aces: [
      ...Object.values(CLASS).map((cls) => ace(16, "Descendents", EMPTY, cls)),
      ace(3, "All", CLASS.user, EMPTY),
      { ...ace(983551, "All", EMPTY, EMPTY), identity: `FIX\\Domain Admins` },
    ],
  };
  await upload(`${OWN}-acl.json`, "application/json", JSON.stringify(acl));
  const inventory = ["Host Name,Domain,Operating System,OS Version,RAM (GB),.NET Release", `sync01-${RUN},${OWN},Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449`].join("\r\n");
  await upload(`${OWN}-servers.csv`, "text/csv", `${inventory}\r\n`);
}

/** The region of a script that names the rule (between its #region and #endregion). */
function region(script: string, ruleId: string): string {
  const lines = script.split("\n");
  const start = lines.findIndex((line) => line.startsWith("#region ") && line.includes(ruleId));
  return start < 0 ? "" : lines.slice(start, lines.indexOf("#endregion", start) + 1).join("\n");
}

test.describe("as a viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("the summary lists each demo domain with its verdict, failing rules, servers and fix script", async ({ page }) => {
    await page.goto("/domains");
    const summary = page.getByRole("table", { name: "Domains at a glance" });
    await expect(summary).toBeVisible();
    for (const domain of ["corp.contoso.com", "emea.contoso.com", "fabrikam.com"]) {
      await expect(summary.locator(`tr[data-domain="${domain}"]`)).toBeVisible();
    }
    // The legacy domain: not ready, blocked by the KDS root key and the schema, every server blocked.
    const fabrikam = summary.locator('tr[data-domain="fabrikam.com"]');
    await expect(fabrikam).toContainText("Not ready");
    await expect(fabrikam.getByRole("link", { name: "domain-kds-root-key" })).toHaveAttribute("href", "/rules/domain-kds-root-key");
    await expect(fabrikam.getByRole("link", { name: "domain-schema-cloud-sync" })).toBeVisible();
    await expect(fabrikam).toContainText("all blocked by the domain rules");
    await expect(fabrikam.getByRole("link", { name: /^[\d,]+ servers$/ })).toHaveAttribute("href", "/servers?domain=fabrikam.com");
    await expect(fabrikam.getByRole("link", { name: "Fix script for fabrikam.com" })).toHaveAttribute("href", "/domains/fabrikam.com/fix-script");

    // The domain link opens (and scrolls to) the domain's collapsed section.
    const section = page.locator("details#domain-fabrikam-com");
    await expect(section).not.toHaveAttribute("open");
    await fabrikam.getByRole("link", { name: "fabrikam.com", exact: true }).click();
    await expect(page).toHaveURL(/\/domains#domain-fabrikam-com$/);
    await expect(section).toHaveAttribute("open");
    await expect(section.getByRole("heading", { name: "Domain facts" })).toBeVisible();
  });

  test("sections are collapsed by default, open on click or from the keyboard, and from a link's hash", { tag: "@ui" }, async ({ page }) => {
    await page.goto("/domains");
    const sections = page.locator("details[id^=domain-]");
    expect(await sections.count()).toBeGreaterThanOrEqual(3);
    for (const section of await sections.all()) await expect(section).not.toHaveAttribute("open");
    const corp = page.locator("details#domain-corp-contoso-com");
    await expect(corp.getByRole("heading", { name: "Domain rules" })).toBeHidden();
    // The summary line says the verdict and counts while closed.
    await expect(corp.locator(":scope > summary")).toContainText(/servers?$/);
    await corp.locator(":scope > summary").click();
    await expect(corp).toHaveAttribute("open");
    await expect(corp.getByRole("heading", { name: "Domain rules" })).toBeVisible();
    await expect(corp.getByRole("table", { name: "Domain rule results for corp.contoso.com" })).toBeVisible();
    await corp.locator(":scope > summary").click();
    await expect(corp).not.toHaveAttribute("open");

    // Keyboard: focus the summary and press Enter.
    const emea = page.locator("details#domain-emea-contoso-com");
    await emea.locator(":scope > summary").focus();
    await page.keyboard.press("Enter");
    await expect(emea).toHaveAttribute("open");

    // A deep link opens its section on load.
    await page.goto("/domains#domain-emea-contoso-com");
    await expect(page.locator("details#domain-emea-contoso-com")).toHaveAttribute("open");
    await expect(page.locator("details#domain-corp-contoso-com")).not.toHaveAttribute("open");
  });

  test("the legacy domain's fix script creates the KDS root key and names the schema step, with no grants", async ({ page }) => {
    await page.goto("/domains#domain-fabrikam-com");
    const section = page.locator("details#domain-fabrikam-com");
    await expect(section).toHaveAttribute("open");
    const link = section.getByRole("link", { name: "Download fix script for fabrikam.com" });
    await expect(section).toContainText("It covers:");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("fabrikam.com-cloudsync-domain-fix.ps1");
    const raw = await (await download.createReadStream()).toArray();
    const bytes = Buffer.concat(raw);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const script = bytes.subarray(3).toString("utf8").replace(/\r\n/g, "\n");
    expect(script).toContain("$DomainDn = 'DC=fabrikam,DC=com'");
    expect(script).toContain("[CmdletBinding(SupportsShouldProcess)]");
    expect(script).toContain(".\\fabrikam.com-cloudsync-domain-fix.ps1 -WhatIf");
    expect(region(script, "domain-kds-root-key")).toContain("Add-KdsRootKey -EffectiveImmediately");
    expect(region(script, "domain-schema-cloud-sync")).toContain("adprep.exe /forestprep");
    // No gMSA yet: no grant is scripted; the gMSA rules are left for manual action, saying why.
    expect(script).not.toMatch(/^\s*Grant-CsrAce /m);
    expect(script).toMatch(/# {3}gmsa-acl-read-objects \(blocker\): .*The gMSA is not known/);
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("a domain's fix script grants exactly what its failing gMSA rules need, with the real DN and -WhatIf", async ({ page }) => {
    test.setTimeout(90_000);
    await uploadOwnDomain(page);
    const anchor = `domain-${OWN.replace(/[^a-z0-9-]/gi, "-")}`;
    await page.goto(`/domains#${anchor}`);
    const row = page.getByRole("table", { name: "Domains at a glance" }).locator(`tr[data-domain="${OWN}"]`);
    await expect(row).toContainText("Not ready");
    for (const id of ["gmsa-acl-groups-full-control", "gmsa-acl-phs", "domain-kds-root-key"]) await expect(row.getByRole("link", { name: id })).toBeVisible();
    await expect(row.getByRole("link", { name: "gmsa-acl-read-objects" })).toHaveCount(0);

    const section = page.locator(`details#${anchor}`);
    await expect(section).toHaveAttribute("open");
    const link = section.getByRole("link", { name: `Download fix script for ${OWN}` });
    await expect(link).toHaveAttribute("href", `/domains/${OWN}/fix-script`);

    const response = await page.request.get(`/domains/${OWN}/fix-script`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response.headers()["content-disposition"]).toContain(`attachment; filename="${OWN}-cloudsync-domain-fix.ps1"`);
    const script = (await response.text()).replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");

    expect(script.split("\n")[0]).toBe(`# Cloud Sync Readiness domain fix script for ${OWN} (${OWN_DN}).`);
    expect(script).toContain(`$DomainDn = '${OWN_DN}'`);
    expect(script).toContain(`$GmsaAccount = '${GMSA}'`);
    expect(script).toContain("[CmdletBinding(SupportsShouldProcess)]");

    const groups = region(script, "gmsa-acl-groups-full-control");
    expect(groups).toContain(`#   dsacls "${OWN_DN}" /I:S /G "${GMSA}:GA;;group"`);
    expect(groups).toContain("if (Test-CsrGrant -Target $GrantTarget -Rights 983551");
    expect(groups).toContain("$PSCmdlet.ShouldProcess($GrantTarget,");
    const phs = region(script, "gmsa-acl-phs");
    expect(phs).toContain(`/G "${GMSA}:CA;Replicating Directory Changes"`);
    expect(phs).toContain(`/G "${GMSA}:CA;Replicating Directory Changes All"`);
    expect(phs).toContain("-ObjectType '1131f6ad-9c07-11d1-f79f-00c04fc2dcd2'");
    expect(region(script, "domain-kds-root-key")).toContain("Add-KdsRootKey -EffectiveImmediately");
    // Passing rules get nothing: three grants in all (groups + the two replication rights).
    for (const passing of ["gmsa-acl-read-objects", "gmsa-acl-create-delete-users", "domain-schema-cloud-sync", "domain-rsat-ad-powershell", "gmsa-acl-deny", "gmsa-acl-excess"]) {
      expect(region(script, passing), passing).toBe("");
    }
    expect(script.match(/^\s*Grant-CsrAce /gm)).toHaveLength(3);
    expect(script).not.toContain("RP;;user");

    // An unknown domain is a 404.
    expect((await page.request.get("/domains/no-such-domain.example/fix-script")).status()).toBe(404);
  });

  test("an admin records a per-domain attestation: shown with who and when, the note as text, kept after a reload", async ({ page }) => {
    // Runs after the fix-script test, which uploaded the own domain (tests of a file run in order on one worker).
    const anchor = `domain-${OWN.replace(/[^a-z0-9-]/gi, "-")}`;
    await page.goto(`/domains#${anchor}`);
    const section = page.locator(`details#${anchor}`);
    await expect(section).toHaveAttribute("open");
    const attestations = section.getByRole("region", { name: "Attestations" });
    const item = attestations.locator('[data-attestation="gmsa-admin-credentials"]');
    await expect(item).toContainText("Not attested in the app");
    await expect(item.getByRole("link", { name: "Rule domain-gmsa-admin-credentials" })).toHaveAttribute("href", "/rules/domain-gmsa-admin-credentials");

    const form = item.getByRole("form", { name: `Record for ${OWN}: A Domain Admin or Enterprise Admin will create the agent's gMSA (or a custom gMSA is pre-created)` });
    await form.getByLabel("Yes").check();
    const note = `<b>Change ${RUN}</b> approved`;
    await form.getByLabel("Note (optional)").fill(note);
    await form.getByRole("button", { name: "Record" }).click();
    await expect(item).toContainText("Attested: yes", { timeout: 15_000 });
    await expect(item).toContainText(`Note: ${note}`); // the markup is shown as text, never rendered
    await expect(item.locator("b")).toHaveCount(0);
    await item.screenshot({ path: `${SCREENS}/domains-attestation-recorded.png` });

    await page.reload();
    const again = page.locator(`details#${anchor}`).locator('[data-attestation="gmsa-admin-credentials"]');
    await expect(again).toContainText("Attested: yes");
    await expect(again).toContainText(`Note: ${note}`);
    // The other keys are untouched.
    await expect(page.locator(`details#${anchor}`).locator('[data-attestation="laps"]')).toContainText("Not attested in the app");
  });

  test("screenshots of the summary and an open section in both themes; accessible with a section open", { tag: "@ui" }, async ({ page }) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/domains");
      await expect(page.getByRole("table", { name: "Domains at a glance" })).toBeVisible();
      await page.screenshot({ path: `${SCREENS}/domains-summary-${scheme}.png`, fullPage: true, style: UNSTICK_HEADER });
      await page.goto("/domains#domain-fabrikam-com");
      await expect(page.locator("details#domain-fabrikam-com")).toHaveAttribute("open");
      await page.screenshot({ path: `${SCREENS}/domains-open-${scheme}.png`, fullPage: true, style: UNSTICK_HEADER });
      await expectAccessible(page);
    }
  });
});

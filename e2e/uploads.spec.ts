import { readFileSync } from "node:fs";
import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { tokenFor } from "./support/roles";

// The uploads page (issue "Ingest"): dry run, commit, duplicates, refusals, partial commits, column mapping,
// gMSA ACL options, deletion, the viewer's read-only view and the API by bearer token.
// The e2e database is shared by every spec of a run: each test uses its own host names and domain.

const RUN = Date.now().toString(36);
let counter = 0;
/** A name unique in this run, e.g. "dup-lx2k3-1". */
const uid = (prefix: string) => `${prefix}-${RUN}-${++counter}`;

const INVENTORY_HEADER = "Host Name,Domain,Operating System,OS Version,RAM (GB),.NET Release";
function inventoryCsv(domain: string, hosts: readonly string[], extraRows: readonly string[] = []): Buffer {
  const rows = hosts.map((host) => `${host},${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449`);
  return Buffer.from([INVENTORY_HEADER, ...rows, ...extraRows].join("\r\n") + "\r\n");
}

/** Switches the theme without a reload (as the header's theme toggle does), keeping the page's state. */
async function setTheme(page: Page, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), scheme === "dark");
}

/** Element screenshots: keep the sticky app header from covering the element. */
const UNSTICK_HEADER = "body > div > header { position: static !important; }";

const csv = (name: string, buffer: Buffer) => ({ name, mimeType: "text/csv", buffer });
const authorization = () => ({ Authorization: `Bearer ${tokenFor("admin")}` });

async function apiUpload(request: APIRequestContext, name: string, buffer: Buffer, fields: Record<string, string> = {}) {
  return request.post("/api/uploads", { headers: authorization(), multipart: { ...fields, file: csv(name, buffer) } });
}

/** File names of every stored upload (the API lists newest first). */
async function storedFileNames(request: APIRequestContext): Promise<string[]> {
  const response = await request.get("/api/uploads?pageSize=500", { headers: authorization() });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { uploads: { fileName: string }[] };
  return body.uploads.map((upload) => upload.fileName);
}

/** The panel's entry for one file (a region named after the file). */
const entryFor = (page: Page, fileName: string) => page.getByRole("region", { name: fileName, exact: true });

async function expectCounts(scope: Locator, label: string, counts: { records: number; accepted: number; rejected: number; servers: number }) {
  const list = scope.getByLabel(label, { exact: true });
  for (const [term, value] of [
    ["Records", counts.records],
    ["Accepted", counts.accepted],
    ["Rejected", counts.rejected],
    ["Servers affected", counts.servers],
  ] as const) {
    await expect(list.locator(`div:has(> dt:text-is("${term}")) > dd`), `${label}: ${term}`).toHaveText(String(value));
  }
}

/** The uploads list row of a file (its name is the link to the detail page). */
const listRow = (page: Page, fileName: string) =>
  page
    .getByRole("table", { name: /^Uploads, newest first/ })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: fileName, exact: true }) });

test.describe("uploads as an admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an inventory CSV is previewed with a dry run, then committed, and the list shows it", async ({ page }) => {
    const tag = uid("inv");
    const fileName = `${tag}.csv`;
    await page.goto("/uploads");
    await expect(page.getByRole("heading", { level: 2, name: "Upload exports" })).toBeVisible();
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, inventoryCsv(`${tag}.e2e.test`, [`${tag}-a`, `${tag}-b`])));

    const entry = entryFor(page, fileName);
    await expect(entry.getByRole("status")).toHaveText("Dry run: ready to commit");
    await expect(entry.getByRole("progressbar", { name: `Upload of ${fileName}` })).toHaveAttribute("aria-valuenow", "100");
    await expect(entry.getByText("Kind:")).toBeVisible();
    await expect(entry).toContainText("Host inventory");
    await expect(entry).toContainText("(inventory-csv)");
    await expectCounts(entry, `Dry-run counts for ${fileName}`, { records: 2, accepted: 2, rejected: 0, servers: 2 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/uploads-preview.png`, fullPage: true });
    expect(await storedFileNames(page.request), "a dry run stores nothing").not.toContain(fileName);

    await entry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(entry.getByRole("status")).toHaveText("Committed");
    await expectCounts(entry, `Counts for ${fileName}`, { records: 2, accepted: 2, rejected: 0, servers: 2 });
    await expect(entry.getByRole("link", { name: "See the servers" })).toHaveAttribute("href", "/servers");
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/uploads-committed.png`, style: UNSTICK_HEADER });

    const row = listRow(page, fileName);
    await expect(row).toHaveCount(1);
    const cells = row.getByRole("cell");
    await expect(cells.nth(1)).toContainText(fileName);
    await expect(cells.nth(2)).toContainText("Host inventory");
    await expect(cells.nth(4)).toHaveText("2");
    await expect(cells.nth(5)).toHaveText("2");
    await expect(cells.nth(6)).toHaveText("0");
    await expect(cells.nth(7)).toHaveText("2");
    await expect(cells.nth(0)).toContainText("admin@e2e.test");
    await expect(cells.nth(8)).toHaveText(/^[0-9a-f]{12}$/);
    // Newest first: this upload is the first row.
    await expect(page.getByRole("table", { name: /^Uploads, newest first/ }).getByRole("row").nth(1)).toContainText(fileName);
    await page.getByRole("region", { name: "Uploaded files" }).screenshot({ path: `${SCREENSHOT_DIR}/uploads-list.png`, style: UNSTICK_HEADER });

    await entry.getByRole("link", { name: "Open the upload" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Upload" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Servers in this upload" })).toContainText(`${tag}-a.${tag}.e2e.test`);
  });

  test("re-uploading the same bytes says so and changes nothing", async ({ page }) => {
    const tag = uid("dup");
    const bytes = inventoryCsv(`${tag}.e2e.test`, [`${tag}-a`]);
    const first = await apiUpload(page.request, `${tag}.csv`, bytes);
    expect(first.status()).toBe(201);
    const { id } = (await first.json()) as { id: string };
    const before = await storedFileNames(page.request);

    await page.goto("/uploads");
    const again = `${tag}-again.csv`;
    await page.getByLabel("Files to upload").setInputFiles(csv(again, bytes));
    const entry = entryFor(page, again);
    // The dry run already says so: when, by whom, under which name, and that committing would change nothing.
    await expect(entry.getByRole("status")).toHaveText("Dry run: already uploaded — nothing would change");
    await expect(entry).toContainText(`by token:e2e admin (as ${tag}.csv): these exact bytes are stored, so committing would change nothing.`);
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/uploads-already-uploaded.png`, style: UNSTICK_HEADER });
    await expect(entry.getByRole("link", { name: "Open that upload" })).toHaveAttribute("href", `/uploads/${id}`);
    await entry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(entry.getByRole("status")).toHaveText("Already uploaded — nothing changed");
    await expect(entry).toContainText("same SHA-256");
    await expect(entry).toContainText(`by token:e2e admin (as ${tag}.csv)`);
    await expect(entry.getByRole("link", { name: "Open the upload" })).toHaveAttribute("href", `/uploads/${id}`);
    expect(await storedFileNames(page.request)).toEqual(before);

    // The same bytes with another default domain would be read differently: refused (409), saying what to do.
    const other = await apiUpload(page.request, `${tag}-domain.csv`, bytes, { defaultDomain: "other.e2e.test" });
    expect(other.status()).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: "duplicate-other-options", message: expect.stringMatching(/default domain: \(none\) → other\.e2e\.test.*delete that upload first/) } });
    expect(await storedFileNames(page.request)).toEqual(before);
  });

  test("files that cannot be read are refused with file, row, column and message, and nothing is stored", async ({ page }) => {
    const tag = uid("bad");
    // Hostile names and headers must show as text, never as markup.
    const unknownHeaders = `${tag}-<img src=x onerror=window.__xss=1>.csv`;
    const truncated = `${tag}-cut-short.json`;
    // A collector report cut short, as a failed copy leaves it.
    const report = readFileSync("lib/ingest/collector/fixtures/server2022-ready.json", "utf8");
    const cutShort = report.slice(0, Math.floor(report.length / 2));
    await page.goto("/uploads");
    // Two files at once, dropped on the drop zone.
    const dataTransfer = await page.evaluateHandle(
      (files) => {
        const transfer = new DataTransfer();
        for (const file of files) transfer.items.add(new File([file.text], file.name, { type: file.type }));
        return transfer;
      },
      [
        { name: unknownHeaders, type: "text/csv", text: "<b>Colour</b>,Flavour\r\nred,sweet\r\n" },
        { name: truncated, type: "application/json", text: cutShort },
      ],
    );
    await page.getByRole("button", { name: /Drop exports here/ }).dispatchEvent("drop", { dataTransfer });

    const csvEntry = entryFor(page, unknownHeaders);
    await expect(csvEntry.getByRole("status")).toHaveText("Refused — nothing stored");
    await expect(csvEntry.getByRole("alert")).toContainText("No column identifies the host");
    const csvIssues = csvEntry.getByRole("table", { name: `Why ${unknownHeaders} was refused` });
    const csvIssue = csvIssues.getByRole("row").nth(1).getByRole("cell");
    await expect(csvIssue.nth(0)).toHaveText(unknownHeaders);
    await expect(csvIssue.nth(1)).toHaveText("whole file");
    await expect(csvIssue.nth(3)).toContainText('Headers found: "<b>Colour</b>", "Flavour"');
    await expect(csvEntry.getByRole("heading", { level: 3 })).toHaveText(unknownHeaders);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(csvEntry.locator("img")).toHaveCount(0);
    await expect(csvIssue.nth(4)).toHaveText(/Error/);
    // The mapping step is offered for the CSV.
    await expect(csvEntry.getByRole("group", { name: "Map the columns" })).toBeVisible();

    const jsonEntry = entryFor(page, truncated);
    await expect(jsonEntry.getByRole("status")).toHaveText("Refused — nothing stored");
    const jsonIssue = jsonEntry.getByRole("table", { name: `Why ${truncated} was refused` }).getByRole("row").nth(1).getByRole("cell");
    await expect(jsonIssue.nth(0)).toHaveText(truncated);
    await expect(jsonIssue.nth(1)).toHaveText("whole file");
    await expect(jsonIssue.nth(3)).toContainText(/JSON/);
    await expect(jsonEntry.getByRole("alert")).toContainText(/JSON/);
    await expect(jsonEntry.getByRole("button", { name: "Commit", exact: true })).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/uploads-refused.png`, fullPage: true });

    const stored = await storedFileNames(page.request);
    expect(stored).not.toContain(unknownHeaders);
    expect(stored).not.toContain(truncated);
  });

  test("a file with rows without a host name is refused until 'commit only the valid records' is ticked", async ({ page }) => {
    const tag = uid("part");
    const fileName = `${tag}.csv`;
    const bytes = inventoryCsv(`${tag}.e2e.test`, [`${tag}-ok`], [
      `,${tag}.e2e.test,Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449`,
      `,${tag}.e2e.test,Microsoft Windows Server 2019 Standard,10.0.17763.5696,16,528449`,
    ]);
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, bytes));
    const entry = entryFor(page, fileName);
    await expect(entry.getByRole("status")).toHaveText("Dry run: 2 records rejected");
    await expectCounts(entry, `Dry-run counts for ${fileName}`, { records: 3, accepted: 1, rejected: 2, servers: 1 });
    const issues = entry.getByRole("table", { name: `Issues found in ${fileName}` });
    const hostIssue = issues.getByRole("row").filter({ hasText: "Host Name" }).first().getByRole("cell");
    await expect(hostIssue.nth(0)).toHaveText(fileName);
    await expect(hostIssue.nth(1)).toHaveText("3");
    await expect(hostIssue.nth(2)).toHaveText("Host Name");
    await expect(hostIssue.nth(3)).toContainText("The host name is empty");
    await expect(hostIssue.nth(4)).toHaveText(/Error/);
    await expect(issues.getByRole("row").filter({ hasText: "Host Name" }).nth(1)).toContainText("4");

    await entry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(entry.getByRole("status")).toHaveText("Not committed — nothing stored");
    await expect(entry.getByRole("alert")).toContainText("2 of 3 records");
    expect(await storedFileNames(page.request)).not.toContain(fileName);

    await entry.getByLabel("Commit only the 1 valid record", { exact: false }).check();
    await entry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(entry.getByRole("status")).toHaveText("Committed");
    await expectCounts(entry, `Counts for ${fileName}`, { records: 3, accepted: 1, rejected: 2, servers: 1 });
    await expect(listRow(page, fileName).getByRole("cell").nth(6)).toHaveText("2");
  });

  test("one unreadable cell is a warning: the row is kept, committed with that fact unknown; 'RemoteSigned ' with spaces is read", async ({ page }) => {
    const tag = uid("cell");
    const fileName = `${tag}.csv`;
    const domain = `${tag}.e2e.test`;
    const bytes = Buffer.from(
      [
        `${INVENTORY_HEADER},Execution Policy`,
        `${tag}-a,${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449,"RemoteSigned "`,
        `${tag}-b,${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,lots,528449," remotesigned"`,
      ].join("\r\n") + "\r\n",
    );
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, bytes));
    const entry = entryFor(page, fileName);
    await expect(entry.getByRole("status")).toHaveText("Dry run: ready to commit");
    await expectCounts(entry, `Dry-run counts for ${fileName}`, { records: 2, accepted: 2, rejected: 0, servers: 2 });
    const issues = entry.getByRole("table", { name: `Issues found in ${fileName}` });
    await expect(issues.getByRole("row")).toHaveCount(2); // the header and the one warning: the execution policies are read
    const warning = issues.getByRole("row").filter({ hasText: "RAM (GB)" }).getByRole("cell");
    await expect(warning.nth(0)).toHaveText(fileName);
    await expect(warning.nth(1)).toHaveText("3");
    await expect(warning.nth(2)).toHaveText("RAM (GB)");
    await expect(warning.nth(3)).toContainText('"lots": expected an amount of memory such as "16 GB"');
    await expect(warning.nth(3)).toContainText("this fact is unknown for the server; the rest of the row was kept");
    await expect(warning.nth(4)).toHaveText(/Warning/);
    await expect(entry.getByText(/Commit only the/)).toHaveCount(0);
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/uploads-cell-warning-light.png` });

    await entry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(entry.getByRole("status")).toHaveText("Committed");
    await expectCounts(entry, `Counts for ${fileName}`, { records: 2, accepted: 2, rejected: 0, servers: 2 });
    const server = await page.request.get(`/api/servers/${encodeURIComponent(`${tag}-b.${domain}`)}`, { headers: authorization() });
    expect(server.status()).toBe(200);
    const { results } = (await server.json()) as { results: { ruleId: string; status: string }[] };
    const status = (ruleId: string) => results.find((result) => result.ruleId === ruleId)?.status;
    expect(status("host-memory"), "RAM is unknown, not guessed").toBe("unknown");
    expect(status("host-execution-policy"), "' remotesigned' is RemoteSigned").toBe("pass");
    expect(status("host-dotnet-version"), "the rest of the row was read").toBe("pass");

    await setTheme(page, "dark");
    await page.getByLabel("Files to upload").setInputFiles(csv(`${tag}-dark.csv`, Buffer.concat([bytes, Buffer.from(`${tag}-c,${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,lots,528449,Bypass\r\n`)])));
    const dark = entryFor(page, `${tag}-dark.csv`);
    await expect(dark.getByRole("status")).toHaveText("Dry run: ready to commit");
    await dark.screenshot({ path: `${SCREENSHOT_DIR}/uploads-cell-warning-dark.png` });
  });

  test("unknown CSV headers are mapped to fields, the mapping is saved, and the server appears", async ({ page }) => {
    const tag = uid("map");
    const mappingName = `CMDB ${tag}`;
    const fileName = `${tag}.csv`;
    const host = `${tag}-a.${tag}.e2e.test`;
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, Buffer.from(`Asset;Box RAM MB;Role\r\n${host};32768;MemberServer\r\n`)));
    const entry = entryFor(page, fileName);
    await expect(entry.getByRole("status")).toHaveText("Refused — nothing stored");
    const step = entry.getByRole("group", { name: "Map the columns" });
    await expect(step.getByRole("table", { name: `Columns of ${fileName} and the field each one fills` })).toBeVisible();
    await expect(step).toContainText("No column identifies the host yet");
    await step.getByLabel("Asset", { exact: true }).selectOption("hostName");
    await step.getByLabel("Box RAM MB", { exact: true }).selectOption("memory");
    await step.getByLabel("Role", { exact: true }).selectOption("domainRole");
    await expect(step).toContainText("A column identifies the host");
    await step.getByLabel("Save this mapping when committing").check();
    await step.getByLabel("Mapping name").fill(mappingName);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/uploads-mapping.png`, fullPage: true });

    await entry.getByRole("button", { name: "Check again" }).click();
    await expect(entry.getByRole("status")).toHaveText("Dry run: ready to commit");
    await expectCounts(entry, `Dry-run counts for ${fileName}`, { records: 1, accepted: 1, rejected: 0, servers: 1 });
    await entry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(entry.getByRole("status")).toHaveText("Committed");
    await entry.getByRole("link", { name: "Open the upload" }).click();
    await expect(page.getByRole("list", { name: "Servers in this upload" })).toContainText(host);

    // The saved mapping is offered for the next file with the same headers.
    await page.goto("/uploads");
    const next = `${tag}-next.csv`;
    await page.getByLabel("Files to upload").setInputFiles(csv(next, Buffer.from(`Asset;Box RAM MB;Role\r\n${tag}-b.${tag}.e2e.test;16384;MemberServer\r\n`)));
    const nextEntry = entryFor(page, next);
    await expect(nextEntry.getByRole("status")).toHaveText("Refused — nothing stored");
    await nextEntry.getByLabel("Start from a saved mapping").selectOption(mappingName);
    await expect(nextEntry.getByLabel("Asset", { exact: true })).toHaveValue("hostName");
    await nextEntry.getByRole("button", { name: "Check again" }).click();
    await expect(nextEntry.getByRole("status")).toHaveText("Dry run: ready to commit");
  });

  test("a gMSA ACL export without account and target asks for them", async ({ page }) => {
    const tag = uid("acl");
    const fileName = `${tag}-acl.csv`;
    const target = `DC=${tag},DC=e2e,DC=test`;
    // Get-Acl exported with numeric enums and no DN or account column (unique bytes through the group name).
    const acl = readFileSync("lib/ingest/fixtures/getacl-semicolon-numeric.csv", "utf8").replace("CORP\\Helpdesk", `CORP\\Helpdesk-${tag}`);
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, Buffer.from(acl)));
    const entry = entryFor(page, fileName);
    // The file's only $ trustee is the gMSA: the account is pre-filled from it and checked again at once;
    // the target is still missing.
    await expect(entry).toContainText("This ACL export needs the target DN");
    await expect(entry.getByRole("status")).toHaveText("Refused — nothing stored");
    await expect(entry.getByRole("alert")).toContainText("does not name the object");
    await expect(entry.getByLabel("gMSA account (required)")).toHaveValue("CORP\\provAgentgMSA$");
    await expect(entry.getByTestId("gmsa-prefilled")).toContainText("Pre-filled from the file: CORP\\provAgentgMSA$");
    await expect(entry.getByRole("group", { name: "Map the columns" })).toHaveCount(0);
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/uploads-gmsa-prefilled-light.png` });
    await setTheme(page, "dark");
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/uploads-gmsa-prefilled-dark.png` });
    await expectAccessible(page);
    await setTheme(page, "light");
    await entry.getByLabel("Target DN (required)").fill(target);
    await entry.getByRole("button", { name: "Check again" }).click();
    await expect(entry.getByRole("status")).toHaveText("Dry run: ready to commit");
    await expect(entry).toContainText("gMSA ACL");
    await expect(entry).toContainText("(getacl-csv)");
    await expectCounts(entry, `Dry-run counts for ${fileName}`, { records: 4, accepted: 4, rejected: 0, servers: 0 });
    await entry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(entry.getByRole("status")).toHaveText("Committed");
    await entry.getByRole("link", { name: "Open the upload" }).click();
    await expect(page.getByRole("list", { name: "Facts in this upload" })).toContainText(new RegExp(target, "i"));
  });

  test("an ACL export with several $ trustees pre-fills nothing and lists them to pick from", async ({ page }) => {
    const tag = uid("acl2");
    const fileName = `${tag}-acl.csv`;
    const header = '"DN","ActiveDirectoryRights","InheritanceType","ObjectType","InheritedObjectType","ObjectFlags","AccessControlType","IdentityReference","IsInherited","InheritanceFlags","PropagationFlags"';
    const ace = (who: string) => `"DC=${tag},DC=e2e,DC=test","GenericAll","None","00000000-0000-0000-0000-000000000000","00000000-0000-0000-0000-000000000000","None","Allow","${who}","False","None","None"`;
    const bytes = Buffer.from([header, ace(`CORP\\gmsa-${tag}$`), ace(`CORP\\SRV-${tag}$`), ace("CORP\\Domain Admins")].join("\r\n") + "\r\n");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, bytes));
    const entry = entryFor(page, fileName);
    await expect(entry.getByRole("status")).toHaveText("Refused — nothing stored");
    await expect(entry.getByLabel("gMSA account (required)")).toHaveValue("");
    const hint = entry.getByTestId("gmsa-candidates");
    await expect(hint).toContainText("include 2 gMSA or computer accounts ($), so none was pre-filled");
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/uploads-gmsa-candidates-dark.png` });
    await setTheme(page, "light");
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/uploads-gmsa-candidates-light.png` });
    await expectAccessible(page);
    await hint.getByRole("button", { name: `Use CORP\\gmsa-${tag}$ as the gMSA account` }).click();
    await expect(entry.getByLabel("gMSA account (required)")).toHaveValue(`CORP\\gmsa-${tag}$`);
    await entry.getByRole("button", { name: "Check again" }).click();
    await expect(entry.getByRole("status")).toHaveText("Dry run: ready to commit");
  });

  test("the format can be chosen when detection is not wanted, and the options are labelled", { tag: "@ui" }, async ({ page }) => {
    const tag = uid("fmt");
    const fileName = `${tag}.csv`;
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, inventoryCsv(`${tag}.e2e.test`, [`${tag}-a`])));
    const entry = entryFor(page, fileName);
    await expect(entry.getByRole("status")).toHaveText("Dry run: ready to commit");
    await entry.getByRole("button", { name: "Options" }).click();
    await entry.getByLabel("Expected kind").selectOption("gmsa-acl");
    await expect(entry.getByRole("status")).toHaveText("Options changed — check again");
    await expect(entry.getByRole("button", { name: "Commit", exact: true })).toBeDisabled();
    await entry.getByRole("button", { name: "Check again" }).click();
    await expect(entry.getByRole("alert")).toContainText("not gmsa-acl");
    await entry.getByLabel("Expected kind").selectOption("");
    await entry.getByLabel("Format", { exact: true }).selectOption("inventory-csv");
    await expect(entry.getByLabel("gMSA account")).toBeVisible();
    await expect(entry.getByLabel("Default DNS domain")).toBeVisible();
    await entry.getByRole("button", { name: "Check again" }).click();
    await expect(entry.getByRole("status")).toHaveText("Dry run: ready to commit");
  });

  test("an upload is deleted from its page after a confirmation", async ({ page }) => {
    const tag = uid("del");
    const fileName = `${tag}.csv`;
    const bytes = inventoryCsv(`${tag}.e2e.test`, [`${tag}-a`], [`,${tag}.e2e.test,Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449`]);
    const created = await apiUpload(page.request, fileName, bytes, { allowPartial: "true" });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    await page.goto(`/uploads/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Upload" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Provenance" })).toContainText(fileName);
    await expect(page.getByRole("region", { name: "Provenance" })).toContainText("API token “e2e admin”");
    await expectCounts(page.getByRole("region", { name: "Counts" }), "Counts", { records: 2, accepted: 1, rejected: 1, servers: 1 });
    const issue = page.getByRole("table", { name: `Issues found in ${fileName}` }).getByRole("row").nth(1).getByRole("cell");
    await expect(issue.nth(1)).toHaveText("3");
    await expect(issue.nth(2)).toHaveText("Host Name");
    await expect(page.getByRole("region", { name: "What it changed" })).toContainText("This upload re-evaluated 1 server: 1 new.");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/upload-detail.png`, fullPage: true });

    await page.getByRole("button", { name: "Delete this upload…" }).click();
    const confirm = page.getByRole("form", { name: "Confirm deletion" });
    await expect(confirm).toContainText("This cannot be undone");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toHaveCount(0);
    await page.getByRole("button", { name: "Delete this upload…" }).click();
    await page.getByRole("button", { name: "Yes, delete the upload" }).click();
    await expect(page).toHaveURL(/\/uploads\?deleted=1$/);
    await expect(page.getByRole("main").getByRole("status")).toContainText("The upload was deleted");
    expect((await page.request.get(`/api/uploads/${id}`)).status()).toBe(404);
    expect(await storedFileNames(page.request)).not.toContain(fileName);
  });

  test("the column-mapping step shows three sample values per column from the first rows, as inert text", { tag: "@ui" }, async ({ page }) => {
    const tag = uid("samp");
    const fileName = `${tag}.csv`;
    const rows = [
      "Asset;Box RAM MB;Role;Notes",
      `${tag}-a;32768;MemberServer;`,
      `${tag}-b;16384;MemberServer;"<b>not bold</b>"`,
      `${tag}-c;n/a;MemberServer;${"x".repeat(120)}`,
      `${tag}-d;8192;PrimaryDomainController;`,
    ];
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, Buffer.from(rows.join("\r\n") + "\r\n")));
    const entry = entryFor(page, fileName);
    const step = entry.getByRole("group", { name: "Map the columns" });
    await expect(step.getByRole("columnheader", { name: "Sample values" })).toBeVisible();
    const samples = (header: string) => step.getByRole("list", { name: `Sample values of ${header}` }).getByRole("listitem");
    await expect(samples("Asset")).toHaveText([`"${tag}-a"`, `"${tag}-b"`, `"${tag}-c"`]);
    await expect(samples("Box RAM MB")).toHaveText(['"32768"', '"16384"', '"8192"']); // "n/a" means no value
    await expect(samples("Role")).toHaveText(['"MemberServer"', '"PrimaryDomainController"']); // distinct values only
    await expect(samples("Notes")).toHaveText(['"<b>not bold</b>"', `"${"x".repeat(40)}…"`]);
    await expect(step.locator("b")).toHaveCount(0);
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await step.screenshot({ path: `${SCREENSHOT_DIR}/uploads-mapping-samples-light.png` });
    await expectAccessible(page);
    await setTheme(page, "dark");
    await expect(page.locator("html")).toHaveClass(/dark/);
    await step.screenshot({ path: `${SCREENSHOT_DIR}/uploads-mapping-samples-dark.png` });
    await expectAccessible(page);
  });

  test("the upload page shows what the upload changed: before → after per server, counts per transition, or that nothing changed", async ({ page }) => {
    const tag = uid("chg");
    const domain = `${tag}.e2e.test`;
    const row = (host: string, os: string) =>
      os === "2022" ? `${host},${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449` : `${host},${domain},Microsoft Windows Server 2012 R2 Standard,6.3.9600.21620,16,528449`;
    const send = async (name: string, rows: string[]) => {
      const response = await apiUpload(page.request, name, Buffer.from([INVENTORY_HEADER, ...rows].join("\r\n") + "\r\n"));
      expect(response.status(), name).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const verdict = async (host: string) => {
      const response = await page.request.get(`/api/servers/${encodeURIComponent(`${host}.${domain}`)}`, { headers: authorization() });
      return ((await response.json()) as { verdict: string }).verdict;
    };
    const LABEL: Record<string, string> = { ready: "Ready", "ready-with-conditions": "Ready with conditions", "not-ready": "Not ready", unknown: "Unknown" };
    await send(`${tag}-1.csv`, [row(`${tag}-a`, "2022"), row(`${tag}-b`, "2012")]);
    const before = { a: await verdict(`${tag}-a`), b: await verdict(`${tag}-b`) };
    // a moves to an unsupported OS, b is upgraded, c is new.
    const second = await send(`${tag}-2.csv`, [row(`${tag}-a`, "2012"), row(`${tag}-b`, "2022"), row(`${tag}-c`, "2022")]);
    const after = { a: await verdict(`${tag}-a`), b: await verdict(`${tag}-b`), c: await verdict(`${tag}-c`) };
    expect(before.a).not.toBe(after.a);
    expect(before.b).not.toBe(after.b);

    await page.goto(`/uploads/${second}`);
    const region = page.getByRole("region", { name: "What it changed" });
    await expect(region).toContainText("This upload re-evaluated 3 servers: 2 changed verdict (1 worse, 1 better), 1 new.");
    const servers = region.getByRole("table", { name: /Servers whose verdict changed with this upload/ });
    const serverRow = (host: string) => servers.getByRole("row").filter({ has: page.getByRole("link", { name: `${host}.${domain}`, exact: true }) });
    await expect(servers.getByRole("row")).toHaveCount(4);
    await expect(servers.getByRole("row").nth(1)).toContainText(`${tag}-a.${domain}`); // worse first
    // Each verdict badge is an icon (hidden from screen readers) and the label; the arrow is read as "changed to".
    const pair = (from: string, words: string, to: string) => new RegExp(`^.?${from}→${words}.?${to}$`);
    await expect(serverRow(`${tag}-a`).getByRole("cell").first()).toHaveText(pair(LABEL[before.a], "changed to", LABEL[after.a]));
    await expect(serverRow(`${tag}-a`)).toContainText("host-os-supported: pass → fail");
    await expect(serverRow(`${tag}-b`).getByRole("cell").first()).toHaveText(pair(LABEL[before.b], "changed to", LABEL[after.b]));
    await expect(serverRow(`${tag}-c`).getByRole("cell").first()).toHaveText(pair("New server", "first evaluated as", LABEL[after.c]));
    const transitions = region.getByRole("table", { name: "Servers per verdict change" });
    await expect(transitions.getByRole("row")).toHaveCount(4);
    await expect(region.getByRole("link", { name: "The same changes in the changes report" })).toHaveAttribute("href", /^\/reports\/changes\?from=/);
    await page.addStyleTag({ content: UNSTICK_HEADER });
    await region.screenshot({ path: `${SCREENSHOT_DIR}/upload-changes-light.png` });
    await expectAccessible(page);
    await setTheme(page, "dark");
    await region.screenshot({ path: `${SCREENSHOT_DIR}/upload-changes-dark.png` });
    await expectAccessible(page);
    await setTheme(page, "light");

    // The same facts again (other bytes: the rows in another order): nothing changed, said plainly.
    const third = await send(`${tag}-3.csv`, [row(`${tag}-c`, "2022"), row(`${tag}-b`, "2022"), row(`${tag}-a`, "2012")]);
    await page.goto(`/uploads/${third}`);
    await expect(page.getByRole("region", { name: "What it changed" })).toContainText("Nothing changed: the 3 servers this upload re-evaluated kept their verdict.");
  });

  test("the upload panel works in the dark theme", { tag: "@ui" }, async ({ page }) => {
    const tag = uid("dark");
    const fileName = `${tag}.csv`;
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/uploads");
    await expect(page.locator("html")).toHaveClass(/dark/);
    const bytes = inventoryCsv(`${tag}.e2e.test`, [`${tag}-a`], [`,${tag}.e2e.test,Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449`]);
    await page.getByLabel("Files to upload").setInputFiles(csv(fileName, bytes));
    await expect(entryFor(page, fileName).getByRole("status")).toHaveText("Dry run: 1 record rejected");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/uploads-preview-dark.png`, fullPage: true });
  });
});

test.describe("uploads as a viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("a viewer sees the list and the collector but no upload panel or delete button", async ({ page, request }) => {
    const tag = uid("view");
    const fileName = `${tag}.csv`;
    const created = await apiUpload(request, fileName, inventoryCsv(`${tag}.e2e.test`, [`${tag}-a`]));
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    await page.goto("/uploads");
    await expect(listRow(page, fileName)).toHaveCount(1);
    await expect(page.getByRole("heading", { name: "Upload exports" })).toHaveCount(0);
    await expect(page.getByLabel("Files to upload")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Download the collector (.ps1)" })).toHaveAttribute("href", "/collector");
    await expect(page.getByRole("region", { name: "Collect with the read-only script" })).toContainText("Get-CloudSyncReadiness.ps1 -Cloud Public");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/uploads-viewer.png`, fullPage: true });

    await listRow(page, fileName).getByRole("link", { name: fileName }).click();
    await expect(page).toHaveURL(new RegExp(`/uploads/${id}$`));
    await expect(page.getByRole("region", { name: "Provenance" })).toContainText(fileName);
    await expect(page.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  });
});

test.describe("uploads through the API", () => {
  test("POST multipart with a bearer token answers 201 with the documented body; GET lists it", async ({ request }) => {
    const tag = uid("api");
    const domain = `${tag}.e2e.test`;
    const report = readFileSync("lib/ingest/collector/fixtures/server2022-ready.json", "utf8")
      .replaceAll("SYNC01", tag.toUpperCase())
      .replaceAll("corp.contoso.com", domain)
      .replaceAll("DC=corp,DC=contoso,DC=com", `DC=${tag},DC=e2e,DC=test`)
      .replace(/"objectGuid":\s*"[^"]+"/, `"objectGuid": "${crypto.randomUUID()}"`);
    const file = { name: `${tag}.cloudsync-readiness.json`, mimeType: "application/json", buffer: Buffer.from(report) };

    const dryRun = await request.post("/api/uploads", { headers: authorization(), multipart: { dryRun: "true", file } });
    expect(dryRun.status()).toBe(201);
    expect(await dryRun.json()).toMatchObject({ id: null, kind: "host-inventory", format: "collector-json", status: "dry-run" });

    const response = await request.post("/api/uploads", { headers: authorization(), multipart: { file } });
    expect(response.status()).toBe(201);
    const body = await response.json();
    expect(body).toEqual({
      id: expect.any(String),
      kind: "host-inventory",
      format: "collector-json",
      status: "committed",
      counts: { records: 1, accepted: 1, rejected: 0, servers: 1 },
      issues: expect.any(Array),
    });

    const list = await request.get("/api/uploads", { headers: authorization() });
    expect(list.status()).toBe(200);
    const listed = (await list.json()) as { total: number; uploads: { id: string; fileName: string; producerVersion: string | null; uploadedBy: string }[] };
    expect(listed.uploads.find((upload) => upload.id === body.id)).toMatchObject({ fileName: file.name, producerVersion: "1.0.0", uploadedBy: "token:e2e admin" });

    const refused = await request.post("/api/uploads", { headers: authorization(), multipart: { file: csv(`${tag}-bad.csv`, Buffer.from("Colour,Flavour\nred,sweet\n")) } });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "bad-input", message: expect.stringContaining("No column identifies the host"), issues: [expect.objectContaining({ severity: "error" })] } });
  });
});

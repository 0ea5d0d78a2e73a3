import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import { expect, type Page, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";

// Archives and workbooks (issue "archives and Excel uploads"): a ZIP of exports is previewed entry by entry, committed
// as one upload whose page lists its files; a ZIP with one unreadable entry is refused whole, naming the entry; an
// .xlsx inventory goes through the API with a chosen sheet. Entry names are hostile on purpose: shown as text only.
// The e2e database is shared by every spec of a run: each test uses its own host names and domain.

const RUN = Date.now().toString(36);
let counter = 0;
const uid = (prefix: string) => `${prefix}-${RUN}-${++counter}`;

const HEADER = "Host Name,Domain,Operating System,OS Version,RAM (GB),.NET Release";
const inventory = (domain: string, hosts: readonly string[]) =>
  [HEADER, ...hosts.map((h) => `${h},${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449`)].join("\r\n") + "\r\n";

function zipOf(files: Record<string, string>): Buffer {
  const zip = new AdmZip();
  for (const [name, text] of Object.entries(files)) zip.addFile(name, Buffer.from(text, "utf8"));
  return zip.toBuffer();
}

const UNSTICK_HEADER = "body > div > header { position: static !important; }";
const entryFor = (page: Page, fileName: string) => page.getByRole("region", { name: fileName, exact: true });
const authorization = () => ({ Authorization: `Bearer ${tokenFor("admin")}` });

test.describe("archive and workbook uploads as an admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("a ZIP of exports is previewed file by file, committed as one upload, and its page lists the files", async ({ page }) => {
    const tag = uid("zip");
    const domain = `${tag}.e2e.test`;
    const hostile = `exports/<img src=x onerror=window.__xss=1>-${tag}.csv`;
    const fileName = `${tag}.zip`;
    const bytes = zipOf({
      "exports/": "",
      [`exports/a-${tag}.csv`]: inventory(domain, [`${tag}-a`, `${tag}-b`]),
      [hostile]: inventory(domain, [`${tag}-c`]),
      "exports/Thumbs.db": "x",
    });
    await page.goto("/uploads");
    await expect(page.getByLabel("Files to upload")).toHaveAttribute("accept", /\.zip/);
    await page.getByLabel("Files to upload").setInputFiles({ name: fileName, mimeType: "application/zip", buffer: bytes });

    const entry = entryFor(page, fileName);
    await expect(entry.getByRole("status")).toHaveText("Dry run: ready to commit");
    await expect(entry).toContainText("ZIP archive: 2 files read");
    const files = entry.getByRole("region", { name: `Files found in ${fileName}` });
    await expect(files.getByRole("row")).toHaveCount(3);
    await expect(files).toContainText(`exports/a-${tag}.csv`);
    await expect(files).toContainText(hostile);
    await expect(entry.locator("img")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(entry).toContainText("Thumbs.db (Windows metadata)");

    await entry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(entry.getByRole("status")).toHaveText("Committed");
    await expect(entry).toContainText("3 records stored");
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/uploads-archive-committed.png`, style: UNSTICK_HEADER });

    await entry.getByRole("link", { name: "Open the upload" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Upload" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Provenance" })).toContainText("ZIP archive, 2 files read");
    const table = page.getByRole("table", { name: new RegExp(`^Files read from ${fileName}`) });
    await expect(table.getByRole("row")).toHaveCount(3);
    // adm-zip writes entries sorted by name, so the hostile name's row is found by its text, not by its position.
    await expect(table.getByRole("row").filter({ hasText: hostile })).toHaveCount(1);
    await expect(page.locator("img")).toHaveCount(0);
    await expect(page.getByRole("list", { name: "Servers in this upload" })).toContainText(`${tag}-c.${domain}`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/upload-archive-page.png`, fullPage: true });
  });

  test("a ZIP with one unreadable file is refused whole, naming the file, and nothing is stored", async ({ page }) => {
    const tag = uid("zipbad");
    const fileName = `${tag}.zip`;
    const bytes = zipOf({ [`a-${tag}.csv`]: inventory(`${tag}.e2e.test`, [`${tag}-a`]), "notes.txt": "just some words\r\n" });
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles({ name: fileName, mimeType: "application/zip", buffer: bytes });
    const entry = entryFor(page, fileName);
    await expect(entry.getByRole("status")).toHaveText("Refused — nothing stored");
    const issue = entry.getByRole("table", { name: `Why ${fileName} was refused` }).getByRole("row").nth(1).getByRole("cell");
    await expect(issue.nth(0)).toHaveText(`${fileName} › notes.txt`);
    await expect(issue.nth(3)).toContainText("format was not recognised");
    const response = await page.request.get("/api/uploads?pageSize=500", { headers: authorization() });
    const body = (await response.json()) as { uploads: { fileName: string }[] };
    expect(body.uploads.map((u) => u.fileName)).not.toContain(fileName);
  });

  test("an .xlsx inventory goes through the API with a chosen sheet; its entries are listed", async ({ request }) => {
    const tag = uid("xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["not the inventory"]);
    const sheet = wb.addWorksheet("Servers");
    sheet.addRow([`Inventory ${tag}`]);
    sheet.addRow(HEADER.split(","));
    sheet.addRow([`${tag}-x`, `${tag}.e2e.test`, "Microsoft Windows Server 2022 Standard", "10.0.20348.2402", 16, 528449]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = await request.post("/api/uploads", {
      headers: authorization(),
      multipart: { sheet: "Servers", file: { name: `${tag}.xlsx`, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer } },
    });
    expect(upload.status()).toBe(201);
    const result = (await upload.json()) as { id: string; format: string; counts: { accepted: number }; archive: { container: string; entries: { name: string }[] } };
    expect(result).toMatchObject({ format: "inventory-xlsx", counts: { accepted: 1 }, archive: { container: "xlsx", entries: [{ name: "Servers" }] } });
    const entries = await request.get(`/api/uploads/${result.id}/entries`, { headers: authorization() });
    expect(entries.status()).toBe(200);
    expect(await entries.json()).toMatchObject({ container: "xlsx", total: 1, entries: [{ position: 1, name: "Servers", format: "inventory-xlsx", records: 1 }] });
  });
});

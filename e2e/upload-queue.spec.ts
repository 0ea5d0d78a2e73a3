import { expect, type Page, test } from "@playwright/test";
import { SCREENSHOT_DIR, storageStatePath } from "./support/accounts";
import { tokenFor } from "./support/roles";

// Uploads run in the server's upload worker, one at a time (decision 017): the upload page follows each job's stage
// and a file sent while another is committing waits its turn with a "Queued" state. No test hook: the first file
// is large enough (20,000 servers) that its commit is still running when the second file is sent.

const RUN = Date.now().toString(36);
const HOSTS = 20_000;
const INVENTORY_HEADER = "Host Name,Domain,Operating System,OS Version,RAM (GB),.NET Release";

function inventoryCsv(domain: string, prefix: string, hosts: number): Buffer {
  const rows: string[] = [];
  for (let i = 1; i <= hosts; i++) rows.push(`${prefix}-${i},${domain},Microsoft Windows Server 2022 Standard,10.0.20348.2402,16,528449`);
  return Buffer.from([INVENTORY_HEADER, ...rows].join("\r\n") + "\r\n");
}

const csv = (name: string, buffer: Buffer) => ({ name, mimeType: "text/csv", buffer });
const entryFor = (page: Page, fileName: string) => page.getByRole("region", { name: fileName, exact: true });

test.describe("the upload queue on the upload page", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("shows the stages of a large commit, and a second file waits its turn as queued", async ({ page }) => {
    test.setTimeout(180_000);
    const big = `queue-big-${RUN}.csv`;
    const small = `queue-small-${RUN}.csv`;
    await page.goto("/uploads");
    await page.getByLabel("Files to upload").setInputFiles(csv(big, inventoryCsv(`queue-big-${RUN}.e2e.test`, `qb${RUN}`, HOSTS)));
    const bigEntry = entryFor(page, big);
    await expect(bigEntry.getByRole("status")).toHaveText("Dry run: ready to commit", { timeout: 60_000 });

    await bigEntry.getByRole("button", { name: "Commit", exact: true }).click();
    await expect(bigEntry.getByRole("status")).toHaveText(`Evaluating ${HOSTS.toLocaleString("en-US")} servers…`, { timeout: 60_000 });
    const bar = bigEntry.getByRole("progressbar", { name: `Upload of ${big}` });
    await expect(bar).toHaveAttribute("aria-valuenow", "65");

    // While the large commit runs, a second file: its dry run waits behind it.
    await page.getByLabel("Files to upload").setInputFiles(csv(small, inventoryCsv(`queue-small-${RUN}.e2e.test`, `qs${RUN}`, 2)));
    const smallEntry = entryFor(page, small);
    await expect(smallEntry.getByRole("status")).toHaveText("Dry run: Queued (1st in line)");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/uploads-queue.png`, fullPage: true, style: "body > div > header { position: static !important; }" });

    await expect(bigEntry.getByRole("status")).toHaveText("Committed", { timeout: 120_000 });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    await expect(bigEntry).toContainText(`${HOSTS.toLocaleString("en-US")} records stored; ${HOSTS.toLocaleString("en-US")} servers re-evaluated.`);
    await expect(smallEntry.getByRole("status")).toHaveText("Dry run: ready to commit", { timeout: 60_000 });

    // Leave the shared e2e database as the other specs expect it: the large upload goes again.
    const href = await bigEntry.getByRole("link", { name: "Open the upload" }).getAttribute("href");
    const id = decodeURIComponent(href?.split("/").at(-1) ?? "");
    const deleted = await page.request.delete(`/api/uploads/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${tokenFor("admin")}` }, timeout: 120_000 });
    expect(deleted.status()).toBe(204);
  });
});

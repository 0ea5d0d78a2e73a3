import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS } from "../archive";
import { cellText, excelDateText } from "./cell-text";
import { parseWorkbook } from "./parse-workbook";
import { readWorkbook, type WorkbookOptions } from "./read-workbook";
import { cellRef, findHeaderRow, sheetToCsv } from "./sheet-table";

// Workbooks are built here with exceljs from the documented inventory columns (docs/formats.md, inventory CSV).
async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function read(bytes: Uint8Array, options: WorkbookOptions = {}) {
  const result = await readWorkbook(bytes, "servers.xlsx", DEFAULT_ARCHIVE_LIMITS, options);
  if (!result.ok) throw new Error(result.message);
  return result;
}

const HEADER = ["Host Name", "Operating System", "OS Version", "RAM (GB)", ".NET Release", "Domain", "Tier0", "Last Seen"];

describe("reading a workbook's sheet as an inventory", () => {
  it("reads typed cells as values, finds the header under a title, and keeps Excel's row numbers", async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("Servers");
      ws.getCell("A1").value = "Server inventory (exported from the CMDB)";
      ws.addRow([]);
      ws.getRow(3).values = HEADER;
      ws.getRow(4).values = ["SYNC01", "Microsoft Windows Server 2022 Datacenter", "10.0.20348.2402", 16, 528449, "corp.contoso.com", true, new Date(Date.UTC(2026, 10, 2, 8, 30))];
      ws.getRow(5).values = [
        { richText: [{ text: "SYNC" }, { text: "02", font: { bold: true } }] },
        "Microsoft Windows Server 2019 Standard",
        "10.0.17763.5696",
        { formula: "4*2", result: 8 },
        461814,
        { text: "corp.contoso.com", hyperlink: "https://corp.contoso.com" },
        false,
        new Date(Date.UTC(2026, 10, 1)),
      ];
      ws.getRow(7).values = ["SYNC03", "Microsoft Windows Server 2016 Datacenter", "10.0.14393.6897", "lots", 394802, "corp.contoso.com", "no", { error: "#N/A" }];
      ws.getRow(8).values = ["", "Microsoft Windows Server 2016 Datacenter", "10.0.14393.6897", 8, 394802, "corp.contoso.com", "no", ""];
    });
    const sheet = await read(bytes);
    expect(sheet).toMatchObject({ sheetName: "Servers", headerRow: 3 });
    expect(sheet.warnings.join(" ")).toMatch(/Rows 1–2 of "Servers" are above the header row \(row 3\)/);
    expect(sheet.warnings.join(" ")).toMatch(/Excel error .*: H7/);

    const parsed = parseWorkbook(sheet, "servers.xlsx", {});
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { result } = parsed;
    expect(result).toMatchObject({ kind: "host-inventory", format: "inventory-xlsx", records: 4, rejected: 1 });
    expect(result.hosts.map((h) => [h.row, h.facts.identity?.fqdn, h.facts.memory?.totalPhysicalBytes])).toEqual([
      [4, "sync01.corp.contoso.com", 16 * 1024 ** 3],
      [5, "sync02.corp.contoso.com", 8 * 1024 ** 3],
      [7, "sync03.corp.contoso.com", undefined],
    ]);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ file: "servers.xlsx › Servers", row: 7, column: "RAM (GB)", severity: "warning", message: expect.stringMatching(/^"lots": expected an amount of memory.*unknown/) }),
    );
    expect(result.issues).toContainEqual(expect.objectContaining({ file: "servers.xlsx › Servers", row: 8, column: "Host Name", severity: "error" }));
  });

  it("chooses the sheet by name or 1-based position, defaulting to the first visible one", async () => {
    const bytes = await workbook((wb) => {
      const hidden = wb.addWorksheet("Notes", { state: "hidden" });
      hidden.addRow(["just notes"]);
      wb.addWorksheet("Lab").addRows([["Host Name", "Domain"], ["LAB01", "lab.contoso.com"]]);
      wb.addWorksheet("Prod").addRows([["Host Name", "Domain"], ["PRD01", "corp.contoso.com"], ["PRD02", "corp.contoso.com"]]);
    });
    expect((await read(bytes)).sheetName).toBe("Lab");
    expect((await read(bytes, { sheet: "prod" })).sheetName).toBe("Prod");
    expect((await read(bytes, { sheet: "3" })).sheetName).toBe("Prod");
    const hidden = await read(bytes, { sheet: "1" });
    expect(hidden.warnings.join(" ")).toMatch(/"Notes" is hidden/);
    const missing = await readWorkbook(bytes, "servers.xlsx", DEFAULT_ARCHIVE_LIMITS, { sheet: "Staging" });
    expect(missing).toEqual({ ok: false, message: 'servers.xlsx: there is no sheet named "Staging"; the sheets are 1. "Notes", 2. "Lab", 3. "Prod".' });
  });

  it("applies a saved column mapping to find and read the header", async () => {
    const bytes = await workbook((wb) => wb.addWorksheet("Assets").addRows([["Asset", "Zone"], ["SRV01", "corp.contoso.com"]]));
    const mapping = { Asset: "hostName", Zone: "domain" };
    const sheet = await read(bytes, { columnMapping: mapping });
    const parsed = parseWorkbook(sheet, "assets.xlsx", { columnMapping: mapping });
    expect(parsed.ok && parsed.result.hosts[0]?.facts.identity?.fqdn).toBe("srv01.corp.contoso.com");
  });

  it("refuses a workbook whose parts break the archive guards before exceljs sees it", async () => {
    const bytes = await workbook((wb) => wb.addWorksheet("S").addRows(Array.from({ length: 2000 }, () => ["SRV", "x".repeat(200)])));
    const refused = await readWorkbook(bytes, "big.xlsx", { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: 64 * 1024 });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/^big\.xlsx › xl\/.* more than the 64 KB allowed for one file inside an archive/);
  });

  it("refuses a ZIP that holds no workbook", async () => {
    const AdmZip = (await import("adm-zip")).default;
    const zip = new AdmZip();
    zip.addFile("a.csv", Buffer.from("Host Name\nX\n"));
    const result = await readWorkbook(new Uint8Array(zip.toBuffer()), "fake.xlsx", DEFAULT_ARCHIVE_LIMITS);
    expect(result).toEqual({ ok: false, message: "fake.xlsx is a ZIP without a workbook in it (no xl/workbook.xml): not an Excel .xlsx file." });
  });
});

describe("cells and rows", () => {
  it("turns cell values into text the inventory parser reads", () => {
    expect(cellText(0.1 + 0.2)).toEqual({ text: "0.3" });
    expect(cellText(true)).toEqual({ text: "TRUE" });
    expect(cellText({ sharedFormula: "A1", result: "x" })).toEqual({ text: "x" });
    expect(cellText({ formula: "A1" })).toEqual({ text: "", problem: "no-result" });
    expect(excelDateText(new Date(Date.UTC(2026, 0, 5, 7, 3, 9)))).toBe("2026-01-05T07:03:09");
  });

  it("writes one CSV line per sheet row, quoting what needs it", () => {
    const rows = new Map([
      [2, ["Host Name", "Notes"]],
      [4, ["A", 'say "hi", then\nleave']],
    ]);
    expect(findHeaderRow(rows)).toBe(2);
    expect(sheetToCsv(rows, 2)).toBe('\nHost Name,Notes\n\nA,"say ""hi"", then leave"\n');
    expect(cellRef(12, 28)).toBe("AB12");
  });
});

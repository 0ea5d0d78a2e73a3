import ExcelJS from "exceljs";
import { listZip } from "../archive/read-zip";
import { escapeEntryName } from "../archive/entry-name";
import type { ArchiveLimits } from "../archive/types";
import { cellText } from "./cell-text";
import { cellRef, findHeaderRow, sheetToCsv } from "./sheet-table";
import { tooManyColumnsMessage } from "../csv/read-csv";
import { MAX_COLUMNS } from "../limits";
import { listSome } from "../text/display";


/**
 * An .xlsx / .xlsm workbook -> the chosen sheet as CSV text (one line per sheet row; see sheet-table.ts), read with
 * exceljs (decision 013). The workbook is a ZIP: every part is first inflated under the archive guards (entry count,
 * sizes counted while inflating, ratios, CRC), and only then handed to exceljs. Macros are never run: only the cell
 * values saved in the file (formula results as last calculated) are read. Binary workbooks (.xlsb) are refused.
 */

export interface WorkbookOptions {
  /** Sheet name (case-insensitive) or 1-based position among the workbook's sheets; default: the first visible one. */
  sheet?: string;
  columnMapping?: Record<string, string>;
}

export type WorkbookRead =
  | { ok: true; sheetName: string; headerRow: number; csv: string; warnings: string[] }
  | { ok: false; message: string };

function refs(list: readonly string[]): string {
  return listSome(list);
}

export async function readWorkbook(bytes: Uint8Array, fileName: string, limits: ArchiveLimits, options: WorkbookOptions = {}): Promise<WorkbookRead> {
  const listing = listZip(bytes, fileName, limits);
  if (!listing.ok) return listing;
  const names = new Set(listing.files.map((f) => f.raw.toLowerCase()));
  if (names.has("xl/workbook.bin")) {
    return { ok: false, message: `${fileName} is a binary Excel workbook (.xlsb), which is not read. In Excel use File > Save As > "Excel Workbook (*.xlsx)" or "CSV UTF-8".` };
  }
  if (!names.has("xl/workbook.xml")) {
    return { ok: false, message: `${fileName} is a ZIP without a workbook in it (no xl/workbook.xml): not an Excel .xlsx file.` };
  }
  for (const file of listing.files) {
    const read = file.entry.read();
    if (!read.ok) return { ok: false, message: read.message };
  }
  const warnings: string[] = [];
  if (names.has("xl/vbaproject.bin")) warnings.push(`${fileName} contains macros; they were not run. Only the cell values saved in the file were read.`);

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${fileName} could not be read as an Excel workbook (${text.slice(0, 200)}). Open it in Excel, save it as .xlsx again, and upload it again.` };
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) return { ok: false, message: `${fileName} has no worksheets.` };
  const sheet = pickSheet(sheets, options.sheet);
  if (typeof sheet === "string") return { ok: false, message: `${fileName}: ${sheet}` };
  if (sheet.state !== undefined && sheet.state !== "visible") warnings.push(`The sheet "${escapeEntryName(sheet.name)}" is hidden in the workbook; it was read because it was chosen.`);

  const rows = new Map<number, string[]>();
  const errorCells: string[] = [];
  const noResult: string[] = [];
  let tooWide: { row: number; columns: number } | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // Refused before any per-column work (see MAX_COLUMNS); cellCount is the row's last used column.
    if (tooWide !== undefined) return;
    if (row.cellCount > MAX_COLUMNS) {
      tooWide = { row: rowNumber, columns: row.cellCount };
      return;
    }
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const { text, problem } = cellText(cell.value);
      cells[column - 1] = text;
      if (problem === "error") errorCells.push(cellRef(rowNumber, column));
      else if (problem === "no-result") noResult.push(cellRef(rowNumber, column));
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= "";
    rows.set(rowNumber, cells);
  });
  const name = escapeEntryName(sheet.name);
  if (tooWide !== undefined) return { ok: false, message: `${fileName} › ${name}: ${tooManyColumnsMessage(tooWide.row, tooWide.columns, MAX_COLUMNS)}` };
  const headerRow = findHeaderRow(rows, options.columnMapping);
  if (headerRow === undefined) return { ok: false, message: `${fileName}: the sheet "${name}" is empty.` };
  let first = headerRow;
  for (const n of rows.keys()) if (n < first) first = n; // not Math.min(...): a sheet may have a million rows
  if (headerRow > first) warnings.push(`Rows ${first}–${headerRow - 1} of "${name}" are above the header row (row ${headerRow}) and were not read.`);
  if (errorCells.length > 0) warnings.push(`Cells holding an Excel error (#N/A, #REF!…) were read as empty: ${refs(errorCells)}.`);
  if (noResult.length > 0) warnings.push(`Formulas without a saved result were read as empty (open and save the workbook in Excel to calculate them): ${refs(noResult)}.`);
  return { ok: true, sheetName: name, headerRow, csv: sheetToCsv(rows, headerRow), warnings };
}

type Sheet = ExcelJS.Worksheet;

function pickSheet(sheets: Sheet[], wanted: string | undefined): Sheet | string {
  const list = () => listSome(sheets.map((s, i) => `${i + 1}. "${escapeEntryName(s.name)}"`));
  if (wanted === undefined || wanted.trim() === "") {
    return sheets.find((s) => s.state === undefined || s.state === "visible") ?? "every sheet is hidden; choose one with the sheet field (" + list() + ").";
  }
  const text = wanted.trim();
  if (/^\d+$/.test(text)) {
    const sheet = sheets[Number(text) - 1];
    return sheet ?? `there is no sheet number ${text}; the workbook has ${sheets.length}: ${list()}.`;
  }
  return sheets.find((s) => s.name.trim().toLowerCase() === text.toLowerCase()) ?? `there is no sheet named "${escapeEntryName(text)}"; the sheets are ${list()}.`;
}

import { resolveInventoryColumns } from "../formats/inventory-fields";

/**
 * A worksheet's cells -> CSV text with one line per sheet row, so the inventory CSV parser's line numbers are the
 * row numbers Excel shows. Rows above the detected header row are left blank (not read). Pure.
 */

/** Rows of cell texts by 1-based sheet row; a row's array is indexed by 0-based column. */
export type SheetRows = ReadonlyMap<number, readonly string[]>;

/** How far down the header row is looked for (title and note rows above a table are common in workbooks). */
export const HEADER_SCAN_ROWS = 30;

function nonEmpty(cells: readonly string[]): string[] {
  return cells.map((c) => c.trim()).filter((c) => c !== "");
}

/**
 * The header row: the first row (of the first HEADER_SCAN_ROWS) where a column names the host (by the inventory
 * aliases or the column mapping); else the first row with at least two filled cells; else the first non-empty row.
 */
export function findHeaderRow(rows: SheetRows, mapping?: Record<string, string>): number | undefined {
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  const scanned = numbers.filter((n) => n <= (numbers[0] ?? 0) + HEADER_SCAN_ROWS - 1);
  for (const n of scanned) {
    const cells = rows.get(n) ?? [];
    if (nonEmpty(cells).length === 0) continue;
    const { columns } = resolveInventoryColumns(cells.map((c) => c.trim()), mapping);
    if (columns.some((c) => c.field === "fqdn" || c.field === "hostName")) return n;
  }
  return scanned.find((n) => nonEmpty(rows.get(n) ?? []).length >= 2) ?? numbers.find((n) => nonEmpty(rows.get(n) ?? []).length > 0);
}

function csvField(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, " ");
  return /[",;\t]/.test(flat) || flat !== flat.trim() ? `"${flat.replace(/"/g, '""')}"` : flat;
}

/** CSV text (comma-delimited, LF) whose line N is sheet row N; rows before `headerRow` are blank. */
export function sheetToCsv(rows: SheetRows, headerRow: number): string {
  let last = headerRow;
  for (const n of rows.keys()) if (n > last) last = n; // not Math.max(...): a sheet may have a million rows
  const lines: string[] = new Array(last).fill("");
  for (const [n, cells] of rows) {
    if (n < headerRow) continue;
    let end = cells.length;
    while (end > 0 && (cells[end - 1] ?? "").trim() === "") end--;
    const line = cells.slice(0, end).map((c) => csvField(c ?? "")).join(",");
    // A row with text only in its first cell must still read as a record, not as a blank line.
    lines[n - 1] = end === 0 ? "" : line;
  }
  return lines.join("\n") + "\n";
}

/** "A1"-style reference of a 1-based row and column. */
export function cellRef(row: number, column: number): string {
  let letters = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

import { entryLabel } from "../archive/entry-name";
import { parseFile, type ParseFileResult } from "../parse-file";
import type { ParseIssue, ParseOptions } from "../types";
import type { WorkbookRead } from "./read-workbook";

/** The format id stored for a workbook upload (its rows go through the inventory-csv parser). */
export const INVENTORY_XLSX_FORMAT = "inventory-xlsx";

/**
 * The chosen sheet (already read by readWorkbook) through the inventory CSV parser: same header aliases, the saved
 * column mappings, the same value readers; issues name "file.xlsx › Sheet" and the row as Excel shows it.
 */
export function parseWorkbook(read: Extract<WorkbookRead, { ok: true }>, fileName: string, options: ParseOptions): ParseFileResult {
  const label = entryLabel(fileName, read.sheetName);
  const parsed = parseFile(new TextEncoder().encode(read.csv), label, options, "inventory-csv");
  const notes: ParseIssue[] = read.warnings.map((message) => ({ file: label, message, severity: "warning" }));
  if (parsed.ok) {
    return { ...parsed, result: { ...parsed.result, format: INVENTORY_XLSX_FORMAT, issues: [...notes, ...parsed.result.issues] } };
  }
  const result = parsed.result ? { ...parsed.result, format: INVENTORY_XLSX_FORMAT } : undefined;
  return { ...parsed, issues: [...parsed.issues, ...notes], ...(result ? { result } : {}) };
}

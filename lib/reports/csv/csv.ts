// CSV writing (RFC 4180) for the exports: pure, no I/O. The route handlers stream the rows this produces.
//
// - UTF-8 with a byte order mark, so Excel opens non-ASCII names ("SRV-MÜNCHEN-01", "東京") correctly.
// - CRLF line ends; a cell with a comma, quote, CR or LF is quoted and its quotes doubled.
// - Formula injection: a cell that starts with = + - @ TAB or CR would be read by Excel / LibreOffice as a
//   formula (uploaded text such as an owner or a tag comes from other people's files). Such a cell gets a
//   leading apostrophe ('), which spreadsheets show as text and do not evaluate (OWASP "CSV injection").
//   Numbers we write ourselves (e.g. -1) are not text and are left alone.

export const CSV_BOM = "\uFEFF";
export const CSV_EOL = "\r\n";

/** A value a cell can hold: text, a number, a boolean, a date, or nothing. */
export type CellValue = string | number | boolean | Date | null | undefined;

const INJECTION_PREFIXES = new Set(["=", "+", "-", "@", "\t", "\r"]);

/** Prefixes text that a spreadsheet would evaluate with an apostrophe. */
export function neutralizeFormula(text: string): string {
  return text.length > 0 && INJECTION_PREFIXES.has(text[0]!) ? `'${text}` : text;
}

/** Quotes a cell when it holds a comma, quote, CR or LF (RFC 4180). */
export function quoteCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One value as CSV text: dates as ISO 8601 (UTC), booleans as true/false, nothing as an empty cell. */
export function formatCell(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return quoteCell(neutralizeFormula(value));
}

/** One CSV line, with its CRLF. */
export function csvRow(values: readonly CellValue[]): string {
  return values.map(formatCell).join(",") + CSV_EOL;
}

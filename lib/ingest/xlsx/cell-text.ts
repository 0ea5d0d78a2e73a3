/**
 * An exceljs cell value -> the text a CSV export of the sheet would hold. Numbers, booleans and dates are written
 * the way the inventory parser reads them; formulas give their cached result (nothing is recalculated); rich text
 * and hyperlinks give their text. Pure.
 */

export type CellText = { text: string; problem?: "error" | "no-result" };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * Excel dates have no time zone; exceljs hands them over as the same wall-clock time in UTC. Written without a zone
 * ("2024-05-01" or "2024-05-01T08:30:00"), which the inventory parser reads as UTC and says so.
 */
export function excelDateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0) return day;
  return `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return "";
  // Excel stores 15 significant digits; trim binary noise such as 0.30000000000000004.
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

export function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return { text: numberText(value) };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { text: excelDateText(value) };
  if (typeof value !== "object") return { text: String(value) };
  const v = value as Record<string, unknown>;
  if ("error" in v) return { text: "", problem: "error" };
  if (Array.isArray(v.richText)) {
    return { text: v.richText.map((part: unknown) => (typeof part === "object" && part !== null && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : "")).join("") };
  }
  if ("formula" in v || "sharedFormula" in v) {
    if (v.result === undefined || v.result === null) return { text: "", problem: "no-result" };
    return cellText(v.result);
  }
  if ("hyperlink" in v || "text" in v) return cellText(v.text);
  return { text: "" };
}

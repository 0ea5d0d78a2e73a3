// Pure text helpers for report layouts (no React).

/** Cuts a value to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(value: string, max: number): string {
  const flat = value.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

// Approximate advance widths of DejaVu Sans Condensed, in em (slightly generous so estimates stay on the safe side).
const NARROW = new Set([..."iljI.,:;'|!()[]{}`"]);
const SEMI = new Set([..."frt-/\\ "]);
const WIDE = new Set([..."mwMW@%"]);

function charEm(char: string): number {
  if (NARROW.has(char)) return 0.28;
  if (SEMI.has(char)) return 0.38;
  if (WIDE.has(char)) return 0.82;
  if (char >= "A" && char <= "Z") return 0.68;
  return 0.57;
}

/** Cuts a value so that it fits `width` points at `fontSize` in the table face, ending with "…" when cut. */
export function truncateToWidth(value: string, width: number, fontSize: number): string {
  const flat = value.replace(/\s+/g, " ").trim();
  const limit = width / fontSize;
  let used = 0;
  for (let index = 0; index < flat.length; index += 1) {
    used += charEm(flat[index]!);
    if (used > limit) return `${flat.slice(0, Math.max(1, index - 1)).trimEnd()}…`;
  }
  return flat;
}

/** How many characters of the table face fit in `width` points at `fontSize` (a safe under-estimate). */
export function charsThatFit(width: number, fontSize: number): number {
  // DejaVu Sans Condensed averages ~0.52 em per character in mixed text; wide capitals reach ~0.7.
  return Math.max(3, Math.floor(width / (fontSize * 0.56)));
}

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });

/** "4 Dec 2026" (UTC) for an ISO string or Date; "—" when missing. */
export function formatDay(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === "string" ? value : "—";
  return DAY.format(date);
}

/** "4 Dec 2026, 14:05 UTC" for an ISO string or Date; "—" when missing. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  return `${DAY.format(date)}, ${TIME.format(date)} UTC`;
}

/** Splits rows into pages: `first` rows on the first page, `rest` on each further page. */
export function chunkRows<T>(rows: readonly T[], first: number, rest: number): T[][] {
  if (rows.length === 0) return [[]];
  const pages: T[][] = [rows.slice(0, first)];
  for (let start = first; start < rows.length; start += rest) pages.push(rows.slice(start, start + rest));
  return pages;
}

/** "1,234" */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** A stable anchor id from a title ("Blocking rules" -> "blocking-rules"). */
export function anchorId(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "section";
}

/**
 * Lets very long tokens (fact paths, registry keys, URLs) wrap: a zero-width space after ".", "\\", "/" and
 * "," inside tokens longer than `longer` characters. Short text is returned unchanged (stays searchable as is).
 */
export function breakable(value: string, longer = 30): string {
  return value.replace(/\S+/g, (token) => (token.length > longer ? token.replace(/([.\\/,])(?=\S)/g, "$1\u200b") : token));
}

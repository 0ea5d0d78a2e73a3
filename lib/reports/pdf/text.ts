// Pure text helpers for report layouts (no React).

/** Cuts a value to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(value: string, max: number): string {
  const flat = value.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** How many characters of the table face fit in `width` points at `fontSize` (a safe under-estimate). */
export function charsThatFit(width: number, fontSize: number): number {
  // DejaVu Sans Condensed averages ~0.52 em per character in mixed text; wide capitals reach ~0.7.
  return Math.max(3, Math.floor(width / (fontSize * 0.6)));
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

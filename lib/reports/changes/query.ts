import { parseServerFilters, type ServerFilters } from "@/lib/views/server-filters";

// The "changes since a date" query, shared by the page and the PDF route: `from` and `to` as YYYY-MM-DD (UTC days,
// both included: the verdict at the start of `from` is compared with the verdict at the end of `to`), default the
// last 7 days, plus the Servers page filters.

export const DEFAULT_CHANGE_DAYS = 7;
export const MAX_CHANGE_DAYS = 366;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ChangesQuery {
  /** "YYYY-MM-DD" as given (or defaulted). */
  fromDay: string;
  toDay: string;
  /** Start of `fromDay` (UTC). */
  from: Date;
  /** End of `toDay` (UTC). */
  to: Date;
  filters: ServerFilters;
}

export type ChangesQueryResult = { ok: true; query: ChangesQuery } | { ok: false; issues: { path: string; message: string }[] };

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

function parseDay(value: string): Date | null {
  if (!ISO_DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || isoDay(date) !== value ? null : date;
}

/** Reads `from`, `to` and the server filters; empty dates take the defaults (to: today, from: 7 days before). */
export function parseChangesQuery(params: URLSearchParams, now = new Date()): ChangesQueryResult {
  const issues: { path: string; message: string }[] = [];
  const toText = params.get("to")?.trim() || isoDay(now);
  const toStart = parseDay(toText);
  if (!toStart) issues.push({ path: "to", message: "Expected a date as YYYY-MM-DD." });
  const fromText = params.get("from")?.trim() || isoDay(new Date((toStart ?? now).getTime() - DEFAULT_CHANGE_DAYS * DAY_MS));
  const from = parseDay(fromText);
  if (!from) issues.push({ path: "from", message: "Expected a date as YYYY-MM-DD." });
  if (from && toStart) {
    if (from.getTime() > toStart.getTime()) issues.push({ path: "from", message: "The start date must not be after the end date." });
    else if ((toStart.getTime() - from.getTime()) / DAY_MS > MAX_CHANGE_DAYS) issues.push({ path: "from", message: `The range can be at most ${MAX_CHANGE_DAYS} days.` });
  }
  const rest = new URLSearchParams(params);
  rest.delete("from");
  rest.delete("to");
  const filters = parseServerFilters(rest);
  if (!filters.success) for (const issue of filters.error.issues) issues.push({ path: issue.path.join("."), message: issue.message });
  if (issues.length || !from || !toStart || !filters.success) return { ok: false, issues };
  return { ok: true, query: { fromDay: fromText, toDay: toText, from, to: new Date(toStart.getTime() + DAY_MS - 1), filters: filters.data } };
}

/** The query string of a changes query (dates and non-default filters), for links and the PDF. */
export function changesSearch(query: Pick<ChangesQuery, "fromDay" | "toDay">, filterSearch = ""): string {
  const params = new URLSearchParams(filterSearch.replace(/^\?/, ""));
  params.set("from", query.fromDay);
  params.set("to", query.toDay);
  return `?${params.toString()}`;
}

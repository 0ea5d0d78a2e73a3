import { parseServerFilters, type ServerFilters } from "@/lib/views/server-filters";
import { isoDay } from "@/lib/rollout/status";

// The "changes since a date" query, shared by the page and the PDF route: `from` and `to` as YYYY-MM-DD (UTC days,
// both included: the verdict at the start of `from` is compared with the verdict at the end of `to`), default the
// last 7 days, plus the Servers page filters. Either may also be an ISO date-time with a zone ("since the last
// meeting": 2026-12-04T10:00Z), used as that exact moment.

export const DEFAULT_CHANGE_DAYS = 7;
export const MAX_CHANGE_DAYS = 366;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ChangesQuery {
  /** "YYYY-MM-DD" (or an ISO date-time) as given, or defaulted. */
  fromDay: string;
  toDay: string;
  /** Start of `fromDay` (UTC), or that moment. */
  from: Date;
  /** End of `toDay` (UTC), or that moment. */
  to: Date;
  filters: ServerFilters;
}

export type ChangesQueryResult = { ok: true; query: ChangesQuery } | { ok: false; issues: { path: string; message: string }[] };


/** A day's start, or an exact moment. */
function parseDay(value: string): Date | null {
  if (ISO_TIME.test(value)) {
    const moment = new Date(value);
    return Number.isNaN(moment.getTime()) ? null : moment;
  }
  if (!ISO_DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || isoDay(date) !== value ? null : date;
}

const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "4 Dec 2026", or "4 Dec 2026 10:00 UTC" for a date-time. */
export function boundLabel(value: string): string {
  const date = parseDay(value);
  if (!date) return value;
  return ISO_DAY.test(value) ? DAY_FORMAT.format(date) : `${DAY_FORMAT.format(date)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** "27 Nov 2026 → 4 Dec 2026" */
export function periodLabel(query: Pick<ChangesQuery, "fromDay" | "toDay">): string {
  return `${boundLabel(query.fromDay)} → ${boundLabel(query.toDay)}`;
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
  const toEnd = toStart && (ISO_DAY.test(toText) ? new Date(toStart.getTime() + DAY_MS - 1) : toStart);
  if (from && toEnd) {
    if (from.getTime() > toEnd.getTime()) issues.push({ path: "from", message: "The start must not be after the end." });
    else if ((toEnd.getTime() - from.getTime()) / DAY_MS > MAX_CHANGE_DAYS + 1) issues.push({ path: "from", message: `The range can be at most ${MAX_CHANGE_DAYS} days.` });
  }
  const rest = new URLSearchParams(params);
  rest.delete("from");
  rest.delete("to");
  const filters = parseServerFilters(rest);
  if (!filters.success) for (const issue of filters.error.issues) issues.push({ path: issue.path.join("."), message: issue.message });
  if (issues.length || !from || !toEnd || !filters.success) return { ok: false, issues };
  return { ok: true, query: { fromDay: fromText, toDay: toText, from, to: toEnd, filters: filters.data } };
}

/** The query string of a changes query (dates and non-default filters), for links and the PDF. */
export function changesSearch(query: Pick<ChangesQuery, "fromDay" | "toDay">, filterSearch = ""): string {
  const params = new URLSearchParams(filterSearch.replace(/^\?/, ""));
  params.set("from", query.fromDay);
  params.set("to", query.toDay);
  return `?${params.toString()}`;
}

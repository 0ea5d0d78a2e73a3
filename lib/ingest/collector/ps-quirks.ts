import { z } from "zod";

/**
 * zod building blocks that absorb Windows PowerShell 5.1 `ConvertTo-Json` quirks before the strict type check:
 * - a one-element array may arrive as the bare element (pipeline unrolling), and an array wrapped in a PSObject
 *   arrives as `{ "value": [...], "Count": n }`;
 * - enums arrive as their numeric value unless the script called `.ToString()`;
 * - a DateTime arrives as `"/Date(ms)/"` (`"\/Date(ms)\/"` in the JSON text), sometimes wrapped with its
 *   extended-type properties as `{ "value": "/Date(ms)/", "DisplayHint": 2, "DateTime": "..." }`.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Unwraps PowerShell's `{ value: [...], Count: n }` array wrapper and wraps a bare element into an array. */
export function toArrayLike(raw: unknown): unknown {
  if (raw === null || raw === undefined || Array.isArray(raw)) return raw;
  if (isRecord(raw) && Array.isArray(raw.value) && ("Count" in raw || "count" in raw)) return raw.value;
  return [raw];
}

/** An array of `item`, accepting PowerShell's unrolled single element and `{ value, Count }` wrapper. */
export function psArray<T extends z.ZodType>(item: T) {
  return z.preprocess(toArrayLike, z.array(item));
}

/**
 * An enum given by name (case-insensitive, optional aliases) or by its .NET numeric value.
 * Output is always the canonical name.
 */
export function psEnum<const T extends readonly [string, ...string[]]>(
  names: T,
  byNumber: Readonly<Record<number, T[number]>> = {},
  aliases: Readonly<Record<string, T[number]>> = {},
) {
  const byName = new Map<string, T[number]>();
  for (const name of names) byName.set(name.toLowerCase(), name);
  for (const [alias, name] of Object.entries(aliases)) byName.set(alias.toLowerCase(), name);
  return z.preprocess((raw) => {
    if (typeof raw === "number") return byNumber[raw] ?? raw;
    if (typeof raw === "string") return byName.get(raw.trim().toLowerCase()) ?? raw;
    return raw;
  }, z.enum(names));
}

/** An integer that WMI may report as a string of digits (e.g. Win32_OperatingSystem.BuildNumber). */
export function psInt(schema: z.ZodNumber = z.number().int()) {
  return z.preprocess((raw) => (typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw), schema);
}

const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Converts `/Date(ms)/`, `{ value: "/Date(ms)/" }` or an ISO 8601 date-time with offset into `toISOString()` form. */
export function toIsoDate(raw: unknown): unknown {
  const value = isRecord(raw) && "value" in raw ? raw.value : raw;
  if (typeof value !== "string") return value;
  const text = value.trim();
  const ms = MS_DATE.exec(text);
  if (ms) return new Date(Number(ms[1])).toISOString();
  const iso = ISO_DATE.exec(text);
  if (iso) {
    // .NET writes 7 fractional digits ("o" format); JavaScript dates keep milliseconds.
    const fraction = iso[2] ? iso[2].slice(0, 4) : "";
    const offset = iso[3].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
    const date = new Date(`${iso[1]}${fraction}${offset}`);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return value;
}

/** A date-time: ISO 8601 with an offset, or PowerShell 5.1's `/Date(ms)/`; output is ISO 8601 UTC. */
export const psDate = z.preprocess(
  toIsoDate,
  z.iso.datetime({ offset: true, error: "expected an ISO 8601 date-time with offset, or /Date(ms)/" }),
);

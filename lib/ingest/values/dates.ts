import { displayValue } from "../text/display";

/**
 * Date-times as PowerShell writes them:
 * - Windows PowerShell 5.1 ConvertTo-Json: "/Date(1700000000000)/" (optionally "/Date(1700000000000+0100)/");
 * - PowerShell 7: ISO 8601 with up to 7 fractional digits and an offset ("2023-11-14T22:13:20.1234567+01:00");
 * - ISO without a zone ("2023-11-14T22:13:20"), read as UTC and flagged;
 * - console text in en-US format ("7/27/2023 6:34:00 AM"), read as UTC and flagged.
 */
export type DateParse = { ok: true; iso: string; assumedUtc: boolean } | { ok: false; message: string };

const MS_DATE = /^\/?Date\((-?\d+)([+-]\d{4})?\)\/?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMinutes: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return undefined;
  return Number.isFinite(utc) ? utc : undefined;
}

export function parseDateTime(value: unknown): DateParse {
  if (typeof value === "number" && Number.isFinite(value)) {
    return { ok: true, iso: new Date(value).toISOString(), assumedUtc: false };
  }
  if (typeof value !== "string") return { ok: false, message: "expected a date and time" };
  const text = value.trim();
  const ms = MS_DATE.exec(text);
  if (ms) {
    // The ticks are UTC milliseconds; the optional offset only says which zone the value was shown in.
    const time = Number(ms[1]);
    const date = new Date(time);
    if (!Number.isFinite(date.getTime())) return { ok: false, message: `${displayValue(text)} is not a valid date` };
    return { ok: true, iso: date.toISOString(), assumedUtc: false };
  }
  const iso = ISO.exec(text);
  if (iso) {
    const fraction = iso[7] === undefined ? 0 : Math.floor(Number(`0.${iso[7]}`) * 1000);
    let offset = 0;
    const zone = iso[8];
    if (zone !== undefined && zone.toUpperCase() !== "Z") {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    }
    const time = build(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0), fraction, offset);
    if (time === undefined) return { ok: false, message: `${displayValue(text)} is not a valid date` };
    return { ok: true, iso: new Date(time).toISOString(), assumedUtc: zone === undefined };
  }
  const us = US.exec(text);
  if (us) {
    let hour = Number(us[4] ?? 0);
    const meridiem = us[7]?.toUpperCase();
    if (meridiem === "PM" && hour < 12) hour += 12;
    if (meridiem === "AM" && hour === 12) hour = 0;
    const time = build(Number(us[3]), Number(us[1]), Number(us[2]), hour, Number(us[5] ?? 0), Number(us[6] ?? 0), 0, 0);
    if (time === undefined) return { ok: false, message: `${displayValue(text)} is not a valid date` };
    return { ok: true, iso: new Date(time).toISOString(), assumedUtc: true };
  }
  return {
    ok: false,
    message: `${displayValue(text, 40)} is not a date PowerShell writes; expected ISO 8601 (2024-05-01T10:00:00Z) or /Date(1714557600000)/`,
  };
}

/**
 * Ticks for the trend chart's time axis: real instants at round UTC steps (seconds to years), chosen so that at most
 * `maxTicks` fit, and labelled so that no two read the same: time of day when the span is within days (with the date
 * on the first tick and wherever the date changes), the date when it spans weeks, the month beyond that.
 */
export interface TimeTick {
  at: number;
  label: string;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIXED_STEPS = [1, 5, 15, 30].map((n) => n * SECOND).concat([1, 5, 15, 30].map((n) => n * MINUTE), [1, 3, 6, 12].map((n) => n * HOUR), [1, 2, 7, 14].map((n) => n * DAY));
const MONTH_STEPS = [1, 3, 6, 12];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const pad = (n: number) => String(n).padStart(2, "0");
const day = (d: Date, withYear: boolean) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${withYear ? ` ${d.getUTCFullYear()}` : ""}`;
const dayKey = (d: Date) => d.toISOString().slice(0, 10);

function fixedTicks(start: number, end: number, step: number): number[] {
  const ticks: number[] = [];
  for (let at = Math.ceil(start / step) * step; at <= end; at += step) ticks.push(at);
  return ticks;
}

function monthTicks(start: number, end: number, months: number): number[] {
  const s = new Date(start);
  const year = s.getUTCFullYear();
  let month = s.getUTCMonth();
  if (Date.UTC(year, month, 1) < start) month += 1;
  month = Math.ceil(month / months) * months;
  const ticks: number[] = [];
  for (let at = Date.UTC(year, month, 1); at <= end; at = Date.UTC(year, (month += months), 1)) ticks.push(at);
  return ticks;
}

/** Ticks between two instants (ms since the epoch). */
export function timeTicks(start: number, end: number, maxTicks = 5): TimeTick[] {
  if (!(end > start)) return [{ at: start, label: formatInstant(start) }];
  let ticks: number[] | null = null;
  let step = 0;
  for (const candidate of FIXED_STEPS) {
    if (Math.floor(end / candidate) - Math.ceil(start / candidate) + 1 <= maxTicks) {
      ticks = fixedTicks(start, end, candidate);
      step = candidate;
      break;
    }
  }
  let months = 0;
  if (!ticks) {
    for (const candidate of MONTH_STEPS) {
      const found = monthTicks(start, end, candidate);
      if (found.length <= maxTicks || candidate === 12) {
        ticks = found;
        months = candidate;
        break;
      }
    }
  }
  const list = ticks ?? [];
  const spansYears = new Date(start).getUTCFullYear() !== new Date(end).getUTCFullYear();
  let previousDay = "";
  return list.map((at) => {
    const d = new Date(at);
    let label: string;
    if (months) label = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    else if (step >= DAY) label = day(d, spansYears);
    else {
      const time = step < MINUTE ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      label = dayKey(d) !== previousDay ? `${day(d, spansYears)} ${time}` : time;
    }
    previousDay = dayKey(d);
    return { at, label };
  });
}

/** "5 Dec 2026 08:35 UTC": one instant in words, for titles and single-point axes. */
export function formatInstant(at: number): string {
  const d = new Date(at);
  return `${day(d, true)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** End-of-line label positions pushed apart so that none overlaps another (they keep their order). */
export function spreadLabels(ys: readonly number[], top: number, bottom: number, gap = 13): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((item) => item.y);
  for (let n = 0; n < placed.length; n++) placed[n] = Math.max(placed[n]!, n === 0 ? top : placed[n - 1]! + gap);
  const lastIndex = placed.length - 1;
  if (lastIndex >= 0 && placed[lastIndex]! > bottom) {
    placed[lastIndex] = bottom;
    for (let n = lastIndex - 1; n >= 0; n--) placed[n] = Math.min(placed[n]!, placed[n + 1]! - gap);
  }
  const out: number[] = new Array(ys.length);
  order.forEach((item, n) => (out[item.i] = placed[n]!));
  return out;
}

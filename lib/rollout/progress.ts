/** Burn-up of a rollout (pure): servers installed over time against the plan (cumulative target dates). */

export interface BurnUpPoint {
  /** "YYYY-MM-DD" */
  day: string;
  /** Servers planned to be installed by this day (cumulative target dates). */
  planned: number;
  /** Servers installed by this day; null after today (the future is not known). */
  installed: number | null;
}

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Daily cumulative series from counts per day. `installedByDay` counts installs per day (servers installed
 * without a known day count from the start); `plannedByDay` counts target dates per day. The series runs from
 * the earliest day seen to the later of today and the last target date, at most `maxPoints` points (older
 * days are folded into the first point when the span is longer).
 */
export function buildBurnUp(installedByDay: ReadonlyMap<string, number>, plannedByDay: ReadonlyMap<string, number>, today: string, maxPoints = 120): BurnUpPoint[] {
  const days = [...installedByDay.keys(), ...plannedByDay.keys()].filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day)).sort();
  if (days.length === 0) return [];
  let first = days[0]!;
  const last = days[days.length - 1]! > today ? days[days.length - 1]! : today;
  const span = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS);
  const step = Math.max(1, Math.ceil((span + 1) / maxPoints));
  if (first > today) first = today;
  const points: BurnUpPoint[] = [];
  const sortedInstalled = [...installedByDay.entries()].sort(([a], [b]) => a.localeCompare(b));
  const sortedPlanned = [...plannedByDay.entries()].sort(([a], [b]) => a.localeCompare(b));
  let i = 0;
  let p = 0;
  let installed = 0;
  let planned = 0;
  for (let day = first; ; day = addDays(day, step)) {
    const at = day > last ? last : day;
    while (i < sortedInstalled.length && sortedInstalled[i]![0] <= at) installed += sortedInstalled[i++]![1];
    while (p < sortedPlanned.length && sortedPlanned[p]![0] <= at) planned += sortedPlanned[p++]![1];
    points.push({ day: at, planned, installed: at <= today ? installed : null });
    if (at === last) break;
  }
  return points;
}

import type { FleetSummary } from "@/lib/data/fleet-summary";
import { formatInstant, spreadLabels, timeTicks } from "./time-axis";

type Point = FleetSummary["trend"][number];
type SeriesKey = keyof Omit<Point, "at">;

/**
 * Four series told apart three ways: colour (a lighter shade on the dark theme, so each keeps at least 4.5:1 against
 * the dark card), a dash pattern of its own, and a label with the latest value at the end of each line.
 */
const SERIES: { key: SeriesKey; label: string; stroke: string; text: string; dash?: string; width: number }[] = [
  { key: "ready", label: "Ready", stroke: "stroke-green-700 dark:stroke-green-400", text: "fill-green-800 dark:fill-green-300", width: 2.5 },
  { key: "conditions", label: "Conditions", stroke: "stroke-amber-600 dark:stroke-amber-300", text: "fill-amber-800 dark:fill-amber-200", dash: "10 4", width: 2 },
  { key: "notReady", label: "Not ready", stroke: "stroke-red-700 dark:stroke-red-400", text: "fill-red-800 dark:fill-red-300", dash: "3 3", width: 2.5 },
  { key: "unknown", label: "Unknown", stroke: "stroke-slate-500 dark:stroke-slate-300", text: "fill-slate-700 dark:fill-slate-300", dash: "10 3 2 3", width: 2 },
];
const LEGEND_LABELS: Record<SeriesKey, string> = { ready: "Ready", conditions: "Ready with conditions", notReady: "Not ready", unknown: "Unknown" };
const WIDTH = 540;
const HEIGHT = 200;
// The right margin holds the end-of-line labels: up to "Conditions 99,999" (17 characters at 11px, about 112px) after the 26px swatch.
const PAD = { left: 40, right: 144, top: 10, bottom: 26 };

/**
 * Readiness over time, server-rendered SVG (no client JavaScript, no layout shift). The x-axis is time: each
 * evaluation sits at the instant it was made, and the ticks are real UTC instants labelled so that no two read the
 * same. The same numbers are in a table for screen readers and keyboard users (docs/decisions/005-charts.md).
 */
export function TrendChart({ points }: { points: Point[] }) {
  if (points.length < 2) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">The trend appears after the second evaluation (each upload re-evaluates the fleet).</p>;
  }
  const times = points.map((p) => Date.parse(p.at));
  const start = times[0]!;
  const end = times[times.length - 1]!;
  const span = Math.max(1, end - start);
  const max = Math.max(1, ...points.map((p) => p.ready + p.conditions + p.notReady + p.unknown));
  const plotRight = WIDTH - PAD.right;
  const x = (t: number) => PAD.left + ((t - start) / span) * (plotRight - PAD.left);
  const y = (v: number) => PAD.top + (1 - v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = timeTicks(start, end, 5);
  const last = points[points.length - 1]!;
  const labelYs = spreadLabels(
    SERIES.map((s) => y(last[s.key]) + 4),
    PAD.top + 8,
    HEIGHT - PAD.bottom,
  );
  const title = `Servers per readiness from ${formatInstant(start)} to ${formatInstant(end)}`;
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="trend-title" data-first={points[0]!.at} data-last={last.at}>
        <title id="trend-title">{title}</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={plotRight} y1={y(max * f)} y2={y(max * f)} className="stroke-slate-200 dark:stroke-slate-700" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="fill-slate-600 text-[11px] dark:fill-slate-400">
              {Math.round(max * f).toLocaleString("en-US")}
            </text>
          </g>
        ))}
        <g data-axis="x">
          {ticks.map((tick, i) => (
            <g key={tick.at}>
              <line x1={x(tick.at)} x2={x(tick.at)} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom + 4} className="stroke-slate-400 dark:stroke-slate-500" strokeWidth="1" />
              <text
                x={x(tick.at)}
                y={HEIGHT - 8}
                textAnchor={ticks.length > 1 && i === ticks.length - 1 && x(tick.at) > plotRight - 30 ? "end" : i === 0 && x(tick.at) < PAD.left + 30 ? "start" : "middle"}
                className="fill-slate-600 text-[11px] dark:fill-slate-400"
                data-tick={new Date(tick.at).toISOString()}
              >
                {tick.label}
              </text>
            </g>
          ))}
        </g>
        {SERIES.map((series) => (
          <polyline
            key={series.key}
            fill="none"
            className={series.stroke}
            strokeWidth={series.width}
            strokeDasharray={series.dash}
            strokeLinejoin="round"
            points={points.map((p, i) => `${x(times[i]!).toFixed(1)},${y(p[series.key]).toFixed(1)}`).join(" ")}
          />
        ))}
        {SERIES.map((series, i) => (
          <g key={series.key}>
            <line x1={plotRight + 4} x2={plotRight + 22} y1={labelYs[i]! - 4} y2={labelYs[i]! - 4} className={series.stroke} strokeWidth={series.width} strokeDasharray={series.dash} />
            <text x={plotRight + 26} y={labelYs[i]} className={`${series.text} text-[11px] font-medium`}>
              {`${series.label} ${last[series.key].toLocaleString("en-US")}`}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="mt-2 space-y-1 text-xs text-slate-600 dark:text-slate-400">
        <span className="flex flex-wrap gap-4">
          {SERIES.map((series) => (
            <span key={series.key} className="inline-flex items-center gap-1">
              <svg width="24" height="6" aria-hidden="true">
                <line x1="0" x2="24" y1="3" y2="3" className={series.stroke} strokeWidth={series.width} strokeDasharray={series.dash} />
              </svg>
              {LEGEND_LABELS[series.key]}
            </span>
          ))}
        </span>
        <span className="block">
          Each point is one evaluation of the fleet (every upload re-evaluates it), placed at the time it was made; times are UTC.
        </span>
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-600 dark:text-brand-100">Show the numbers</summary>
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">Servers per readiness after each evaluation</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1">When (UTC)</th>
              {SERIES.map((s) => (
                <th key={s.key} scope="col" className="py-1 text-right">{LEGEND_LABELS[s.key]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.slice(-20).map((p) => (
              <tr key={p.at}>
                <td className="py-0.5">{p.at.replace("T", " ").slice(0, 19)}</td>
                {SERIES.map((s) => (
                  <td key={s.key} className="py-0.5 text-right tabular-nums">{p[s.key].toLocaleString("en-US")}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

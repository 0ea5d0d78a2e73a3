import type { FleetSummary } from "@/lib/data/fleet-summary";

type Point = FleetSummary["trend"][number];
const SERIES: { key: keyof Omit<Point, "at">; label: string; stroke: string }[] = [
  { key: "ready", label: "Ready", stroke: "#15803d" },
  { key: "conditions", label: "Ready with conditions", stroke: "#b45309" },
  { key: "notReady", label: "Not ready", stroke: "#b91c1c" },
  { key: "unknown", label: "Unknown", stroke: "#64748b" },
];
const WIDTH = 640;
const HEIGHT = 180;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

/**
 * Readiness over time, server-rendered SVG (no client JavaScript, no layout shift). The same numbers are
 * in a table for screen readers and keyboard users (docs/decisions/005-charts.md).
 */
export function TrendChart({ points }: { points: Point[] }) {
  if (points.length < 2) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">The trend appears after the second evaluation (each upload re-evaluates the fleet).</p>;
  }
  const max = Math.max(1, ...points.map((p) => p.ready + p.conditions + p.notReady + p.unknown));
  const x = (i: number) => PAD.left + (i / (points.length - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const first = points[0]!.at.slice(0, 10);
  const last = points[points.length - 1]!.at.slice(0, 10);
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="trend-title">
        <title id="trend-title">{`Servers per readiness from ${first} to ${last}`}</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} className="stroke-slate-200 dark:stroke-slate-700" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
              {Math.round(max * f).toLocaleString("en-US")}
            </text>
          </g>
        ))}
        {SERIES.map((series) => (
          <polyline
            key={series.key}
            fill="none"
            stroke={series.stroke}
            strokeWidth="2"
            strokeDasharray={series.key === "unknown" ? "4 3" : series.key === "conditions" ? "8 3" : undefined}
            points={points.map((p, i) => `${x(i).toFixed(1)},${y(p[series.key]).toFixed(1)}`).join(" ")}
          />
        ))}
        <text x={PAD.left} y={HEIGHT - 6} className="fill-slate-500 text-[10px]">
          {first}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="fill-slate-500 text-[10px]">
          {last}
        </text>
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600 dark:text-slate-400">
        {SERIES.map((series) => (
          <span key={series.key} className="inline-flex items-center gap-1">
            <svg width="18" height="6" aria-hidden="true">
              <line x1="0" x2="18" y1="3" y2="3" stroke={series.stroke} strokeWidth="2" strokeDasharray={series.key === "unknown" ? "4 3" : series.key === "conditions" ? "8 3" : undefined} />
            </svg>
            {series.label}
          </span>
        ))}
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-600 dark:text-brand-100">Show the numbers</summary>
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">Servers per readiness after each evaluation</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1">When (UTC)</th>
              {SERIES.map((s) => (
                <th key={s.key} scope="col" className="py-1 text-right">{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.slice(-20).map((p) => (
              <tr key={p.at}>
                <td className="py-0.5">{p.at.replace("T", " ").slice(0, 16)}</td>
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

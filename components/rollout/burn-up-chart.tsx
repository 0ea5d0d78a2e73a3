import type { BurnUpPoint } from "@/lib/rollout/progress";

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };
const INSTALLED = "#15803d";
const PLANNED = "#475569";

/**
 * Servers installed over time against the plan (cumulative target dates): server-rendered SVG, solid line for
 * installed, dashed for planned (readable without colour), and every number in a table (decision 005).
 */
export function BurnUpChart({ points, label }: { points: BurnUpPoint[]; label: string }) {
  if (points.length < 2) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">The burn-up chart appears once servers have target dates or installs on two different days.</p>;
  }
  const max = Math.max(1, ...points.map((p) => Math.max(p.planned, p.installed ?? 0)));
  const x = (i: number) => PAD.left + (i / (points.length - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const installed = points.flatMap((p, i) => (p.installed === null ? [] : [`${x(i).toFixed(1)},${y(p.installed).toFixed(1)}`]));
  const first = points[0]!.day;
  const last = points[points.length - 1]!.day;
  const titleId = `burnup-${label.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  const today = [...points].reverse().find((p) => p.installed !== null);
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby={titleId}>
        <title id={titleId}>{`${label}: servers installed against the plan from ${first} to ${last}${today ? `; ${today.installed} installed of ${today.planned} planned by ${today.day}` : ""}`}</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} className="stroke-slate-200 dark:stroke-slate-700" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
              {Math.round(max * f).toLocaleString("en-US")}
            </text>
          </g>
        ))}
        <polyline fill="none" stroke={PLANNED} strokeWidth="2" strokeDasharray="6 4" points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.planned).toFixed(1)}`).join(" ")} />
        {installed.length > 1 && <polyline fill="none" stroke={INSTALLED} strokeWidth="2.5" points={installed.join(" ")} />}
        {today && today.installed !== null && (
          <g>
            <circle cx={x(points.indexOf(today))} cy={y(today.installed)} r="4" fill={INSTALLED} />
            <text x={x(points.indexOf(today)) + 7} y={y(today.installed) - 6} className="fill-slate-700 text-[10px] dark:fill-slate-200">
              {`${today.installed.toLocaleString("en-US")} installed`}
            </text>
          </g>
        )}
        <text x={PAD.left} y={HEIGHT - 6} className="fill-slate-500 text-[10px]">
          {first}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="fill-slate-500 text-[10px]">
          {last}
        </text>
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600 dark:text-slate-400">
        <span className="inline-flex items-center gap-1">
          <svg width="18" height="6" aria-hidden="true">
            <line x1="0" x2="18" y1="3" y2="3" stroke={INSTALLED} strokeWidth="2.5" />
          </svg>
          Installed (solid)
        </span>
        <span className="inline-flex items-center gap-1">
          <svg width="18" height="6" aria-hidden="true">
            <line x1="0" x2="18" y1="3" y2="3" stroke={PLANNED} strokeWidth="2" strokeDasharray="6 4" />
          </svg>
          Planned by target date (dashed)
        </span>
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-600 dark:text-brand-100">Show the numbers</summary>
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">{`${label}: servers installed and planned per day`}</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1">Day</th>
              <th scope="col" className="py-1 text-right">Installed</th>
              <th scope="col" className="py-1 text-right">Planned</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <td className="py-0.5">{p.day}</td>
                <td className="py-0.5 text-right tabular-nums">{p.installed === null ? "—" : p.installed.toLocaleString("en-US")}</td>
                <td className="py-0.5 text-right tabular-nums">{p.planned.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

import { VERDICT_LABELS, type Verdict } from "@/lib/readiness";
import type { VerdictCounts } from "@/lib/data/fleet-summary";

export const VERDICT_FILL: Record<Verdict, string> = {
  ready: "bg-green-600",
  "ready-with-conditions": "bg-amber-500",
  "not-ready": "bg-red-600",
  unknown: "bg-slate-400",
};
const ORDER: Verdict[] = ["ready", "ready-with-conditions", "not-ready", "unknown"];

/** A stacked bar; the counts are also given as text (the bar is decorative). */
export function VerdictBar({ counts, total }: { counts: VerdictCounts; total: number }) {
  return (
    <div>
      <div className="flex h-3 w-full overflow-hidden rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
        {ORDER.map((verdict) =>
          counts[verdict] > 0 ? <div key={verdict} className={VERDICT_FILL[verdict]} style={{ width: `${(counts[verdict] / Math.max(total, 1)) * 100}%` }} /> : null,
        )}
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {ORDER.filter((verdict) => counts[verdict] > 0)
          .map((verdict) => `${VERDICT_LABELS[verdict]} ${counts[verdict].toLocaleString("en-US")}`)
          .join(" · ")}
      </p>
    </div>
  );
}

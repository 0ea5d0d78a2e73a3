import { ROLLOUT_STATUS_LABELS, type RolloutStatus } from "@/lib/rollout/status";

// Icon AND text, never colour alone.
const STYLE: Record<RolloutStatus, { icon: string; className: string }> = {
  "not-started": { icon: "○", className: "border-slate-500/30 bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200" },
  scheduled: { icon: "◷", className: "border-sky-700/30 bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-200" },
  "in-progress": { icon: "▶", className: "border-indigo-700/30 bg-indigo-50 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200" },
  installed: { icon: "✓", className: "border-green-700/30 bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-300" },
  blocked: { icon: "✕", className: "border-red-700/30 bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300" },
  excluded: { icon: "–", className: "border-slate-500/30 bg-white text-slate-600 dark:bg-slate-900 dark:text-slate-300" },
};

/** A rollout status; "detected" says a collector report showed the agent installed (not a typed status). */
export function RolloutStatusBadge({ status, detected = false }: { status: RolloutStatus; detected?: boolean }) {
  const style = STYLE[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${style.className}`}>
      <span aria-hidden="true" className="font-bold">
        {style.icon}
      </span>
      {ROLLOUT_STATUS_LABELS[status]}
      {detected && <span className="font-normal">(detected)</span>}
    </span>
  );
}

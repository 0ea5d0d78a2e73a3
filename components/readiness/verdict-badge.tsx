import { VERDICT_LABELS, type Verdict } from "@/lib/readiness";

// Every status is shown with an icon AND text, never colour alone.
const STYLE: Record<Verdict, { icon: string; className: string }> = {
  ready: { icon: "✓", className: "border-green-700/30 bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-300" },
  "ready-with-conditions": { icon: "!", className: "border-amber-700/30 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  "not-ready": { icon: "✕", className: "border-red-700/30 bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300" },
  unknown: { icon: "?", className: "border-slate-500/30 bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200" },
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const style = STYLE[verdict];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${style.className}`}>
      <span aria-hidden="true" className="font-bold">
        {style.icon}
      </span>
      {VERDICT_LABELS[verdict]}
    </span>
  );
}

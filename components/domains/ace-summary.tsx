import type { AceView } from "@/lib/rules";

/** One ACE as read from the export: its position, summary and (when through a group) the membership chain. */
export function AceSummary({ ace }: { ace: AceView }) {
  return (
    <span className="block [overflow-wrap:anywhere]">
      <span className="font-mono text-xs text-slate-600 dark:text-slate-400">#{ace.index}</span> {ace.summary}
      {ace.isInherited && <span className="text-xs text-slate-600 dark:text-slate-400"> (inherited)</span>}
      {ace.via && ace.via.length > 0 && <span className="block text-xs text-slate-600 dark:text-slate-400">through membership of {ace.via.join(" → ")}</span>}
    </span>
  );
}

import { DateTime } from "@/components/ui/date-time";
import type { AttestationItem } from "@/lib/data/tenant-views";

/** The attestation in force: yes / no / not yet, by whom and when, with its note (icon + text). */
export function AttestationState({ current }: { current: AttestationItem["current"] }) {
  if (!current) {
    return (
      <p className="text-sm font-medium text-slate-700 dark:text-slate-300">
        <span aria-hidden="true" className="font-bold">? </span>
        Not attested yet
      </p>
    );
  }
  return (
    <div className="text-sm">
      <p className={`font-medium ${current.attested ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}>
        <span aria-hidden="true" className="font-bold">{current.attested ? "✓ " : "✕ "}</span>
        {current.attested ? "Attested: yes" : "Attested: no"}
      </p>
      <p className="mt-0.5 text-slate-700 dark:text-slate-300" data-testid="attestation-by">
        by <span className="font-medium [overflow-wrap:anywhere]">{current.by}</span> on <DateTime value={current.at} />
        {current.source === "file" && " (from the uploaded tenant file)"}
      </p>
      {current.note && <p className="mt-0.5 text-slate-700 dark:text-slate-300 [overflow-wrap:anywhere]">Note: {current.note}</p>}
    </div>
  );
}

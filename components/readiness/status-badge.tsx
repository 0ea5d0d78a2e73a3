import type { ResultStatus, Severity } from "@/lib/rules";

const STATUS: Record<ResultStatus, { icon: string; label: string; className: string }> = {
  pass: { icon: "✓", label: "Pass", className: "text-green-800 dark:text-green-300" },
  fail: { icon: "✕", label: "Fail", className: "text-red-800 dark:text-red-300" },
  unknown: { icon: "?", label: "Unknown", className: "text-slate-700 dark:text-slate-300" },
  waived: { icon: "≈", label: "Waived", className: "text-violet-800 dark:text-violet-300" },
};

const SEVERITY: Record<Severity, string> = { blocker: "Blocker", warning: "Warning", info: "Info" };

/** A rule result's status (icon + text); for fails, the effective severity too. */
export function StatusBadge({ status, severity }: { status: ResultStatus; severity?: Severity }) {
  const style = STATUS[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap text-sm font-medium ${style.className}`}>
      <span aria-hidden="true" className="font-bold">
        {style.icon}
      </span>
      {style.label}
      {status === "fail" && severity ? <span className="font-normal text-slate-600 dark:text-slate-400">({SEVERITY[severity].toLowerCase()})</span> : null}
    </span>
  );
}

export function SeverityLabel({ severity }: { severity: Severity }) {
  return <span className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{SEVERITY[severity]}</span>;
}

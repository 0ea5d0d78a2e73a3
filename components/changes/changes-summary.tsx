import type { ChangesReport } from "@/lib/data/changes";
import { CHANGE_CAUSE_LABELS } from "@/lib/data/changes";
import { arrivalsLine, changesHeadline } from "@/lib/reports/changes/words";

const TILE = "rounded-md border border-slate-200 px-4 py-3 dark:border-slate-700";

/** The headline a lead reads out: how many changed, better and worse, and by which cause. */
export function ChangesSummary({ report }: { report: ChangesReport }) {
  const arrivals = arrivalsLine(report);
  return (
    <div className="space-y-4">
      <p className="text-lg font-medium">{changesHeadline(report)}</p>
      <dl className="grid gap-3 sm:grid-cols-4">
        <div className={TILE}>
          <dt className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">Changed verdict</dt>
          <dd className="text-2xl font-semibold tabular-nums">{report.changed.toLocaleString("en-US")}</dd>
        </div>
        <div className={TILE}>
          <dt className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <span aria-hidden="true">▲ </span>Improved
          </dt>
          <dd className="text-2xl font-semibold tabular-nums text-green-800 dark:text-green-300">{report.improved.toLocaleString("en-US")}</dd>
        </div>
        <div className={TILE}>
          <dt className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <span aria-hidden="true">▼ </span>Got worse
          </dt>
          <dd className="text-2xl font-semibold tabular-nums text-red-800 dark:text-red-300">{report.worse.toLocaleString("en-US")}</dd>
        </div>
        <div className={TILE}>
          <dt className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">New / removed servers</dt>
          <dd className="text-2xl font-semibold tabular-nums">
            {report.added.total.toLocaleString("en-US")} / {report.removed.toLocaleString("en-US")}
          </dd>
        </div>
      </dl>
      {arrivals && <p className="text-sm text-slate-700 dark:text-slate-300">{arrivals}</p>}
      {report.groups.length > 0 && (
        <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {report.groups.map((group) => (
            <li key={group.cause}>
              <a href={`#cause-${group.cause}`} className="text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100">
                {CHANGE_CAUSE_LABELS[group.cause]}
              </a>
              <span className="text-slate-600 dark:text-slate-400">{` ${group.changes.length.toLocaleString("en-US")} (${group.improved} better, ${group.worse} worse)`}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

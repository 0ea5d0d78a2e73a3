import Link from "next/link";
import type { RolloutProgress } from "@/lib/data/rollout/progress";
import { ROLLOUT_STATUSES } from "@/lib/rollout/status";
import { BurnUpChart } from "./burn-up-chart";
import { RolloutStatusBadge } from "./rollout-status-badge";
import { plural } from "@/lib/text/plural";

const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";

/** Counts per rollout status (each a link to those servers), overdue servers and the burn-up chart. */
export function ProgressSummary({ progress, label, serversHref }: { progress: RolloutProgress; label: string; serversHref: (query: string) => string }) {
  return (
    <div className="space-y-4">
      <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm" aria-label={`${label}: servers per rollout status`}>
        {ROLLOUT_STATUSES.map((status) => (
          <li key={status} className="inline-flex items-center gap-2">
            <RolloutStatusBadge status={status} />
            <Link href={serversHref(`rollout=${status}`)} className={`${LINK} tabular-nums`}>
              {progress.byStatus[status].toLocaleString("en-US")}
            </Link>
          </li>
        ))}
        <li className="inline-flex items-center gap-2">
          <span className="font-medium">Overdue</span>
          <Link href={serversHref("overdue=true")} className={`${LINK} tabular-nums ${progress.overdue > 0 ? "font-semibold text-red-700 dark:text-red-300" : ""}`}>
            {progress.overdue.toLocaleString("en-US")}
          </Link>
        </li>
      </ul>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {`${progress.byStatus.installed.toLocaleString("en-US")} of ${plural(progress.total, "server")} installed; ${progress.withTargetDate.toLocaleString("en-US")} ${progress.withTargetDate === 1 ? "has" : "have"} a target date.`}
      </p>
      <BurnUpChart points={progress.burnUp} label={label} />
    </div>
  );
}

import Link from "next/link";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { LINK } from "@/components/rules/labels";
import { VERDICT_LABELS, VERDICTS, type Verdict } from "@/lib/readiness";
import { serverFiltersToSearch } from "@/lib/views/server-filters";

const fmt = (n: number) => n.toLocaleString("en-US");

/** A domain's servers per verdict, each count linked to the server list filtered on the domain (and verdict). */
export function DomainServerCounts({ domain, total, byVerdict }: { domain: string; total: number; byVerdict: Record<Verdict, number> }) {
  if (total === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No server of this domain has been uploaded yet.</p>;
  const order: Verdict[] = [...VERDICTS].reverse();
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <Link href={`/servers${serverFiltersToSearch({ domain })}`} className={LINK}>
        {fmt(total)} {total === 1 ? "server" : "servers"}
      </Link>
      <ul className="flex flex-wrap gap-x-4 gap-y-2" aria-label={`Servers of ${domain} per verdict`}>
        {order.map((verdict) => (
          <li key={verdict} className="flex items-center gap-1.5">
            <VerdictBadge verdict={verdict} />
            {byVerdict[verdict] > 0 ? (
              <Link
                href={`/servers${serverFiltersToSearch({ domain, readiness: [verdict] })}`}
                className={`${LINK} tabular-nums`}
                aria-label={`${fmt(byVerdict[verdict])} ${VERDICT_LABELS[verdict]} ${byVerdict[verdict] === 1 ? "server" : "servers"} in ${domain}`}
              >
                {fmt(byVerdict[verdict])}
              </Link>
            ) : (
              <span className="tabular-nums text-slate-600 dark:text-slate-400">0</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

import Link from "next/link";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import type { VerdictCounts } from "@/lib/data/fleet-summary";
import type { Verdict } from "@/lib/readiness";
import { plural } from "@/lib/text/plural";

const ORDER: Verdict[] = ["ready", "ready-with-conditions", "not-ready", "unknown"];

function share(count: number, total: number): string {
  return total === 0 ? "0%" : `${((count / total) * 100).toFixed(count === total || count === 0 ? 0 : 1)}%`;
}

export function VerdictCards({ counts, total }: { counts: VerdictCounts; total: number }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-label="Servers per readiness">
      {ORDER.map((verdict) => (
        <li key={verdict}>
          <Link
            href={`/servers?readiness=${verdict}`}
            className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900"
          >
            <VerdictBadge verdict={verdict} />
            <span className="mt-3 block text-3xl font-semibold tabular-nums">{counts[verdict].toLocaleString("en-US")}</span>
            <span className="text-sm text-slate-600 dark:text-slate-400">{share(counts[verdict], total)} of {plural(total, "server")}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { serverFiltersToSearch } from "@/lib/views/server-filters";
import { plural } from "@/lib/text/plural";

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * A warning across the overview when servers' facts are older than the freshness limit (or were never collected):
 * how many of how many, the limit, and the server list filtered to exactly those servers.
 */
export function StaleDataBanner({ stale, total, staleAfterDays, oldest }: { stale: number; total: number; staleAfterDays: number; oldest: string | null }) {
  if (stale === 0) return null;
  const all = stale === total;
  return (
    <section
      aria-labelledby="stale-heading"
      data-stale-count={stale}
      className="rounded-lg border-2 border-amber-500/70 bg-amber-50 p-4 text-amber-950 dark:border-amber-500/60 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <h2 id="stale-heading" className="flex items-center gap-2 text-base font-semibold">
        <span aria-hidden="true">⚠</span>
        {all ? `Every server's data is stale: ${fmt(stale)} of ${fmt(total)}` : `${fmt(stale)} of ${plural(total, "server")} ${stale === 1 ? "has" : "have"} stale data`}
      </h2>
      <p className="mt-1 text-sm">
        Their facts were collected more than {staleAfterDays} days ago, or never: their verdicts describe the servers as they were then
        {oldest ? (
          <>
            {" "}
            (oldest: <DateTime value={oldest} />)
          </>
        ) : null}
        . Run the collector on them again and upload the results before acting on these numbers.
      </p>
      <p className="mt-2 text-sm">
        <Link href={`/servers${serverFiltersToSearch({ stale: true })}`} className="font-semibold text-amber-950 underline hover:no-underline dark:text-amber-100">
          Show the {fmt(stale)} stale {stale === 1 ? "server" : "servers"}
        </Link>
      </p>
    </section>
  );
}

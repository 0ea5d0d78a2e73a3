import Link from "next/link";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import type { ServerListItem } from "@/lib/data/servers";
import { RolloutStatusBadge } from "./rollout-status-badge";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
const TD = "px-2 py-1.5 align-top text-sm";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";
const MUTED = "text-slate-500 dark:text-slate-400";

/** A wave's servers: verdict, rollout status (typed or detected), owner, target date, waived results. */
export function WaveServersTable({ servers }: { servers: readonly ServerListItem[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">Servers in this wave, worst verdict first</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Server</th>
            <th scope="col" className={TH}>Verdict</th>
            <th scope="col" className={TH}>Rollout</th>
            <th scope="col" className={TH}>Owner</th>
            <th scope="col" className={TH}>Target date</th>
            <th scope="col" className={TH}>Waived</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {servers.map((server) => (
            <tr key={server.fqdn}>
              <th scope="row" className={`${TD} text-left font-normal`}>
                <Link href={`/servers/${encodeURIComponent(server.fqdn)}`} className={`${LINK} font-medium [overflow-wrap:anywhere]`}>
                  {server.name}
                </Link>
                <span className={`block text-xs ${MUTED} [overflow-wrap:anywhere]`}>{server.domain || "no domain"}</span>
              </th>
              <td className={TD}>
                <VerdictBadge verdict={server.verdict} />
              </td>
              <td className={TD}>
                <RolloutStatusBadge status={server.rollout.status} detected={server.rollout.source === "detected"} />
              </td>
              <td className={`${TD} [overflow-wrap:anywhere]`}>{server.rollout.owner ?? <span className={MUTED}>—</span>}</td>
              <td className={`${TD} whitespace-nowrap ${server.rollout.overdue ? "font-semibold text-red-700 dark:text-red-300" : ""}`}>
                {server.rollout.targetDate ?? <span className={MUTED}>—</span>}
                {server.rollout.overdue && <span className="block text-xs">Overdue</span>}
              </td>
              <td className={TD}>
                {server.waivedRuleIds.length > 0 ? (
                  <span className="font-mono text-xs" title="Accepted risks: waived results do not stop the gate">
                    {server.waivedRuleIds.join(", ")}
                  </span>
                ) : (
                  <span className={MUTED}>—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { ConfidenceStars } from "@/components/readiness/confidence-stars";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { DateTime } from "@/components/ui/date-time";
import type { ServerListItem } from "@/lib/data/servers";

const TD = "px-2 py-2 align-top text-sm";
const MUTED = "text-slate-500 dark:text-slate-400";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100 dark:decoration-brand-100/40";

export const serverHref = (fqdn: string) => `/servers/${encodeURIComponent(fqdn)}`;
export const ruleFilterHref = (ruleId: string) => `/servers?rule=${encodeURIComponent(ruleId)}`;

function Optional({ value }: { value: string | null }) {
  return value ? <span className="[overflow-wrap:anywhere]">{value}</span> : <span className={MUTED}>—</span>;
}

function RuleIds({ ids }: { ids: readonly string[] }) {
  return (
    <ul className="space-y-0.5">
      {ids.map((id) => (
        <li key={id}>
          <Link href={ruleFilterHref(id)} className={`${LINK} font-mono text-xs`} title={`Servers failing ${id}`}>
            {id}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** One server of the list; the first cell (selection) is given by the table. */
export function ServerRow({ server, selectCell, staleAfterDays }: { server: ServerListItem; selectCell: ReactNode; staleAfterDays: number }) {
  return (
    <tr className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
      {selectCell}
      <th scope="row" className={`${TD} min-w-40 max-w-64 text-left font-normal`}>
        <Link href={serverHref(server.fqdn)} className={`${LINK} font-medium [overflow-wrap:anywhere]`}>
          {server.name}
        </Link>
        <span className={`block text-xs ${MUTED} [overflow-wrap:anywhere]`}>{server.fqdn}</span>
      </th>
      <td className={TD}>
        <VerdictBadge verdict={server.verdict} />
      </td>
      <td className={TD}>
        <ConfidenceStars stars={server.confidenceStars} />
      </td>
      <td className={`${TD} max-w-44`}>
        <Optional value={server.domain || null} />
      </td>
      <td className={`${TD} max-w-40`}>
        <Optional value={server.osName} />
      </td>
      <td className={`${TD} max-w-32`}>
        <Optional value={server.site} />
      </td>
      <td className={`${TD} max-w-36`}>
        <Optional value={server.owner} />
      </td>
      <td className={TD}>
        {server.blockingRuleIds.length > 0 ? (
          <RuleIds ids={server.blockingRuleIds} />
        ) : server.conditionRuleIds.length > 0 ? (
          <>
            <span className={`block text-xs ${MUTED}`}>Warnings:</span>
            <RuleIds ids={server.conditionRuleIds} />
          </>
        ) : (
          <span className={MUTED}>None</span>
        )}
      </td>
      <td className={`${TD} whitespace-nowrap`}>
        <DateTime value={server.factsCollectedAt} />
        {server.stale && (
          <span className="mt-0.5 flex items-center gap-1 text-xs font-medium text-amber-800 dark:text-amber-300" title={`No facts in the last ${staleAfterDays} days`}>
            <span aria-hidden="true">⚠</span>
            Stale
          </span>
        )}
      </td>
    </tr>
  );
}

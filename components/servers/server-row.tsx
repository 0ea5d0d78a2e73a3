import Link from "next/link";
import type { ReactNode } from "react";
import { ConfidenceStars } from "@/components/readiness/confidence-stars";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { DateTime } from "@/components/ui/date-time";
import type { ServerListItem } from "@/lib/data/servers";
import { RolloutStatusBadge } from "@/components/rollout/rollout-status-badge";
import { Breakable } from "./breakable";

const TD = "px-2 py-2 align-top text-sm";
const MUTED = "text-slate-500 dark:text-slate-400";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100 dark:decoration-brand-100/40";

export const serverHref = (fqdn: string) => `/servers/${encodeURIComponent(fqdn)}`;
export const ruleFilterHref = (ruleId: string) => `/servers?rule=${encodeURIComponent(ruleId)}`;

function Optional({ value }: { value: string | null }) {
  return value ? <Breakable text={value} /> : <span className={MUTED}>—</span>;
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
      <th scope="row" className={`${TD} text-left font-normal`}>
        <div className="min-w-32">
          <Link href={serverHref(server.fqdn)} className={`${LINK} font-medium`}>
            <Breakable text={server.name} />
          </Link>
          <span className={`block text-xs ${MUTED}`}>
            <Breakable text={server.fqdn} />
          </span>
        </div>
      </th>
      <td className={`${TD} whitespace-nowrap`}>
        <VerdictBadge verdict={server.verdict} />
      </td>
      <td className={`${TD} whitespace-nowrap`}>
        <ConfidenceStars stars={server.confidenceStars} />
      </td>
      <td className={TD}>
        <div className="min-w-20">
          <Optional value={server.domain || null} />
        </div>
      </td>
      <td className={TD}>
        <div className="min-w-20">
          <Optional value={server.osName} />
        </div>
      </td>
      <td className={TD}>
        <div className="min-w-20">
          <Optional value={server.site} />
          {server.owner && (
            <span className={`block text-xs ${MUTED}`}>
              <Breakable text={server.owner} />
            </span>
          )}
        </div>
      </td>
      <td className={TD}>
        <div className="min-w-28">
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
          {server.waivedRuleIds.length > 0 && (
            <span className="mt-1 block text-xs font-medium text-violet-800 dark:text-violet-300" title={`Waived: ${server.waivedRuleIds.join(", ")}`}>
              <span aria-hidden="true">≈ </span>
              {server.waivedRuleIds.length} waived
            </span>
          )}
        </div>
      </td>
      <td className={TD}>
        <div className="min-w-28 space-y-1">
          {server.rollout.wave ? (
            <Link href={`/rollout/waves/${encodeURIComponent(server.rollout.wave.id)}`} className={`${LINK} block text-xs`}>
              <Breakable text={server.rollout.wave.name} />
              {server.rollout.wave.archived && " (archived)"}
            </Link>
          ) : (
            <span className={`block text-xs ${MUTED}`}>No wave</span>
          )}
          <RolloutStatusBadge status={server.rollout.status} detected={server.rollout.source === "detected"} />
          {server.rollout.targetDate && (
            <span className={`block text-xs ${server.rollout.overdue ? "font-semibold text-red-700 dark:text-red-300" : MUTED}`}>
              {server.rollout.overdue ? `Overdue since ${server.rollout.targetDate}` : `Target ${server.rollout.targetDate}`}
            </span>
          )}
        </div>
      </td>
      <td className={TD}>
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

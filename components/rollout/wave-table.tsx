import Link from "next/link";
import type { WaveListItem } from "@/lib/data/rollout/waves";
import { VERDICT_LABELS, VERDICTS } from "@/lib/readiness";
import { ROLLOUT_STATUS_LABELS, ROLLOUT_STATUSES } from "@/lib/rollout/status";
import { GateBadge } from "./gate-badge";
import { MoveWaveButtons } from "./wave-controls";
import { plural } from "@/lib/text/plural";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
const TD = "px-2 py-2 align-top text-sm";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";
const MUTED = "text-slate-500 dark:text-slate-400";

export const waveHref = (id: string) => `/rollout/waves/${encodeURIComponent(id)}`;

function Counts({ counts, labels, order }: { counts: Record<string, number>; labels: Record<string, string>; order: readonly string[] }) {
  const present = order.filter((key) => counts[key]! > 0);
  if (present.length === 0) return <span className={MUTED}>—</span>;
  return (
    <ul className="space-y-0.5 text-xs">
      {present.map((key) => (
        <li key={key} className="whitespace-nowrap">
          <span className="tabular-nums font-medium">{counts[key]!.toLocaleString("en-US")}</span> {labels[key]}
        </li>
      ))}
    </ul>
  );
}

/** Every wave in order: servers, readiness and rollout counts, gate, window, owner, overdue. */
export function WaveTable({ waves, canPlan }: { waves: readonly WaveListItem[]; canPlan: boolean }) {
  const lastPosition = Math.max(0, ...waves.map((wave) => wave.position));
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">Rollout waves in order</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>#</th>
            <th scope="col" className={TH}>Wave</th>
            <th scope="col" className={TH}>Gate</th>
            <th scope="col" className={`${TH} text-right`}>Servers</th>
            <th scope="col" className={TH}>Readiness</th>
            <th scope="col" className={TH}>Rollout</th>
            <th scope="col" className={TH}>Window</th>
            <th scope="col" className={`${TH} text-right`}>Overdue</th>
            {canPlan && <th scope="col" className={TH}><span className="sr-only">Order</span></th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {waves.map((wave) => (
            <tr key={wave.id}>
              <td className={`${TD} tabular-nums ${MUTED}`}>{wave.archivedAt ? "—" : wave.position}</td>
              <th scope="row" className={`${TD} text-left font-normal`}>
                <Link href={waveHref(wave.id)} className={`${LINK} font-medium [overflow-wrap:anywhere]`}>
                  {wave.name}
                </Link>
                {wave.archivedAt && <span className={`ml-2 text-xs ${MUTED}`}>(archived)</span>}
                {wave.ownerName && <span className={`block text-xs ${MUTED} [overflow-wrap:anywhere]`}>Owner: {wave.ownerName}</span>}
              </th>
              <td className={TD}>
                {wave.archivedAt ? <span className={MUTED}>—</span> : <GateBadge status={wave.gate.status} />}
                {!wave.archivedAt && wave.gate.status === "no-go" && wave.gate.blockerCount > 0 && (
                  <span className={`block text-xs ${MUTED}`}>{plural(wave.gate.blockerCount, "blocker")}</span>
                )}
              </td>
              <td className={`${TD} text-right tabular-nums`}>{wave.servers.toLocaleString("en-US")}</td>
              <td className={TD}>
                <Counts counts={wave.byVerdict} labels={VERDICT_LABELS} order={VERDICTS} />
              </td>
              <td className={TD}>
                <Counts counts={wave.byStatus} labels={ROLLOUT_STATUS_LABELS} order={ROLLOUT_STATUSES} />
              </td>
              <td className={`${TD} whitespace-nowrap`}>
                {wave.startDate || wave.endDate ? `${wave.startDate ?? "…"} → ${wave.endDate ?? "…"}` : <span className={MUTED}>not set</span>}
              </td>
              <td className={`${TD} text-right tabular-nums ${wave.overdue > 0 ? "font-semibold text-red-700 dark:text-red-300" : ""}`}>
                {wave.overdue > 0 ? (
                  <Link href={`/servers?wave=${encodeURIComponent(wave.id)}&overdue=true`} className={LINK}>
                    {wave.overdue.toLocaleString("en-US")}
                  </Link>
                ) : (
                  "0"
                )}
              </td>
              {canPlan && (
                <td className={TD}>
                  {!wave.archivedAt && (
                    <MoveWaveButtons id={wave.id} name={wave.name} version={wave.version} position={wave.position} count={lastPosition} />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

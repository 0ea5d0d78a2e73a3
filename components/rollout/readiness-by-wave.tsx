import Link from "next/link";
import type { ReadinessByWave } from "@/lib/data/rollout/progress";
import { VERDICT_LABELS, VERDICTS } from "@/lib/readiness";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
const TD = "px-2 py-1.5 text-sm";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";

/** Servers per verdict in each active wave; every count links to those servers. */
export function ReadinessByWaveTable({ rows }: { rows: readonly ReadinessByWave[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No active waves.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">Servers per readiness verdict in each wave</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Wave</th>
            {VERDICTS.map((verdict) => (
              <th key={verdict} scope="col" className={`${TH} text-right`}>{VERDICT_LABELS[verdict]}</th>
            ))}
            <th scope="col" className={`${TH} text-right`}>Total</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.waveId}>
              <th scope="row" className={`${TD} min-w-32 text-left font-normal [overflow-wrap:anywhere]`}>
                <Link href={`/rollout/waves/${encodeURIComponent(row.waveId)}`} className={LINK}>
                  {row.name}
                </Link>
              </th>
              {VERDICTS.map((verdict) => (
                <td key={verdict} className={`${TD} text-right tabular-nums`}>
                  {row.byVerdict[verdict] > 0 ? (
                    <Link href={`/servers?wave=${encodeURIComponent(row.waveId)}&readiness=${verdict}`} className={LINK}>
                      {row.byVerdict[verdict].toLocaleString("en-US")}
                    </Link>
                  ) : (
                    "0"
                  )}
                </td>
              ))}
              <td className={`${TD} text-right tabular-nums font-medium`}>{row.total.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

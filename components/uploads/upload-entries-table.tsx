import type { UploadEntryDto } from "@/lib/data/uploads";
import { formatBytes, kindLabel } from "./labels";

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-3 py-1.5 align-top text-sm";
const TDN = `${TD} text-right tabular-nums`;

/** A committed archive's files (stored UploadEntry rows). Names are text from the archive: rendered as text only. */
export function UploadEntriesTable({ entries, caption, sheet }: { entries: readonly UploadEntryDto[]; caption: string; sheet: boolean }) {
  return (
    <div tabIndex={0} role="region" aria-label={caption} className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className={TH}>#</th>
            <th scope="col" className={TH}>{sheet ? "Sheet" : "File in the archive"}</th>
            <th scope="col" className={TH}>Kind / format</th>
            <th scope="col" className={`${TH} text-right`}>Records</th>
            <th scope="col" className={`${TH} text-right`}>Accepted</th>
            <th scope="col" className={`${TH} text-right`}>Rejected</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map((entry) => (
            <tr key={entry.position}>
              <td className={`${TD} tabular-nums text-slate-600 dark:text-slate-400`}>{entry.position.toLocaleString("en-US")}</td>
              <td className={`${TD} max-w-96 font-mono text-xs [overflow-wrap:anywhere]`}>
                {entry.name} <span className="font-sans text-slate-500">({formatBytes(entry.sizeBytes)})</span>
              </td>
              <td className={TD}>
                {kindLabel(entry.kind)} <span className="font-mono text-xs text-slate-500">({entry.format})</span>
              </td>
              <td className={TDN}>{entry.records.toLocaleString("en-US")}</td>
              <td className={TDN}>{entry.accepted.toLocaleString("en-US")}</td>
              <td className={`${TDN} ${entry.rejected > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{entry.rejected.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

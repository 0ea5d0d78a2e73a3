import { formatBytes, kindLabel, plural } from "./labels";
import type { UploadArchive } from "./upload-response";

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-3 py-1.5 align-top text-sm";

const CONTAINERS: Readonly<Record<string, string>> = { zip: "ZIP archive", gzip: "gzip file", "tar.gz": "tar.gz archive", xlsx: "Excel workbook" };

export function containerLabel(container: string): string {
  return CONTAINERS[container] ?? container;
}

/**
 * The files read from an archive (or the sheet read from a workbook), each with its format and counts. Names come
 * from the archive: shown as text only (escaped by React; control characters were escaped by the server).
 */
export function ArchiveEntries({ archive, caption }: { archive: UploadArchive; caption: string }) {
  const { container, entryCount, entries } = archive;
  const noun = container === "xlsx" ? "sheet" : "file";
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold">
        {containerLabel(container)}: {plural(entryCount, noun)} read
        {entries.length < entryCount && <span className="font-normal text-slate-600 dark:text-slate-400"> — {entries.length.toLocaleString("en-US")} listed (those with problems first)</span>}
      </h4>
      <div tabIndex={0} role="region" aria-label={caption} className="max-h-[20rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
            <tr>
              <th scope="col" className={TH}>#</th>
              <th scope="col" className={TH}>{container === "xlsx" ? "Sheet" : "File in the archive"}</th>
              <th scope="col" className={TH}>Kind / format</th>
              <th scope="col" className={TH}>Records</th>
              <th scope="col" className={TH}>Rejected</th>
              <th scope="col" className={TH}>Issues</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {entries.map((entry) => (
              <tr key={entry.position}>
                <td className={`${TD} tabular-nums text-slate-600 dark:text-slate-400`}>{entry.position.toLocaleString("en-US")}</td>
                <td className={`${TD} max-w-80 font-mono text-xs [overflow-wrap:anywhere]`}>
                  {entry.name} <span className="font-sans text-slate-500">({formatBytes(entry.sizeBytes)})</span>
                </td>
                <td className={TD}>{entry.format === "" ? <span className="text-slate-500">not read</span> : `${kindLabel(entry.kind)} · ${entry.format}`}</td>
                <td className={`${TD} tabular-nums`}>{entry.records.toLocaleString("en-US")}</td>
                <td className={`${TD} tabular-nums`}>{entry.rejected.toLocaleString("en-US")}</td>
                <td className={TD}>
                  {entry.errors > 0 && <span className="font-semibold text-red-800 dark:text-red-300">{plural(entry.errors, "error")}</span>}
                  {entry.errors > 0 && entry.warnings > 0 && ", "}
                  {entry.warnings > 0 && <span className="text-amber-900 dark:text-amber-300">{plural(entry.warnings, "warning")}</span>}
                  {entry.errors === 0 && entry.warnings === 0 && <span className="text-slate-500">none</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

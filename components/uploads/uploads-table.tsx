import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import type { UploadDto } from "@/lib/data/uploads";
import { containerLabel } from "./archive-entries";
import { formatBytes, kindLabel, plural, shortSha, uploaderLabel } from "./labels";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase text-slate-500 dark:text-slate-400";
const THN = `${TH} text-right`;
const TD = "px-2 py-2 align-top text-sm";
const TDN = `${TD} text-right tabular-nums`;

/** The uploads with their provenance, newest first; each file name opens the upload's page. */
export function UploadsTable({ uploads, formatLabels, caption }: { uploads: readonly UploadDto[]; formatLabels: ReadonlyMap<string, string>; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>When / by</th>
            <th scope="col" className={TH}>File</th>
            <th scope="col" className={TH}>Kind / format</th>
            <th scope="col" className={TH}>Producer</th>
            <th scope="col" className={THN}>Records</th>
            <th scope="col" className={THN}>Accepted</th>
            <th scope="col" className={THN}>Rejected</th>
            <th scope="col" className={THN}>Servers</th>
            <th scope="col" className={TH}>SHA-256</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {uploads.map((upload) => (
            <tr key={upload.id}>
              <td className={`${TD} whitespace-nowrap`}>
                <DateTime value={upload.createdAt} />
                <span className="block max-w-56 truncate text-xs text-slate-500 dark:text-slate-400" title={upload.uploadedBy}>
                  {uploaderLabel(upload.uploadedBy)}
                </span>
              </td>
              <td className={`${TD} min-w-40 max-w-80`}>
                <Link href={`/uploads/${encodeURIComponent(upload.id)}`} className="font-medium text-brand-600 [overflow-wrap:anywhere] underline dark:text-brand-100">
                  {upload.fileName}
                </Link>
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {formatBytes(upload.sizeBytes)}
                  {upload.container && upload.container !== "xlsx" && ` · ${containerLabel(upload.container)} of ${plural(upload.entryCount, "file")}`}
                </span>
              </td>
              <td className={`${TD} min-w-36`}>
                {kindLabel(upload.kind)}
                <span className="block text-xs text-slate-500 dark:text-slate-400">{formatLabels.get(upload.format) ?? upload.format}</span>
              </td>
              <td className={`${TD} text-xs`}>{upload.producerVersion ?? <span className="text-slate-500">not stated</span>}</td>
              <td className={TDN}>{upload.counts.records.toLocaleString("en-US")}</td>
              <td className={TDN}>{upload.counts.accepted.toLocaleString("en-US")}</td>
              <td className={`${TDN} ${upload.counts.rejected > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{upload.counts.rejected.toLocaleString("en-US")}</td>
              <td className={TDN}>{upload.counts.servers.toLocaleString("en-US")}</td>
              <td className={`${TD} font-mono text-xs`}>
                <abbr title={upload.sha256} className="no-underline">
                  {shortSha(upload.sha256)}
                </abbr>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

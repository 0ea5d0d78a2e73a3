import type { UploadIssue } from "./upload-response";

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-3 py-2 align-top text-sm";

export function SeverityLabel({ severity }: { severity: "error" | "warning" }) {
  return severity === "error" ? (
    <span className="inline-flex items-center gap-1 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-800 dark:bg-red-950 dark:text-red-200">
      <span aria-hidden="true">✕</span> Error
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      <span aria-hidden="true">!</span> Warning
    </span>
  );
}

/** Every issue as file / row / column / message / severity. Values are rendered as text only. */
export function IssuesTable({ issues, caption }: { issues: readonly UploadIssue[]; caption: string }) {
  if (issues.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No issues.</p>;
  return (
    // A scrolling region must be reachable by keyboard: focusable, and named for screen readers.
    <div tabIndex={0} role="region" aria-label={caption} className="max-h-[28rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className={TH}>File</th>
            <th scope="col" className={TH}>Row</th>
            <th scope="col" className={TH}>Column</th>
            <th scope="col" className={TH}>Message</th>
            <th scope="col" className={TH}>Severity</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {issues.map((issue, index) => (
            <tr key={index}>
              <td className={`${TD} min-w-28 max-w-56 [overflow-wrap:anywhere]`}>{issue.file}</td>
              <td className={`${TD} tabular-nums`}>{issue.row ?? <span className="text-slate-600 dark:text-slate-400">whole file</span>}</td>
              <td className={`${TD} max-w-48 font-mono text-xs [overflow-wrap:anywhere]`}>{issue.column ?? <span className="font-sans text-sm text-slate-600 dark:text-slate-400">—</span>}</td>
              <td className={`${TD} min-w-56 [overflow-wrap:anywhere]`}>{issue.message}</td>
              <td className={TD}>
                <SeverityLabel severity={issue.severity} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

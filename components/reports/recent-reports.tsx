import { DateTime } from "@/components/ui/date-time";
import type { RecentReport } from "@/lib/data/report-log";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-2 py-2 align-top text-sm [overflow-wrap:anywhere]";

const KIND_LABELS: Record<string, string> = {
  "fleet.pdf": "Fleet readiness PDF",
  "wave.pdf": "Wave PDF",
  "server.pdf": "Server PDF",
  "changes.pdf": "Changes PDF",
  "servers.csv": "Servers CSV",
  "results.csv": "Results CSV",
  "servers.xlsx": "Servers Excel",
};

/** "ruleset rs-…, 8 uploads (newest demo-hosts.collector.json)" from a recorded provenance. */
export function provenanceText(provenance: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof provenance.rulesetVersion === "string") parts.push(`ruleset ${provenance.rulesetVersion}`);
  const newest = Array.isArray(provenance.newestUploads) ? (provenance.newestUploads[0] as { fileName?: unknown } | undefined) : undefined;
  if (typeof provenance.uploads === "number") {
    parts.push(`${provenance.uploads} ${provenance.uploads === 1 ? "upload" : "uploads"}${typeof newest?.fileName === "string" ? ` (newest ${newest.fileName})` : ""}`);
  }
  if (typeof provenance.dataAsOf === "string") parts.push(`data as of ${provenance.dataAsOf.slice(0, 16).replace("T", " ")} UTC`);
  return parts.join(", ") || "—";
}

/** The recently generated reports and exports from the audit log: when, who, what, for which scope, from which data. */
export function RecentReports({ reports }: { reports: readonly RecentReport[] }) {
  if (reports.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No report has been generated yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-700">
        <caption className="sr-only">Recently generated reports and exports</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>When</th>
            <th scope="col" className={TH}>Who</th>
            <th scope="col" className={TH}>Report</th>
            <th scope="col" className={TH}>Scope</th>
            <th scope="col" className={TH}>Based on</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {reports.map((report, index) => (
            <tr key={`${report.at}-${index}`}>
              <td className={`${TD} whitespace-nowrap`}>
                <DateTime value={report.at} />
              </td>
              <td className={TD}>{report.by}</td>
              <td className={TD}>{KIND_LABELS[report.kind] ?? report.kind}</td>
              <td className={TD}>{report.scope}</td>
              <td className={`${TD} text-slate-600 dark:text-slate-400`}>{provenanceText(report.provenance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

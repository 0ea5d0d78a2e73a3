import type { UploadCounts as Counts } from "./upload-response";

/** Records / accepted / rejected / servers as a definition list. */
export function UploadCounts({ counts, label }: { counts: Counts; label: string }) {
  const items: [string, number, string][] = [
    ["Records", counts.records, ""],
    ["Accepted", counts.accepted, ""],
    ["Rejected", counts.rejected, counts.rejected > 0 ? "text-red-700 dark:text-red-400" : ""],
    ["Servers affected", counts.servers, ""],
  ];
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {items.map(([name, value, tone]) => (
        <div key={name} className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
          <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{name}</dt>
          <dd className={`text-lg font-semibold tabular-nums ${tone}`}>{value.toLocaleString("en-US")}</dd>
        </div>
      ))}
    </dl>
  );
}

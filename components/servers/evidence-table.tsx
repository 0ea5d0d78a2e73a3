import type { Evidence } from "@/lib/rules";
import { compactJson } from "./result-groups";

const TH = "px-2 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-2 py-1.5 align-top text-xs";

/** What the rule inspected: the fact, the value observed (compact JSON) and what was expected. */
export function EvidenceTable({ evidence, caption }: { evidence: readonly Evidence[]; caption: string }) {
  if (evidence.length === 0) return null;
  return (
    <div className="mt-3 overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-700">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-800/60">
          <tr>
            <th scope="col" className={TH}>Fact</th>
            <th scope="col" className={TH}>Observed</th>
            <th scope="col" className={TH}>Expected</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {evidence.map((item, i) => (
            <tr key={`${item.fact}-${i}`}>
              <th scope="row" className={`${TD} text-left font-mono font-normal [overflow-wrap:anywhere]`}>{item.fact}</th>
              <td className={`${TD} max-w-md font-mono [overflow-wrap:anywhere]`}>{compactJson(item.actual)}</td>
              <td className={`${TD} max-w-md [overflow-wrap:anywhere]`}>{item.expected}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

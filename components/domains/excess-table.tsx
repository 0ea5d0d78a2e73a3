import { TD, TH } from "@/components/rules/labels";
import type { ExcessFinding } from "@/lib/rules";
import { AceSummary } from "./ace-summary";

/** ACEs that grant the gMSA more than the documented set, with the excess rights and their risk. */
export function ExcessTable({ excess, caption }: { excess: readonly ExcessFinding[]; caption: string }) {
  if (excess.length === 0) return <p className="text-sm">No ACE grants the gMSA more than the documented set.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>ACE</th>
            <th scope="col" className={TH}>Rights beyond the documented set</th>
            <th scope="col" className={TH}>Risk</th>
            <th scope="col" className={TH}>Why</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {excess.map((finding) => (
            <tr key={finding.ace.index}>
              <td className={`${TD} min-w-[16rem]`}>
                <AceSummary ace={finding.ace} />
              </td>
              <td className={`${TD} [overflow-wrap:anywhere]`}>{finding.excessRightsNames.join(", ")}</td>
              <td className={`${TD} whitespace-nowrap`}>
                {finding.risk === "high" ? (
                  <span className="font-medium text-red-800 dark:text-red-300">
                    <span aria-hidden="true">! </span>High (can change objects or ACLs)
                  </span>
                ) : (
                  <span>Low (read-only)</span>
                )}
              </td>
              <td className={`${TD} min-w-[14rem] [overflow-wrap:anywhere]`}>{finding.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

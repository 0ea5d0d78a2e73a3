import { TD, TH } from "@/components/rules/labels";
import type { PermissionSetNeed } from "@/lib/data/domain-views";
import type { AclAnalysis, PermissionSetId } from "@/lib/rules";
import { AceSummary } from "./ace-summary";
import { PermissionStatus } from "./permission-status";

const SET_LABELS: Record<PermissionSetId, string> = {
  "custom-gmsa": "Custom gMSA permissions (documented table)",
  "password-hash-sync": "Password hash sync",
  "password-writeback": "Password writeback",
  "group-provisioning": "Group provisioning to Active Directory",
  "exchange-hybrid": "Exchange hybrid writeback",
};

/** The documented permissions, by set, against what the export grants: status, the ACEs that satisfy or deny, and notes. */
export function PermissionsTable({ analysis, sets, caption }: { analysis: AclAnalysis; sets: readonly PermissionSetNeed[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Access</th>
            <th scope="col" className={TH}>Applies to</th>
            <th scope="col" className={TH}>Status</th>
            <th scope="col" className={TH}>Granted or denied by</th>
          </tr>
        </thead>
        {sets.map((need) => {
          const findings = analysis.permissions.filter((p) => p.set === need.set);
          if (findings.length === 0) return null;
          return (
            <tbody key={need.set} className="divide-y divide-slate-100 dark:divide-slate-800">
              <tr className="bg-slate-50 dark:bg-slate-800/60">
                <th scope="rowgroup" colSpan={4} className="px-3 py-2 text-left text-sm">
                  <span className="font-semibold">{SET_LABELS[need.set]}</span>
                  <span className="ml-2 font-normal text-slate-700 dark:text-slate-300">
                    {need.required ? "Required." : "Not required."} {need.reason}
                  </span>
                </th>
              </tr>
              {findings.map((finding) => (
                <tr key={finding.id} data-permission={finding.id}>
                  <th scope="row" className={`${TD} text-left font-medium`}>
                    {finding.access}
                  </th>
                  <td className={TD}>{finding.appliesTo}</td>
                  <td className={`${TD} min-w-[10rem]`}>
                    <PermissionStatus finding={finding} required={need.required} />
                  </td>
                  <td className={`${TD} min-w-[18rem]`}>
                    {finding.satisfiedBy.map((ace) => (
                      <AceSummary key={`s-${ace.index}`} ace={ace} />
                    ))}
                    {finding.deniedBy.map(({ ace, partial }) => (
                      <span key={`d-${ace.index}`} className="block text-red-800 dark:text-red-300">
                        {partial ? "Partly denied by " : "Denied by "}
                        <AceSummary ace={ace} />
                      </span>
                    ))}
                    {finding.satisfiedBy.length === 0 && finding.deniedBy.length === 0 && (
                      <span className="text-slate-600 dark:text-slate-400">No ACE grants it.</span>
                    )}
                    {finding.notes.length > 0 && (
                      <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-slate-600 dark:text-slate-400">
                        {finding.notes.map((note, index) => (
                          <li key={index} className="[overflow-wrap:anywhere]">
                            {note}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

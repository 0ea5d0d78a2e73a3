import { TD, TH } from "@/components/rules/labels";
import type { DenyFinding } from "@/lib/rules";
import { AceSummary } from "./ace-summary";

/** Deny ACEs for the gMSA or its groups, and which required permissions each takes away. */
export function DenyTable({ denies, caption }: { denies: readonly DenyFinding[]; caption: string }) {
  if (denies.length === 0) return <p className="text-sm">No Deny ACE applies to the gMSA or its groups.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>Deny ACE</th>
            <th scope="col" className={TH}>Required permissions it takes away</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {denies.map((deny) => (
            <tr key={deny.ace.index}>
              <td className={`${TD} min-w-[16rem]`}>
                <AceSummary ace={deny.ace} />
              </td>
              <td className={TD}>
                {deny.cancels.length === 0 ? (
                  "None of the required permissions."
                ) : (
                  <ul className="list-disc pl-4">
                    {deny.cancels.map((c) => (
                      <li key={c.permissionId}>
                        {c.label}
                        {c.partial && " (partly)"}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

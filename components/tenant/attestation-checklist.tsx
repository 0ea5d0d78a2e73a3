import Link from "next/link";
import { LINK, TD, TH } from "@/components/rules/labels";
import { DateTime } from "@/components/ui/date-time";
import type { AttestationItem } from "@/lib/data/tenant-views";
import { AttestationForm } from "./attestation-form";
import { ATTESTATION_INFO } from "./attestation-info";
import { AttestationState } from "./attestation-state";

/** Every attestation the rules read: what it asks and why, its current state and history; a form for leads and admins. */
export function AttestationChecklist({ items, canAttest }: { items: readonly AttestationItem[]; canAttest: boolean }) {
  return (
    <ul className="space-y-5">
      {items.map((item) => {
        const info = ATTESTATION_INFO[item.key];
        return (
          <li key={item.key} className="rounded-md border border-slate-200 p-4 dark:border-slate-700" data-attestation={item.key}>
            <h3 className="text-sm font-semibold">{info.label}</h3>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {info.why}{" "}
              <Link href={`/rules/${info.ruleId}`} className={LINK}>
                Rule {info.ruleId}
              </Link>
            </p>
            <div className="mt-3">
              <AttestationState current={item.current} />
            </div>
            <div className="mt-4">
              {canAttest ? (
                <AttestationForm attestationKey={item.key} label={info.label} />
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">Project leads and admins record attestations; your role can read them.</p>
              )}
            </div>
            {item.history.length > 0 && (
              <details className="mt-4">
                <summary className="cursor-pointer text-sm text-slate-700 dark:text-slate-300">History ({item.history.length})</summary>
                <div className="mt-2 overflow-x-auto">
                  <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
                    <caption className="sr-only">History of the {item.key} attestation, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col" className={TH}>When</th>
                        <th scope="col" className={TH}>By</th>
                        <th scope="col" className={TH}>Attested</th>
                        <th scope="col" className={TH}>Note</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                      {item.history.map((entry, index) => (
                        <tr key={`${entry.at}-${index}`}>
                          <td className={`${TD} whitespace-nowrap`}>
                            <DateTime value={entry.at} />
                          </td>
                          <td className={`${TD} [overflow-wrap:anywhere]`}>{entry.by}</td>
                          <td className={TD}>{entry.attested ? "Yes" : "No"}</td>
                          <td className={`${TD} [overflow-wrap:anywhere]`}>{entry.note ?? "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

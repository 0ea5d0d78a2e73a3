import Link from "next/link";
import { StatusBadge } from "@/components/readiness/status-badge";
import { getRule, type RuleResult } from "@/lib/rules";
import { EvidenceList } from "./evidence-list";
import { LINK, TD, TH } from "./labels";

/**
 * Shared rule results (domain, gMSA ACL, tenant, sync scope): status (icon + text), the rule (linked to its page),
 * the message and the evidence. An unknown result also says what to collect.
 */
export function RuleResultsTable({ results, caption, empty }: { results: readonly RuleResult[]; caption: string; empty: string }) {
  if (results.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={`${TH} w-32`}>Status</th>
            <th scope="col" className={TH}>Rule</th>
            <th scope="col" className={TH}>Result and evidence</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {results.map((result) => {
            const rule = getRule(result.ruleId);
            return (
              <tr key={result.ruleId}>
                <td className={TD}>
                  <StatusBadge status={result.status} severity={result.severity} />
                </td>
                <th scope="row" className={`${TD} max-w-sm text-left font-normal`}>
                  <Link href={`/rules/${result.ruleId}`} className={LINK}>
                    {rule?.meta.title ?? result.ruleId}
                  </Link>
                  <span className="mt-0.5 block font-mono text-xs text-slate-600 dark:text-slate-400">{result.ruleId}</span>
                </th>
                <td className={`${TD} min-w-[18rem]`}>
                  <p className="[overflow-wrap:anywhere]">{result.message}</p>
                  {result.status === "unknown" && result.reason && (
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-400 [overflow-wrap:anywhere]">
                      <span className="font-semibold">To collect:</span>{" "}
                      {result.reason.collect.trim() !== "" && <code className="font-mono">{result.reason.collect}</code>}
                      {result.reason.collectNote && <span> {result.reason.collectNote}</span>}
                    </p>
                  )}
                  {result.waiver && (
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-400 [overflow-wrap:anywhere]">
                      Waived by {result.waiver.by}: {result.waiver.reason}
                    </p>
                  )}
                  <EvidenceList evidence={result.evidence} collapsible />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

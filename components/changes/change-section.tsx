import Link from "next/link";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { DateTime } from "@/components/ui/date-time";
import { CHANGE_CAUSE_HINTS, CHANGE_CAUSE_LABELS, type ChangeGroup } from "@/lib/data/changes";
import { plural, ruleChangeText } from "@/lib/reports/changes/words";

const TH = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
const TD = "px-2 py-1.5 align-top text-sm";
const LINK = "text-brand-600 underline decoration-brand-600/40 hover:decoration-brand-600 dark:text-brand-100";
const MUTED = "text-slate-500 dark:text-slate-400";

/** How many rows of one cause the page shows (the PDF lists them all). */
export const PAGE_ROWS_PER_CAUSE = 200;

/** One cause: what it means, then each server with before → after, when, why exactly, and the rules that changed. */
export function ChangeSection({ group }: { group: ChangeGroup }) {
  const rows = group.changes.slice(0, PAGE_ROWS_PER_CAUSE);
  const headingId = `cause-${group.cause}-heading`;
  return (
    <section id={`cause-${group.cause}`} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id={headingId} className="text-base font-semibold">
        {CHANGE_CAUSE_LABELS[group.cause]}
        <span className={`ml-2 text-sm font-normal ${MUTED}`}>
          {`${plural(group.changes.length, "server")} · ${group.improved} improved · ${group.worse} got worse`}
        </span>
      </h2>
      <p className={`mt-1 mb-3 text-sm ${MUTED}`}>{CHANGE_CAUSE_HINTS[group.cause]}</p>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
          <caption className="sr-only">{`Servers whose verdict changed: ${CHANGE_CAUSE_LABELS[group.cause]}`}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>Server</th>
              <th scope="col" className={TH}>Before → after</th>
              <th scope="col" className={TH}>When</th>
              <th scope="col" className={TH}>What exactly</th>
              <th scope="col" className={TH}>Rules that changed</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((change) => (
              <tr key={change.fqdn}>
                <th scope="row" className={`${TD} text-left font-normal`}>
                  <Link href={`/servers/${encodeURIComponent(change.fqdn)}`} className={`${LINK} font-medium [overflow-wrap:anywhere]`}>
                    {change.name}
                  </Link>
                  <span className={`block text-xs ${MUTED} [overflow-wrap:anywhere]`}>{change.domain || "no domain"}</span>
                </th>
                <td className={TD}>
                  <span className="inline-flex flex-wrap items-center gap-1">
                    <VerdictBadge verdict={change.before} />
                    <span aria-label="became">→</span>
                    <VerdictBadge verdict={change.after} />
                  </span>
                  <span className={`block text-xs font-medium ${change.direction === "improved" ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}>
                    {change.direction === "improved" ? "▲ improved" : "▼ got worse"}
                  </span>
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  <DateTime value={change.at} />
                </td>
                <td className={`${TD} max-w-xs [overflow-wrap:anywhere]`}>{change.causeDetail ?? <span className={MUTED}>—</span>}</td>
                <td className={TD}>
                  {change.rules.length === 0 ? (
                    <span className={MUTED}>—</span>
                  ) : (
                    <ul className="space-y-0.5">
                      {change.rules.slice(0, 6).map((rule) => (
                        <li key={rule.ruleId} className="font-mono text-xs">
                          <span aria-hidden="true" className={rule.to === "fail" ? "text-red-800 dark:text-red-300" : "text-green-800 dark:text-green-300"}>
                            {rule.to === "fail" ? "+ " : "− "}
                          </span>
                          <Link href={`/rules/${encodeURIComponent(rule.ruleId)}`} className={LINK}>
                            {ruleChangeText(rule)}
                          </Link>
                        </li>
                      ))}
                      {change.rules.length > 6 && <li className={`text-xs ${MUTED}`}>{`and ${change.rules.length - 6} more`}</li>}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {group.changes.length > rows.length && (
        <p className={`mt-3 text-sm ${MUTED}`}>
          {`Showing the first ${rows.length.toLocaleString("en-US")} of ${group.changes.length.toLocaleString("en-US")} (worst first). The PDF lists them all; a filter or a shorter period narrows the list.`}
        </p>
      )}
    </section>
  );
}

import Link from "next/link";
import type { RuleCounts } from "@/lib/data/rule-views";
import { serverFiltersToSearch } from "@/lib/views/server-filters";
import { LINK } from "./labels";

const fmt = (n: number) => n.toLocaleString("en-US");
const servers = (n: number) => `${fmt(n)} ${n === 1 ? "server" : "servers"}`;

/** The failing count of a rule, linked to the server list filtered on it. */
export function FailingCountLink({ ruleId, count }: { ruleId: string; count: number }) {
  if (count === 0) return <span className="text-slate-600 dark:text-slate-400">0</span>;
  return (
    <Link href={`/servers${serverFiltersToSearch({ rule: ruleId })}`} className={`${LINK} font-semibold`} aria-label={`${servers(count)} failing ${ruleId}: show them`}>
      {fmt(count)}
    </Link>
  );
}

/** Unknown, passing or waived: linked to the rule's page (the server list filters on failures only). */
export function CountToRulePage({ ruleId, count, status }: { ruleId: string; count: number; status: string }) {
  if (count === 0) return <span className="text-slate-600 dark:text-slate-400">0</span>;
  return (
    <Link href={`/rules/${ruleId}#servers-heading`} className={LINK} aria-label={`${servers(count)} ${status} for ${ruleId}: open the rule`}>
      {fmt(count)}
    </Link>
  );
}

/** A rule's counts on its own page: every status, with the failing servers one click away. */
export function RuleCountsSummary({ ruleId, counts }: { ruleId: string; counts: RuleCounts }) {
  const total = counts.pass + counts.fail + counts.unknown + counts.waived;
  const items: [string, number, string][] = [
    ["Failing", counts.fail, "Servers where the rule fails (any severity)."],
    ["Blocked by it", counts.blocking, "Servers this rule makes Not ready (a failing blocker)."],
    ["Unknown", counts.unknown, "Servers where a fact the rule needs was not collected."],
    ["Passing", counts.pass, "Servers that meet the requirement."],
    ["Waived", counts.waived, "Failures accepted by a waiver."],
  ];
  return (
    <div>
      <dl className="grid gap-3 sm:grid-cols-5">
        {items.map(([label, value, hint]) => (
          <div key={label} className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400" title={hint}>
              {label}
            </dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{fmt(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        {total === 0 ? (
          "No server has a result for this rule yet (it may not apply to any, or nothing was uploaded)."
        ) : counts.fail > 0 ? (
          <Link href={`/servers${serverFiltersToSearch({ rule: ruleId })}`} className={LINK}>
            Show the {servers(counts.fail)} failing this rule
          </Link>
        ) : (
          `No server fails this rule (${servers(total)} with a result).`
        )}
      </p>
    </div>
  );
}

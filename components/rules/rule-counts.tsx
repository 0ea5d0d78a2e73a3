import Link from "next/link";
import type { ReactNode } from "react";
import type { RuleCounts } from "@/lib/data/rule-views";
import type { Severity } from "@/lib/rules";
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

/**
 * A rule's counts on its own page: every status as a number, then one line each on what the number means, with the
 * server list (or the waivers) filtered accordingly one click away.
 */
export function RuleCountsSummary({ ruleId, severity, counts }: { ruleId: string; severity: Severity; counts: RuleCounts }) {
  const total = counts.pass + counts.fail + counts.unknown + counts.waived;
  const failing = `/servers${serverFiltersToSearch({ rule: ruleId })}`;
  const blocked = `/servers${serverFiltersToSearch({ rule: ruleId, readiness: ["not-ready"] })}`;
  const waivers = `/rollout/waivers?rule=${encodeURIComponent(ruleId)}`;
  const items: { label: string; value: number; meaning: ReactNode; href?: string; linkText?: string }[] = [
    {
      label: "Failing",
      value: counts.fail,
      meaning: "servers whose facts do not meet this requirement, whatever the severity of the failure.",
      href: counts.fail > 0 ? failing : undefined,
      linkText: `Show the ${servers(counts.fail)} failing this rule`,
    },
    {
      label: "Blocked by it",
      value: counts.blocking,
      meaning:
        severity === "blocker"
          ? "failing servers for which this failure is a blocker: each is Not ready until it is fixed (other blockers may remain)."
          : `none can be: a ${severity} never makes a server Not ready${severity === "warning" ? " (a failure makes it Ready with conditions)" : ""}.`,
      href: counts.blocking > 0 ? blocked : undefined,
      linkText: "Show the Not ready servers failing this rule",
    },
    {
      label: "Unknown",
      value: counts.unknown,
      meaning: "servers missing a fact this rule needs: not judged until it is collected (each server's page says how).",
    },
    { label: "Passing", value: counts.pass, meaning: "servers that meet the requirement." },
    {
      label: "Waived",
      value: counts.waived,
      meaning: "failures accepted by an active waiver: counted neither as failing nor as blocking.",
      href: counts.waived > 0 ? waivers : undefined,
      linkText: "Show the waivers",
    },
  ];
  return (
    <div>
      <dl className="grid gap-3 sm:grid-cols-5">
        {items.map(({ label, value }) => (
          <div key={label} className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{fmt(value)}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 text-sm font-semibold">What the numbers mean</h3>
      <ul className="mt-1 space-y-1 text-sm" aria-label="What the numbers mean">
        {items.map(({ label, value, meaning, href, linkText }) => (
          <li key={label} data-count={label}>
            <span className="font-medium">{label}</span> <span className="tabular-nums">({fmt(value)})</span>: {meaning}
            {href && linkText && (
              <>
                {" "}
                <Link href={href} className={LINK}>
                  {linkText}
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        {total === 0
          ? "No server has a result for this rule yet (it may not apply to any, or nothing was uploaded)."
          : `${servers(total)} have a result for this rule; servers it does not apply to are in none of these counts.`}
      </p>
    </div>
  );
}

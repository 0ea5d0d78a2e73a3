import Link from "next/link";
import { StatusBadge } from "@/components/readiness/status-badge";
import { LINK, TD, TH } from "@/components/rules/labels";
import type { ConfigurationCheck, ConfigurationLimits } from "@/lib/data/tenant-views";
import { getRule, SCOPE_MEASURE_RULES, type ScopeLimits } from "@/lib/rules";

const fmt = (n: number) => n.toLocaleString("en-US");
const NOT_COLLECTED = "not collected";
const onOff = (value: boolean | null) => (value === null ? NOT_COLLECTED : value ? "on" : "off");

interface Row {
  ruleId: string;
  label: string;
  value: string;
  limit: string;
}

function rows(config: ConfigurationLimits, limits: ScopeLimits): Row[] {
  const entries =
    config.separateEntries !== null
      ? `${fmt(config.separateEntries)} (${fmt(config.ous ?? 0)} OUs + ${fmt(config.groups ?? 0)} groups)`
      : `${config.ous === null ? NOT_COLLECTED : fmt(config.ous)} OUs, ${config.groups === null ? NOT_COLLECTED : fmt(config.groups)} groups`;
  const uncounted = config.uncountedGroups.length > 0 ? `; not counted: ${config.uncountedGroups.join(", ")}` : "";
  const largest =
    config.groups === null
      ? NOT_COLLECTED
      : config.groups === 0
        ? "No scoping groups"
        : config.largestGroup
          ? `${config.largestGroup.name}: ${fmt(config.largestGroup.memberCount)} members${uncounted}`
          : `Member counts not collected (${config.uncountedGroups.join(", ")})`;
  const objects =
    config.objectCount === null
      ? NOT_COLLECTED
      : config.domain && config.domainObjectTotal !== config.objectCount
        ? `${fmt(config.objectCount)} in this configuration; ${config.domainObjectTotal === null ? "total not known" : fmt(config.domainObjectTotal)} for ${config.domain} (all its configurations)`
        : fmt(config.objectCount);
  return [
    {
      ruleId: SCOPE_MEASURE_RULES.separateEntries,
      label: "Separate OUs and groups",
      value: entries,
      limit: `At most ${limits.separateEntriesSoft} (4 MB cap; warning above); never more than ${limits.separateEntriesHard}`,
    },
    { ruleId: SCOPE_MEASURE_RULES.largestGroup, label: "Largest scoping group", value: largest, limit: `At most ${fmt(limits.membersPerGroup)} members per group` },
    { ruleId: SCOPE_MEASURE_RULES.objects, label: "Objects in scope", value: objects, limit: `At most ${fmt(limits.objectsPerDomain)} per AD domain` },
    {
      ruleId: SCOPE_MEASURE_RULES.phsInetOrgPerson,
      label: "Password hash sync and InetOrgPerson",
      value: `Password hash sync ${onOff(config.passwordHashSync)}; ${config.inetOrgPersonCount === null ? NOT_COLLECTED : fmt(config.inetOrgPersonCount)} InetOrgPerson objects`,
      limit: "Not supported together",
    },
    {
      ruleId: SCOPE_MEASURE_RULES.groupScoping,
      label: "Scoping by group",
      value: config.groups === null ? NOT_COLLECTED : config.groups === 0 ? "OU scoping only" : `${fmt(config.groups)} scoping groups`,
      limit: "Group scoping is meant for pilots (first-level members only)",
    },
  ];
}

function CheckCell({ check }: { check: ConfigurationCheck | undefined }) {
  if (!check) return <span className="text-slate-600 dark:text-slate-400">—</span>;
  return (
    <div>
      {check.status === "not-applicable" ? (
        <span className="text-sm text-slate-700 dark:text-slate-300">
          <span aria-hidden="true">– </span>Not applicable
        </span>
      ) : (
        <StatusBadge status={check.status} severity={check.severity} />
      )}
      <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400 [overflow-wrap:anywhere]">{check.message}</p>
    </div>
  );
}

/** One sync configuration's numbers against the documented limits, each judged by its scope rule on this configuration. */
export function ScopeConfiguration({ config, limits }: { config: ConfigurationLimits; limits: ScopeLimits }) {
  const known = rows(config, limits);
  const extra = config.checks.filter((c) => !known.some((row) => row.ruleId === c.ruleId));
  const headingId = `scope-config-${config.index}`;
  return (
    <section aria-labelledby={headingId} className="rounded-md border border-slate-200 p-4 dark:border-slate-700">
      <h3 id={headingId} className="text-sm font-semibold [overflow-wrap:anywhere]">
        {config.name}
      </h3>
      <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400 [overflow-wrap:anywhere]">
        Domain {config.domain ?? NOT_COLLECTED} · password hash sync {onOff(config.passwordHashSync)} · password writeback {onOff(config.passwordWriteback)}
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
          <caption className="sr-only">{config.name} against the documented scoping limits</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>Limit</th>
              <th scope="col" className={TH}>This configuration</th>
              <th scope="col" className={TH}>Documented</th>
              <th scope="col" className={TH}>Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {known.map((row) => (
              <tr key={row.ruleId} data-rule-id={row.ruleId}>
                <th scope="row" className={`${TD} text-left font-medium`}>
                  <Link href={`/rules/${row.ruleId}`} className={LINK}>
                    {row.label}
                  </Link>
                </th>
                <td className={`${TD} tabular-nums [overflow-wrap:anywhere]`}>{row.value}</td>
                <td className={TD}>{row.limit}</td>
                <td className={`${TD} min-w-[12rem]`}>
                  <CheckCell check={config.checks.find((c) => c.ruleId === row.ruleId)} />
                </td>
              </tr>
            ))}
            {extra.map((check) => (
              <tr key={check.ruleId} data-rule-id={check.ruleId}>
                <th scope="row" className={`${TD} text-left font-medium`}>
                  <Link href={`/rules/${check.ruleId}`} className={LINK}>
                    {getRule(check.ruleId)?.meta.title ?? check.ruleId}
                  </Link>
                </th>
                <td className={TD}>—</td>
                <td className={TD}>—</td>
                <td className={`${TD} min-w-[12rem]`}>
                  <CheckCell check={check} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

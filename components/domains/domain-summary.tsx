import Link from "next/link";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { LINK, TD, TH } from "@/components/rules/labels";
import type { DomainView } from "@/lib/data/domain-views";
import type { DomainFixCoverage } from "@/lib/remediation/domain-fix-script";
import type { Readiness } from "@/lib/readiness";
import { serverFiltersToSearch } from "@/lib/views/server-filters";
import { domainAnchor } from "./domain-section";
import { coverageText, domainFixScriptHref } from "./fix-script-link";

export interface DomainSummaryRow {
  view: DomainView;
  /** The roll-up of the domain's shared results (domain, fleet and gMSA rules), as every server of the domain inherits it. */
  readiness: Readiness;
  coverage: DomainFixCoverage;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function RuleList({ ids, label, getTitle }: { ids: readonly string[]; label: string; getTitle: (id: string) => string }) {
  if (ids.length === 0) return null;
  return (
    <div>
      <span className="text-xs text-slate-600 dark:text-slate-400">{label}: </span>
      <ul className="inline">
        {ids.map((id, i) => (
          <li key={id} className="inline">
            {i > 0 && ", "}
            <Link href={`/rules/${id}`} title={getTitle(id)} className={`${LINK} font-mono text-xs font-normal`}>
              {id}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One row per domain: verdict of its shared rules, the failing ones by name, its servers and its fix script. */
export function DomainSummary({ rows, getTitle }: { rows: readonly DomainSummaryRow[]; getTitle: (id: string) => string }) {
  return (
    <section aria-labelledby="domains-summary" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="domains-summary" className="mb-1 text-base font-semibold">
        Summary
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        The verdict of each domain&apos;s own rules (domain and gMSA permissions), which every server of the domain inherits. Open a domain below for
        its facts, evidence and the gMSA&apos;s permission table.
      </p>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
          <caption className="sr-only">Domains at a glance</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                Domain
              </th>
              <th scope="col" className={TH}>
                Domain rules
              </th>
              <th scope="col" className={TH}>
                Failing rules
              </th>
              <th scope="col" className={TH}>
                Servers
              </th>
              <th scope="col" className={TH}>
                Fix script
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map(({ view, readiness, coverage }) => {
              const failing = readiness.blockingRuleIds.length + readiness.conditionRuleIds.length;
              const notReady = view.servers.byVerdict["not-ready"];
              return (
                <tr key={view.domain} data-domain={view.domain}>
                  <th scope="row" className={`${TD} whitespace-nowrap text-left font-normal`}>
                    <a href={`#${domainAnchor(view.domain)}`} className={`${LINK} [overflow-wrap:anywhere]`}>
                      {view.domain}
                    </a>
                  </th>
                  <td className={TD}>
                    {view.evaluatedAt === null ? (
                      <span className="text-slate-600 dark:text-slate-400">Not evaluated yet</span>
                    ) : (
                      <VerdictBadge verdict={readiness.verdict} />
                    )}
                  </td>
                  <td className={`${TD} min-w-[16rem] space-y-1`}>
                    <p>
                      {failing === 0 ? "None failing" : `${fmt(failing)} failing`}
                      {readiness.unknownRuleIds.length > 0 && <span className="text-slate-600 dark:text-slate-400">, {fmt(readiness.unknownRuleIds.length)} without data</span>}
                    </p>
                    <RuleList ids={readiness.blockingRuleIds} label="Blockers" getTitle={getTitle} />
                    <RuleList ids={readiness.conditionRuleIds} label="Warnings" getTitle={getTitle} />
                  </td>
                  <td className={`${TD} whitespace-nowrap`}>
                    {view.servers.total === 0 ? (
                      <span className="text-slate-600 dark:text-slate-400">none uploaded</span>
                    ) : (
                      <>
                        <Link href={`/servers${serverFiltersToSearch({ domain: view.domain })}`} className={`${LINK} tabular-nums`}>
                          {fmt(view.servers.total)} {view.servers.total === 1 ? "server" : "servers"}
                        </Link>
                        <span className="block text-xs text-slate-600 dark:text-slate-400">
                          {failing > 0 && readiness.blockingRuleIds.length > 0 ? "all blocked by the domain rules" : `${fmt(notReady)} not ready`}
                        </span>
                      </>
                    )}
                  </td>
                  <td className={`${TD} whitespace-nowrap`}>
                    {coverage.steps.length === 0 ? (
                      <span className="text-slate-600 dark:text-slate-400">Nothing to script</span>
                    ) : (
                      <>
                        <a href={domainFixScriptHref(view.domain)} download className={LINK} aria-label={`Fix script for ${view.domain}`}>
                          Fix script
                        </a>
                        <span className="block text-xs text-slate-600 dark:text-slate-400">{coverageText(coverage)}</span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

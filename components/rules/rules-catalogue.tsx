import Link from "next/link";
import { SeverityLabel } from "@/components/readiness/status-badge";
import { Card } from "@/components/ui/card";
import { NO_COUNTS, type RuleCounts } from "@/lib/data/rule-views";
import type { Rule } from "@/lib/rules";
import { RULE_SCOPE_DESCRIPTIONS, RULE_SCOPE_LABELS, RULE_SCOPE_ORDER, LINK, TD, TH } from "./labels";
import { CountToRulePage, FailingCountLink } from "./rule-counts";
import { RuleSourceLink } from "./rule-source";

/** The rule registry grouped by scope, each rule with its source and how many servers fail, are unknown, pass or are waived. */
export function RulesCatalogue({ rules, counts }: { rules: readonly Rule[]; counts: Readonly<Record<string, RuleCounts>> }) {
  return (
    <div className="space-y-6">
      {RULE_SCOPE_ORDER.map((scope) => {
        const inScope = rules.filter((rule) => rule.meta.scope === scope);
        if (inScope.length === 0) return null;
        return (
          <Card key={scope} id={`scope-${scope}`} title={`${RULE_SCOPE_LABELS[scope]} rules (${inScope.length})`}>
            <p className="-mt-2 mb-3 text-sm text-slate-600 dark:text-slate-400">{RULE_SCOPE_DESCRIPTIONS[scope]}</p>
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
                <caption className="sr-only">
                  {RULE_SCOPE_LABELS[scope]} rules with their source and the number of servers per status
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className={TH}>Rule</th>
                    <th scope="col" className={TH}>Severity</th>
                    <th scope="col" className={TH}>Source</th>
                    <th scope="col" className={`${TH} text-right`}>Failing</th>
                    <th scope="col" className={`${TH} text-right`}>Unknown</th>
                    <th scope="col" className={`${TH} text-right`}>Passing</th>
                    <th scope="col" className={`${TH} text-right`}>Waived</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {inScope.map((rule) => {
                    const id = rule.meta.id;
                    const c = counts[id] ?? NO_COUNTS;
                    return (
                      <tr key={id} data-rule-id={id}>
                        <th scope="row" className={`${TD} min-w-[16rem] max-w-md text-left font-normal`}>
                          <Link href={`/rules/${id}`} className={LINK}>
                            {rule.meta.title}
                          </Link>
                          <span className="mt-0.5 block font-mono text-xs text-slate-600 dark:text-slate-400">{id}</span>
                        </th>
                        <td className={TD}>
                          <SeverityLabel severity={rule.meta.severity} />
                        </td>
                        <td className={`${TD} min-w-[14rem] max-w-xs`}>
                          <RuleSourceLink source={rule.meta.source} />
                        </td>
                        <td className={`${TD} text-right tabular-nums`}>
                          <FailingCountLink ruleId={id} count={c.fail} />
                        </td>
                        <td className={`${TD} text-right tabular-nums`}>
                          <CountToRulePage ruleId={id} count={c.unknown} status="unknown" />
                        </td>
                        <td className={`${TD} text-right tabular-nums`}>
                          <CountToRulePage ruleId={id} count={c.pass} status="passing" />
                        </td>
                        <td className={`${TD} text-right tabular-nums`}>
                          <CountToRulePage ruleId={id} count={c.waived} status="waived" />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </Card>
        );
      })}
    </div>
  );
}

import type { Metadata } from "next";
import { RULE_SCOPE_LABELS, RULE_SCOPE_ORDER, LINK } from "@/components/rules/labels";
import { RulesCatalogue } from "@/components/rules/rules-catalogue";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { listRuleCounts } from "@/lib/data/rule-views";
import { RULES, RULESET_VERSION } from "@/lib/rules";

export const metadata: Metadata = { title: "Rules" };

export default async function RulesPage() {
  await requirePage("read");
  const counts = await listRuleCounts();
  return (
    <>
      <PageHeader
        title="Rules"
        description={
          <>
            Every documented prerequisite the servers are checked against: {RULES.length} rules, ruleset {RULESET_VERSION}. Counts are
            servers; rules shared by a domain or the tenant count every server that inherits the result. Select a failing count to see
            those servers.
          </>
        }
      />
      <nav aria-label="Rule scopes" className="mb-6">
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {RULE_SCOPE_ORDER.map((scope) => (
            <li key={scope}>
              <a href={`#scope-${scope}-heading`} className={LINK}>
                {RULE_SCOPE_LABELS[scope]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <RulesCatalogue rules={RULES} counts={counts} />
    </>
  );
}

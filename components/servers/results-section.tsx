import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { RuleResult } from "@/lib/rules";
import { countsText, ResultList } from "./result-list";
import { groupInherited, SCOPE_HEADINGS } from "./result-groups";

/** The server's own results, then the ones it inherits (domain, gMSA ACL, tenant, sync scope, fleet) by scope. */
export function ResultsSection({
  hostResults,
  sharedResults,
  snippets,
  domain,
  renderExtra,
}: {
  hostResults: readonly RuleResult[];
  sharedResults: readonly RuleResult[];
  snippets: ReadonlyMap<string, string>;
  domain: string;
  /** Per result, e.g. the "Accept risk (waive)…" form for leads and admins. */
  renderExtra?: (result: RuleResult) => ReactNode;
}) {
  const inherited = groupInherited(sharedResults);
  return (
    <Card title="Rule results" id="results">
      <section aria-labelledby="results-own">
        <h3 id="results-own" className="text-sm font-semibold">
          This server <span className="font-normal text-slate-600 dark:text-slate-400">({countsText(hostResults)})</span>
        </h3>
        <div className="mt-3">
          <ResultList results={hostResults} snippets={snippets} headingLevel={4} renderExtra={renderExtra} />
        </div>
      </section>
      <section aria-labelledby="results-inherited" className="mt-8">
        <h3 id="results-inherited" className="text-sm font-semibold">
          Inherited <span className="font-normal text-slate-600 dark:text-slate-400">(shared with every server of {domain || "no domain"}; fixed once, for all of them)</span>
        </h3>
        {inherited.length === 0 && <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No shared results yet.</p>}
        {inherited.map((group) => (
          <section key={group.scope} aria-labelledby={`results-${group.scope}`} className="mt-4">
            <h4 id={`results-${group.scope}`} className="text-sm font-semibold">
              {group.scope === "domain" && domain ? `${SCOPE_HEADINGS.domain} (${domain})` : SCOPE_HEADINGS[group.scope]}{" "}
              <span className="font-normal text-slate-600 dark:text-slate-400">({countsText(group.results)})</span>
            </h4>
            <div className="mt-2">
              <ResultList results={group.results} snippets={snippets} headingLevel={5} renderExtra={renderExtra} />
            </div>
          </section>
        ))}
      </section>
    </Card>
  );
}

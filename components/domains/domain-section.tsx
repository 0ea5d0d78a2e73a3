import Link from "next/link";
import type { ReactNode } from "react";
import { LINK } from "@/components/rules/labels";
import { RuleResultsTable } from "@/components/rules/rule-results-table";
import { DateTime } from "@/components/ui/date-time";
import type { DomainView } from "@/lib/data/domain-views";
import { AclExport } from "./acl-export";
import { DomainFactsView } from "./domain-facts";
import { DomainServerCounts } from "./server-counts";
import { AclHint, DomainFactsHint } from "./upload-hints";

export function domainAnchor(domain: string): string {
  return `domain-${domain.replace(/[^a-z0-9-]/gi, "-")}`;
}

function Part({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="border-t border-slate-200 pt-4 dark:border-slate-800">
      <h3 id={id} className="mb-3 text-base font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Everything about one domain: its servers, domain facts and rules, then the gMSA's ACL exports and rules. */
export function DomainSection({ view }: { view: DomainView }) {
  const anchor = domainAnchor(view.domain);
  return (
    <section aria-labelledby={anchor} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h2 id={anchor} className="text-lg font-semibold [overflow-wrap:anywhere]">
          {view.domain}
        </h2>
        <div className="mt-2">
          <DomainServerCounts domain={view.domain} total={view.servers.total} byVerdict={view.servers.byVerdict} />
        </div>
      </div>

      <Part title="Domain facts" id={`${anchor}-facts`}>
        {view.facts ? (
          <>
            {view.factsUpload && (
              <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
                Latest export, collected <DateTime value={view.factsCollectedAt} />, from{" "}
                <Link href={`/uploads/${view.factsUpload.id}`} className={`${LINK} [overflow-wrap:anywhere]`}>
                  {view.factsUpload.fileName}
                </Link>
                .
              </p>
            )}
            <DomainFactsView domain={view.domain} facts={view.facts} />
          </>
        ) : (
          <DomainFactsHint />
        )}
      </Part>

      <Part title="Domain rules" id={`${anchor}-rules`}>
        <RuleResultsTable
          results={view.domainResults}
          caption={`Domain rule results for ${view.domain}`}
          empty="No server of this domain has been evaluated yet: the domain rules run once servers of the domain are uploaded."
        />
      </Part>

      <Part title="gMSA permissions" id={`${anchor}-gmsa`}>
        {view.aclExports.length === 0 ? (
          <AclHint dn={view.facts?.distinguishedName ?? null} />
        ) : (
          <div className="space-y-4">
            {view.aclExports.map((acl) => (
              <AclExport key={acl.subject} view={acl} />
            ))}
          </div>
        )}
        <h4 className="mb-2 mt-5 text-sm font-semibold">gMSA rules</h4>
        <RuleResultsTable
          results={view.gmsaResults}
          caption={`gMSA ACL rule results for ${view.domain}`}
          empty="No server of this domain has been evaluated yet: the gMSA rules run once servers of the domain are uploaded."
        />
      </Part>
    </section>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { LINK } from "@/components/rules/labels";
import { RuleResultsTable } from "@/components/rules/rule-results-table";
import { DateTime } from "@/components/ui/date-time";
import type { DomainView } from "@/lib/data/domain-views";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import type { Readiness } from "@/lib/readiness";
import type { DomainFixCoverage } from "@/lib/remediation/domain-fix-script";
import type { DomainAttestationDto } from "@/lib/data/attestations";
import { AclExport } from "./acl-export";
import { DomainAttestations } from "./domain-attestations";
import { DomainFixScript } from "./fix-script-link";
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

/**
 * Everything about one domain, collapsed by default (native <details>, so it opens without JavaScript and from the
 * keyboard): its fix script, servers, domain facts and rules, then the gMSA's ACL exports and rules. The summary line
 * shows the verdict and counts; OpenOnHash opens the section a link points at.
 */
export function DomainSection({
  view,
  readiness,
  coverage,
  attestations = [],
  canAttest = false,
}: {
  view: DomainView;
  readiness: Readiness;
  coverage: DomainFixCoverage;
  /** The latest attestation per key recorded in the app for this domain. */
  attestations?: readonly DomainAttestationDto[];
  canAttest?: boolean;
}) {
  const anchor = domainAnchor(view.domain);
  const failing = readiness.blockingRuleIds.length + readiness.conditionRuleIds.length;
  return (
    <details id={anchor} aria-labelledby={`${anchor}-heading`} className="group rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded-lg p-5 hover:bg-slate-50 dark:hover:bg-slate-800/60 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block w-3 text-slate-500 transition-transform group-open:rotate-90 dark:text-slate-400">
          ▶
        </span>
        <h2 id={`${anchor}-heading`} className="text-lg font-semibold [overflow-wrap:anywhere]">
          {view.domain}
        </h2>
        {view.evaluatedAt === null ? (
          <span className="text-sm text-slate-600 dark:text-slate-400">not evaluated yet</span>
        ) : (
          <VerdictBadge verdict={readiness.verdict} />
        )}
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {failing === 0 ? "no failing rule" : `${failing} failing ${failing === 1 ? "rule" : "rules"}`}
          {readiness.unknownRuleIds.length > 0 && `, ${readiness.unknownRuleIds.length} without data`} ·{" "}
          {view.servers.total === 1 ? "1 server" : `${view.servers.total.toLocaleString("en-US")} servers`}
        </span>
      </summary>
      <div className="space-y-4 px-5 pb-5">
        <DomainFixScript domain={view.domain} coverage={coverage} />
        <DomainServerCounts domain={view.domain} total={view.servers.total} byVerdict={view.servers.byVerdict} />

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

      <Part title="Attestations" id={`${anchor}-attestations`}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          What no command can collect for this domain: who creates the gMSA, and how the agent servers are administered. A recording here wins over
          one in an uploaded domain file.
        </p>
        <DomainAttestations domain={view.domain} current={attestations} canAttest={canAttest} />
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
      </div>
    </details>
  );
}

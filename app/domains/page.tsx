import type { Metadata } from "next";
import { DomainSection } from "@/components/domains/domain-section";
import { DomainSummary, type DomainSummaryRow } from "@/components/domains/domain-summary";
import { OpenOnHash } from "@/components/domains/open-on-hash";
import { DomainFactsHint, AclHint } from "@/components/domains/upload-hints";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listDomainAttestations } from "@/lib/data/attestations";
import { listDomainViews } from "@/lib/data/domain-views";
import { getServerRuleContext } from "@/lib/data/server-views";
import { rollup } from "@/lib/readiness";
import { domainFixCoverage } from "@/lib/remediation/domain-fix-script";
import { getRule } from "@/lib/rules";

export const metadata: Metadata = { title: "Domains & gMSA" };

export default async function DomainsPage() {
  const caller = await requirePage("read");
  const domains = await listDomainViews();
  const attestations = await listDomainAttestations();
  const rows: DomainSummaryRow[] = await Promise.all(
    domains.map(async (view) => {
      const results = [...view.domainResults, ...view.gmsaResults];
      const ctx = await getServerRuleContext({ domain: view.domain, facts: {}, evaluatedAt: view.evaluatedAt });
      return { view, readiness: rollup([], results), coverage: domainFixCoverage({ domain: view.domain, results, ctx }) };
    }),
  );
  const getTitle = (id: string) => getRule(id)?.meta.title ?? id;
  return (
    <>
      <PageHeader
        title="Domains & gMSA"
        description="Per domain: schema, domain controllers, KDS root key and the domain rules; the gMSA's permissions against the documented set, from each ACL export; and one fix script for what fails."
      />
      {domains.length === 0 ? (
        <EmptyState title="No domain data yet">
          <div className="space-y-3 text-left">
            <p>This page fills in from three kinds of upload:</p>
            <DomainFactsHint title="Domain facts: schema, domain controllers, KDS root keys, the gMSA" />
            <AclHint dn={null} title="gMSA ACL export: the permissions table" />
            <p>Servers (collector JSON or an inventory export) add each domain&apos;s verdict counts.</p>
          </div>
        </EmptyState>
      ) : (
        <>
          <OpenOnHash />
          <DomainSummary rows={rows} getTitle={getTitle} />
          <div className="space-y-3">
            {rows.map((row) => (
              <DomainSection
                key={row.view.domain}
                view={row.view}
                readiness={row.readiness}
                coverage={row.coverage}
                attestations={attestations.get(row.view.domain)?.current ?? []}
                canAttest={can(caller.role, "plan")}
              />
            ))}
          </div>
        </>
      )}
    </>
  );
}

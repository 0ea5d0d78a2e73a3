import type { Metadata } from "next";
import { domainAnchor, DomainSection } from "@/components/domains/domain-section";
import { DomainFactsHint, AclHint } from "@/components/domains/upload-hints";
import { LINK } from "@/components/rules/labels";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { listDomainViews } from "@/lib/data/domain-views";

export const metadata: Metadata = { title: "Domains & gMSA" };

export default async function DomainsPage() {
  await requirePage("read");
  const domains = await listDomainViews();
  return (
    <>
      <PageHeader
        title="Domains & gMSA"
        description="Per domain: schema, domain controllers, KDS root key and the domain rules; the gMSA's permissions against the documented set, from each ACL export."
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
          {domains.length > 1 && (
            <nav aria-label="Domains" className="mb-6">
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {domains.map((d) => (
                  <li key={d.domain}>
                    <a href={`#${domainAnchor(d.domain)}`} className={`${LINK} [overflow-wrap:anywhere]`}>
                      {d.domain}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div className="space-y-8">
            {domains.map((view) => (
              <DomainSection key={view.domain} view={view} />
            ))}
          </div>
        </>
      )}
    </>
  );
}

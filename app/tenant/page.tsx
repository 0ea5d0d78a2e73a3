import type { Metadata } from "next";
import Link from "next/link";
import { UploadHint } from "@/components/domains/upload-hints";
import { LINK } from "@/components/rules/labels";
import { RuleResultsTable } from "@/components/rules/rule-results-table";
import { AttestationChecklist } from "@/components/tenant/attestation-checklist";
import { GraphHint } from "@/components/tenant/graph-hint";
import { ScopeConfiguration } from "@/components/tenant/scope-configuration";
import { HybridAdminsTable, TenantDomainsTable, TenantFeaturesList } from "@/components/tenant/tenant-facts";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { getScopeView, getTenantView } from "@/lib/data/tenant-views";

export const metadata: Metadata = { title: "Tenant & scope" };

function Provenance({ collectedAt, upload }: { collectedAt: string | null; upload: { id: string; fileName: string } | null }) {
  if (!upload) return null;
  return (
    <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
      Latest export, collected <DateTime value={collectedAt} />, from{" "}
      <Link href={`/uploads/${upload.id}`} className={`${LINK} [overflow-wrap:anywhere]`}>
        {upload.fileName}
      </Link>
      .
    </p>
  );
}

export default async function TenantPage() {
  const caller = await requirePage("read");
  const [tenant, scope] = await Promise.all([getTenantView(), getScopeView()]);
  const facts = tenant.facts;
  return (
    <>
      <PageHeader
        title="Tenant & scope"
        description="Tenant checks (Hybrid Identity Administrator, verified domains, attestations) and each sync configuration against the documented scoping limits. Every server shares these results."
      />
      <div className="space-y-6">
        <Card title="Tenant rules" id="tenant-rules">
          <p className="-mt-2 mb-3 text-sm text-slate-600 dark:text-slate-400">
            {tenant.evaluatedAt !== null ? (
              <>
                As evaluated for the fleet on <DateTime value={tenant.evaluatedAt} />.
              </>
            ) : (
              "Not evaluated yet: the tenant rules run when tenant facts, an attestation or servers are recorded."
            )}
          </p>
          <RuleResultsTable results={tenant.results} caption="Tenant rule results" empty="No tenant rule applies." />
        </Card>

        <Card title="Attestations" id="attestations">
          <p className="-mt-2 mb-3 text-sm text-slate-600 dark:text-slate-400">
            Requirements no export can show. Recording one re-evaluates every server.
          </p>
          <AttestationChecklist items={tenant.checklist} canAttest={can(caller.role, "plan")} />
        </Card>

        <Card title="Hybrid Identity and Global Administrators" id="hybrid-admins">
          <Provenance collectedAt={tenant.collectedAt} upload={tenant.upload} />
          {facts?.hybridIdentityAdmins ? (
            <HybridAdminsTable admins={facts.hybridIdentityAdmins} />
          ) : (
            <GraphHint title="Role members not uploaded" />
          )}
        </Card>

        <Card title="Tenant domains" id="tenant-domains">
          {facts?.domains ? <TenantDomainsTable domains={facts.domains} /> : <GraphHint title="Tenant domains not uploaded" />}
        </Card>

        <Card title="Optional features and licences" id="tenant-features">
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
            The rules of group provisioning to AD and Exchange hybrid writeback apply only where these facts, or a sync configuration, say the
            feature is used. Upload them with the tenant file (featuresUsed, entraIdP1, connectSync).
          </p>
          <TenantFeaturesList facts={facts ?? null} />
        </Card>

        <Card title="Sync scope" id="sync-scope">
          <Provenance collectedAt={scope.collectedAt} upload={scope.upload} />
          {scope.configurations === null ? (
            <UploadHint title="No sync scope uploaded">
              Upload a scope plan (JSON or CSV): per cloud sync configuration its domain, scoping OUs and groups (with member counts), password hash sync
              and writeback, and the number of objects and InetOrgPerson objects in scope.
            </UploadHint>
          ) : scope.configurations.length === 0 ? (
            <p className="text-sm">The latest scope plan lists no configuration.</p>
          ) : (
            <div className="space-y-4">
              {scope.configurations.map((config) => (
                <ScopeConfiguration key={config.index} config={config} limits={scope.limits} />
              ))}
            </div>
          )}
          {scope.results.length > 0 && (
            <>
              <h3 className="mb-2 mt-6 text-sm font-semibold">Scope rules (all configurations)</h3>
              <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
                Each server is judged with its own domain&apos;s configurations; this is the result over every configuration.
              </p>
              <RuleResultsTable results={scope.results} caption="Sync scope rule results over every configuration" empty="No scope rule applies." />
            </>
          )}
        </Card>
      </div>
    </>
  );
}

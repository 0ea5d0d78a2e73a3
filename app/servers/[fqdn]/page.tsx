import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FixScriptCard } from "@/components/servers/fix-script-card";
import { causeUploadIds } from "@/lib/views/history-changes";
import { remediationSnippets } from "@/components/servers/remediation-snippets";
import { decidedBy, groupMissingData, missingDataHost } from "@/components/servers/result-groups";
import { ResultsSection } from "@/components/servers/results-section";
import { ServerHistorySection } from "@/components/servers/server-history";
import { ServerSummary } from "@/components/servers/server-summary";
import { ExportLinks } from "@/components/exports/export-links";
import { PdfLink } from "@/components/reports/pdf-link";
import { PageHeader } from "@/components/ui/page-header";
import { waiverControls } from "@/components/waivers/result-waiver";
import { ServerRolloutCard } from "@/components/rollout/server-rollout-card";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listWaveChoices } from "@/lib/data/rollout/waves";
import { getServerRuleContext, getUploadFileNames } from "@/lib/data/server-views";
import { getServerDetail, getServerHistory } from "@/lib/data/servers";
import { fixScriptFileName, planFixes } from "@/lib/remediation/fix-script";
import { getRule } from "@/lib/rules";
import { STALE_AFTER_DAYS } from "@/lib/views/server-filters";
import { decodedSegment } from "@/lib/http/path-segment";


const HISTORY_LIMIT = 50;

export async function generateMetadata({ params }: { params: Promise<{ fqdn: string }> }): Promise<Metadata> {
  const { fqdn } = await params;
  return { title: decodedSegment(fqdn).slice(0, 120) };
}

export default async function ServerPage({ params }: { params: Promise<{ fqdn: string }> }) {
  const caller = await requirePage("read");
  const { fqdn } = await params;
  const name = decodedSegment(fqdn);
  if (name.length > 300) notFound();
  const server = await getServerDetail(name);
  if (!server) notFound();
  const [history, ctx, waves] = await Promise.all([getServerHistory(server.id, HISTORY_LIMIT), getServerRuleContext(server), listWaveChoices()]);
  const uploadNames = await getUploadFileNames(causeUploadIds(history.evaluations.map((e) => e.cause)));
  const results = [...server.hostResults, ...server.sharedResults];
  const snippets = remediationSnippets(results, ctx, getRule);
  const plan = planFixes({ results: server.hostResults, ctx, getRule });
  const host = missingDataHost(ctx.host);

  return (
    <>
      <PageHeader
        title={server.name}
        description={<span className="font-mono [overflow-wrap:anywhere]">{server.fqdn}</span>}
        actions={
          <>
            <ExportLinks search={`?fqdn=${encodeURIComponent(server.fqdn)}`}>
              <PdfLink href={`/api/reports/servers/${encodeURIComponent(server.fqdn)}.pdf`} kind="server-pdf" title="This server's readiness report (PDF): every rule result with evidence, remediation and source" />
            </ExportLinks>
            <Link href="/servers" className="self-center text-sm font-medium text-brand-600 underline dark:text-brand-100">
              All servers
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        <ServerSummary server={server} decided={decidedBy(results)} missing={groupMissingData(results, host)} host={host} staleAfterDays={STALE_AFTER_DAYS} />
        <ServerRolloutCard fqdn={server.fqdn} rollout={server.rollout} waves={waves} canPlan={can(caller.role, "plan")} />
        <FixScriptCard href={`/servers/${encodeURIComponent(server.fqdn)}/fix-script`} fileName={fixScriptFileName(server.name)} plan={plan} />
        <ResultsSection hostResults={server.hostResults} sharedResults={server.sharedResults} snippets={snippets} domain={server.domain} renderExtra={waiverControls({ role: caller.role, fqdn: server.fqdn, domain: server.domain })} />
        <ServerHistorySection history={history} uploadNames={uploadNames} limit={HISTORY_LIMIT} />
      </div>
    </>
  );
}

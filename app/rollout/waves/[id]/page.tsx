import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GateCard } from "@/components/rollout/gate-card";
import { ProgressSummary } from "@/components/rollout/progress-summary";
import { ArchiveWaveButton } from "@/components/rollout/wave-controls";
import { WaveForm } from "@/components/rollout/wave-form";
import { WaveServersTable } from "@/components/rollout/wave-servers-table";
import { ServerPagination } from "@/components/servers/server-pagination";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { ExportLinks } from "@/components/exports/export-links";
import { PdfLink } from "@/components/reports/pdf-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listOwnerChoices } from "@/lib/data/rollout/owners";
import { getRolloutProgress } from "@/lib/data/rollout/progress";
import { getWaveDetail } from "@/lib/data/rollout/wave-detail";
import { listWaveChoices } from "@/lib/data/rollout/waves";
import { RECOMMENDED_AGENTS } from "@/lib/rules";

export const metadata: Metadata = { title: "Wave" };

const PAGE_SIZE = 100;
/** The page lists the blockers of the first 100 problem servers; the servers list (and the API, 1,000) has the rest. */
const BLOCKER_SERVERS = 100;
const MUTED = "text-slate-600 dark:text-slate-400";

export default async function WavePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePage("read");
  const canPlan = can(caller.role, "plan");
  const { id } = await params;
  if (id.length > 64) notFound();
  const pageParam = Number((await searchParams).page);
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const [detail, progress, waves, owners] = await Promise.all([
    getWaveDetail(id, { page, pageSize: PAGE_SIZE, blockerServers: BLOCKER_SERVERS }),
    getRolloutProgress(id),
    listWaveChoices(),
    canPlan ? listOwnerChoices() : Promise.resolve([]),
  ]);
  if (!detail) notFound();
  const { wave, gate, servers } = detail;
  const serversHref = (query: string) => `/servers?wave=${encodeURIComponent(wave.id)}${query ? `&${query}` : ""}`;

  return (
    <>
      <PageHeader
        title={wave.name}
        description={
          <>
            {wave.description && <span className="block whitespace-pre-wrap [overflow-wrap:anywhere]">{wave.description}</span>}
            <span className="block">
              {`Wave ${wave.position}`}
              {wave.archivedAt ? " (archived)" : ""} · Window {wave.startDate ?? "…"} → {wave.endDate ?? "…"} · Owner {wave.ownerName ?? "not set"}
            </span>
          </>
        }
        actions={
          <>
            <Link href="/rollout" className={buttonClass("secondary")}>
              All waves
            </Link>
            <Link href={serversHref("")} className={buttonClass("secondary")}>
              Open in the servers list
            </Link>
            <ExportLinks search={`?wave=${encodeURIComponent(wave.id)}`}>
              <PdfLink href={`/api/reports/waves/${encodeURIComponent(wave.id)}.pdf`} kind="wave-pdf" title="This wave's readiness report (PDF): the go/no-go gate, blockers, servers and waivers" />
            </ExportLinks>
          </>
        }
      />
      <div className="space-y-6">
        {wave.archivedAt ? (
          <p className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
            This wave is archived: its gate is no longer kept up to date and its servers are free to join another wave.
          </p>
        ) : (
          <GateCard gate={gate} state={wave.gate} recommendedAgents={RECOMMENDED_AGENTS} allHref={`/servers?wave=${encodeURIComponent(wave.id)}&readiness=not-ready,unknown,ready-with-conditions`} />
        )}
        <Card title="Progress" id="wave-progress">
          <ProgressSummary progress={progress} label={wave.name} serversHref={serversHref} />
        </Card>
        <Card title={`Servers (${servers.total.toLocaleString("en-US")})`} id="wave-servers">
          {servers.total === 0 ? (
            <EmptyState title="No servers in this wave" action={canPlan ? <Link href="/servers?wave=none" className={buttonClass("primary")}>Choose servers</Link> : undefined}>
              <p>Add servers from the servers list (select them, or apply to every server matching a filter), from a server&apos;s page, or with a plan CSV.</p>
            </EmptyState>
          ) : (
            <>
              <WaveServersTable servers={servers.items} />
              <ServerPagination page={servers.page} pageSize={servers.pageSize} total={servers.total} hrefFor={(p) => `/rollout/waves/${encodeURIComponent(wave.id)}?page=${p}`} />
            </>
          )}
        </Card>
        {canPlan && (
          <Card title="Edit wave" id="edit-wave">
            <WaveForm wave={wave} owners={owners} />
            <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
              <ArchiveWaveButton id={wave.id} name={wave.name} version={wave.version} archived={wave.archivedAt !== null} />
            </div>
          </Card>
        )}
        <p className={`text-xs ${MUTED}`}>
          Created <DateTime value={wave.createdAt} /> by {wave.createdBy}; last changed <DateTime value={wave.updatedAt} /> by {wave.updatedBy} (version {wave.version}).{" "}
          {waves.length > 1 && `${waves.length} active waves in all.`}
        </p>
      </div>
    </>
  );
}

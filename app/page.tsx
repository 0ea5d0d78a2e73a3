import type { Metadata } from "next";
import Link from "next/link";
import { LoadDemoButton } from "@/components/overview/load-demo-button";
import { StaleDataBanner } from "@/components/overview/stale-data-banner";
import { TopBlockingRules } from "@/components/overview/top-blocking-rules";
import { TopActionsCard } from "@/components/plan/top-actions-card";
import { TrendChart } from "@/components/overview/trend-chart";
import { VerdictBar } from "@/components/overview/verdict-bar";
import { VerdictCards } from "@/components/overview/verdict-cards";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { ExportLinks } from "@/components/exports/export-links";
import { FleetPdfLink } from "@/components/reports/fleet-pdf-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { getFleetSummary } from "@/lib/data/fleet-summary";
import { getReadinessByWave } from "@/lib/data/rollout/progress";
import { ReadinessByWaveTable } from "@/components/rollout/readiness-by-wave";
import { plural } from "@/lib/text/plural";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const caller = await requirePage("read");
  const [summary, byWave] = await Promise.all([getFleetSummary(), getReadinessByWave()]);
  const mayUpload = can(caller.role, "upload");

  if (summary.total === 0) {
    return (
      <>
        <PageHeader title="Overview" description="Readiness of your fleet for the Microsoft Entra Cloud Sync provisioning agent." />
        <EmptyState
          title="No servers yet"
          action={
            <div className="flex flex-col items-center gap-4">
              <Link href="/uploads" className={buttonClass("primary")}>
                {mayUpload ? "Upload an inventory" : "See uploads"}
              </Link>
              {mayUpload && <LoadDemoButton />}
            </div>
          }
        >
          <p>
            Start by uploading a host inventory: the output of the read-only collector script, a CSV from your inventory tool, or{" "}
            <code>systeminfo</code> / <code>Get-ComputerInfo</code> output. Each server is then checked against Microsoft&apos;s documented
            prerequisites.
          </p>
        </EmptyState>
      </>
    );
  }

  const { freshness } = summary;
  return (
    <>
      <PageHeader title="Overview" description="Readiness of your fleet for the Microsoft Entra Cloud Sync provisioning agent." actions={<ExportLinks search=""><FleetPdfLink /></ExportLinks>} />
      <div className="space-y-6">
        <StaleDataBanner stale={freshness.stale} total={summary.total} staleAfterDays={freshness.staleAfterDays} oldest={freshness.oldest} />
        <VerdictCards counts={summary.byVerdict} total={summary.total} />
        <TopActionsCard />
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="Top blocking rules" id="blocking">
            <TopBlockingRules rules={summary.topBlockingRules} />
          </Card>
          <Card title="Readiness per domain" id="domains">
            <ul className="space-y-4">
              {summary.byDomain.map((row) => (
                <li key={row.domain}>
                  <Link href={`/servers?domain=${encodeURIComponent(row.domain)}`} className="text-sm font-medium hover:underline">
                    {row.domain || "(no domain)"}
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">{plural(row.total, "server")}</span>
                  <VerdictBar counts={row.byVerdict} total={row.total} />
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Readiness over time" id="trend">
            <TrendChart points={summary.trend} />
          </Card>
          <div className="space-y-6">
            <Card title="Data freshness" id="freshness">
              <dl className="grid grid-cols-2 gap-3 text-sm">
                <dt className="text-slate-600 dark:text-slate-400">Oldest facts</dt>
                <dd><DateTime value={freshness.oldest} /></dd>
                <dt className="text-slate-600 dark:text-slate-400">Newest facts</dt>
                <dd><DateTime value={freshness.newest} /></dd>
                <dt className="text-slate-600 dark:text-slate-400">Stale (older than {freshness.staleAfterDays} days)</dt>
                <dd>
                  <Link href="/servers?stale=true" className="font-medium text-brand-600 underline dark:text-brand-100">
                    {freshness.stale.toLocaleString("en-US")} {freshness.stale === 1 ? "server" : "servers"}
                  </Link>
                </dd>
              </dl>
            </Card>
            <Card title="Readiness per wave" id="waves">
              {byWave.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  No rollout waves are planned yet.{" "}
                  <Link href="/rollout" className="font-medium text-brand-600 underline dark:text-brand-100">
                    Plan them on the Rollout page
                  </Link>
                  .
                </p>
              ) : (
                <ReadinessByWaveTable rows={byWave} />
              )}
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { RecentReports } from "@/components/reports/recent-reports";
import { ScopeFields } from "@/components/reports/scope-fields";
import { ServerReportForm } from "@/components/reports/server-report-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { listRecentReports } from "@/lib/data/report-log";
import { listWaves } from "@/lib/data/rollout/waves";
import { listServerFilterOptions } from "@/lib/data/servers";
import { isoDay } from "@/lib/rollout/status";

export const metadata: Metadata = { title: "Reports" };
export const dynamic = "force-dynamic";

const LINK = "text-brand-600 underline dark:text-brand-100";
const INPUT = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-600 dark:bg-slate-800";

export default async function ReportsPage() {
  await requirePage("report");
  const now = new Date();
  const [options, waves, recent] = await Promise.all([listServerFilterOptions(), listWaves(), listRecentReports(20)]);
  const scope = { domains: options.domains, sites: options.sites, waves: waves.map((wave) => ({ id: wave.id, name: wave.name })) };
  const weekAgo = isoDay(new Date(now.getTime() - 7 * 86_400_000));
  return (
    <>
      <PageHeader title="Reports" description="Readiness reports as PDF for management, and the servers list as CSV or Excel, generated on the server from the same data and filters as the screens." />
      <div className="space-y-6">
        <Card title="Fleet readiness (PDF)" id="fleet">
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
            Summary counts and chart per readiness, confidence, blocking rules ranked by servers affected with their remediation and source, readiness per domain, site and
            wave, gMSA permissions, tenant and scope findings, accepted risks and stale data. The appendix adds one section per server (at most 500 servers: add a filter for
            larger fleets).
          </p>
          <form method="get" action="/api/reports/fleet.pdf" className="space-y-4">
            <ScopeFields options={scope} prefix="fleet" />
            <div className="flex flex-wrap items-center gap-4">
              <label className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="appendix" value="true" className="size-4" /> Include the appendix (one section per server)
              </label>
              <button type="submit" className={buttonClass("primary")}>
                Download fleet PDF
              </button>
            </div>
          </form>
        </Card>

        <Card title="Wave (PDF)" id="waves">
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">The go/no-go gate and its blockers with remediation, each server&apos;s verdict, rollout status, owner and target date, and the waivers in the wave.</p>
          {waves.length === 0 ? (
            <p className="text-sm">
              No waves are planned yet. Plan them on the <Link href="/rollout" className={LINK}>Rollout</Link> page.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {waves.map((wave) => (
                <li key={wave.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="[overflow-wrap:anywhere]">
                    <Link href={`/rollout/waves/${encodeURIComponent(wave.id)}`} className={LINK}>
                      {wave.name}
                    </Link>
                    <span className="text-slate-600 dark:text-slate-400">{` · ${wave.servers} ${wave.servers === 1 ? "server" : "servers"} · ${wave.gate.status === "go" ? "Go" : "No-go"}`}</span>
                  </span>
                  <a href={`/api/reports/waves/${encodeURIComponent(wave.id)}.pdf`} className={buttonClass("secondary")} download>
                    Wave PDF<span className="sr-only">{` for ${wave.name}`}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="Server (PDF)" id="server">
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Every rule result with evidence, remediation and source, waivers, the history of verdict changes with their cause, and a link to the server&apos;s fix script.</p>
          <ServerReportForm />
        </Card>

        <Card title="What changed (PDF)" id="changes">
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
            Servers whose verdict changed between two dates, grouped by cause (new data, ruleset change, waivers, attestations) with before → after: the report for the weekly
            status meeting. Also on screen: <Link href="/reports/changes" className={LINK}>What changed</Link>.
          </p>
          <form method="get" action="/api/reports/changes.pdf" className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="changes-from" className="block text-sm font-medium">
                From
              </label>
              <input id="changes-from" type="date" name="from" defaultValue={weekAgo} className={INPUT} />
            </div>
            <div>
              <label htmlFor="changes-to" className="block text-sm font-medium">
                To
              </label>
              <input id="changes-to" type="date" name="to" defaultValue={isoDay(now)} className={INPUT} />
            </div>
            <button type="submit" className={buttonClass("primary")}>
              Download changes PDF
            </button>
            <button type="submit" formAction="/reports/changes" className={buttonClass("secondary")}>
              Show on screen
            </button>
          </form>
        </Card>

        <Card title="Exports (CSV, Excel)" id="exports">
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
            The servers list (verdict, failing rules, wave and rollout fields, domain, OS, site, owner, tags, collected date) and the results per server and rule, for the
            filter below. The same filters are on the <Link href="/servers" className={LINK}>Servers</Link> page&apos;s export links.
          </p>
          <form method="get" action="/api/exports/servers.csv" className="space-y-4">
            <ScopeFields options={scope} prefix="export" />
            <div className="flex flex-wrap gap-3">
              <button type="submit" className={buttonClass("primary")}>
                Servers CSV
              </button>
              <button type="submit" formAction="/api/exports/results.csv" className={buttonClass("secondary")}>
                Results CSV
              </button>
              <button type="submit" formAction="/api/exports/servers.xlsx" className={buttonClass("secondary")}>
                Servers Excel
              </button>
            </div>
          </form>
        </Card>

        <Card title="Recently generated" id="recent">
          <RecentReports reports={recent} />
        </Card>
      </div>
    </>
  );
}

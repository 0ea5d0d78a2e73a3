import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { hasActiveFilters, listHref, resolveFilters, sortLinksFor } from "@/components/servers/list-filters";
import { ServerFiltersForm } from "@/components/servers/server-filters-form";
import { ServerPagination } from "@/components/servers/server-pagination";
import type { RuleLookup } from "@/components/servers/server-row-summary";
import { ServersTable } from "@/components/servers/servers-table";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ExportLinks } from "@/components/exports/export-links";
import { FleetPdfLink } from "@/components/reports/fleet-pdf-link";
import { PageHeader } from "@/components/ui/page-header";
import { BulkRolloutForm } from "@/components/rollout/bulk-rollout-form";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/roles";
import { listWaveChoices } from "@/lib/data/rollout/waves";
import { listServerFilterOptions, listServers } from "@/lib/data/servers";
import { getRule, RULES } from "@/lib/rules";
import { plural } from "@/lib/text/plural";
import { serverFiltersToSearch, STALE_AFTER_DAYS } from "@/lib/views/server-filters";

export const metadata: Metadata = { title: "Servers" };

const RULE_OPTIONS = RULES.map((rule) => ({ id: rule.meta.id, title: rule.meta.title, scope: rule.meta.scope }));
/** What a row needs to name a server's first blocker (title) and order its rules (own before inherited). */
const RULE_LOOKUP: RuleLookup = Object.fromEntries(RULE_OPTIONS.map((rule) => [rule.id, { title: rule.title, scope: rule.scope }]));

export default async function ServersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requirePage("read");
  const canPlan = can(caller.role, "plan");
  const { filters, problems, redirectTo } = resolveFilters(await searchParams, (id) => getRule(id) !== undefined);
  if (redirectTo) redirect(redirectTo);
  const [list, options, waves] = await Promise.all([listServers(filters), listServerFilterOptions(), listWaveChoices()]);
  const filtered = hasActiveFilters(filters);
  const pageCount = Math.max(1, Math.ceil(list.total / list.pageSize));
  const search = serverFiltersToSearch(filters);

  let body: ReactNode;
  if (list.total === 0 && !filtered) {
    body = (
      <EmptyState title="No servers yet" action={<Link href="/uploads" className={buttonClass("primary")}>Go to uploads</Link>}>
        <p>Servers appear here once a host inventory or collector output has been uploaded.</p>
      </EmptyState>
    );
  } else if (list.total === 0) {
    body = (
      <EmptyState title="No servers match these filters" action={<Link href="/servers" className={buttonClass("secondary")}>Clear filters</Link>}>
        <p>Remove a filter or clear them all to see every server.</p>
      </EmptyState>
    );
  } else if (list.servers.length === 0) {
    body = (
      <EmptyState title={`There is no page ${filters.page.toLocaleString("en-US")}`} action={<Link href={listHref({ ...filters, page: pageCount })} className={buttonClass("secondary")}>Go to the last page</Link>}>
        <p>{`These filters match ${plural(list.total, "server")} on ${plural(pageCount, "page")}.`}</p>
      </EmptyState>
    );
  } else {
    body = (
      <Card>
        <ServersTable
          key={search}
          servers={list.servers}
          rules={RULE_LOOKUP}
          sortLinks={sortLinksFor(filters)}
          staleAfterDays={STALE_AFTER_DAYS}
          caption={`Servers${filtered ? " matching the filters" : ""}, page ${filters.page} of ${pageCount}`}
          rollout={canPlan ? { waves } : undefined}
        />
        <ServerPagination page={filters.page} pageSize={filters.pageSize} total={list.total} hrefFor={(page) => listHref({ ...filters, page })} />
      </Card>
    );
  }

  return (
    <>
      <PageHeader title="Servers" description="Every server with its readiness verdict and what blocks it. Filters live in the address bar: bookmark or share a view." actions={list.total > 0 && <ExportLinks search={search}><FleetPdfLink search={search} /></ExportLinks>} />
      <div className="space-y-6">
        {problems.length > 0 && (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            <p className="font-medium">The filters in the address were not applied; showing every server.</p>
            <ul className="mt-1 list-disc pl-5 [overflow-wrap:anywhere]">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        <Card title="Filters" id="filters">
          <ServerFiltersForm key={search} filters={filters} options={{ ...options, rules: RULE_OPTIONS, waves }} />
        </Card>
        {canPlan && list.total > 0 && (
          <Card title={list.total === 1 ? `Rollout: the ${filtered ? "matching " : ""}server` : `Rollout: all ${list.total.toLocaleString("en-US")} ${filtered ? "matching " : ""}servers`} id="bulk-filter">
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
              {`One change for every server ${filtered ? "these filters match" : "in the fleet"}, on every page (not only the ${plural(list.servers.length, "one")} shown). Recorded in the audit log, server by server.`}
            </p>
            <BulkRolloutForm
              key={search}
              filter={search}
              waves={waves}
              label={list.total === 1 ? "Change the rollout of the matching server" : `Change the rollout of all ${list.total.toLocaleString("en-US")} matching servers`}
              submitLabel={list.total === 1 ? "Apply to 1 server" : `Apply to all ${list.total.toLocaleString("en-US")}`}
            />
          </Card>
        )}
        {body}
      </div>
    </>
  );
}

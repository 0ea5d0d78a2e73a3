import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AuditFiltersForm } from "@/components/audit/audit-filters-form";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { AuditTable } from "@/components/audit/audit-table";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { type AuditFilters, auditFiltersSchema, auditFiltersToSearch, hasAuditFilters, parseAuditFilters } from "@/lib/audit/filters";
import { requirePage } from "@/lib/auth/guards";
import { listAuditEntries } from "@/lib/data/audit-log";
import { plural } from "@/lib/text/plural";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("plan");
  const parsed = parseAuditFilters(await searchParams);
  const filters: AuditFilters = parsed.success ? parsed.data : auditFiltersSchema.parse({});
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".") || "filters"}: ${issue.message}`);
  const list = await listAuditEntries(filters);
  const filtered = hasAuditFilters(filters);
  const pageCount = Math.max(1, Math.ceil(list.total / list.pageSize));
  const hrefFor = (page: number) => {
    const search = auditFiltersToSearch({ ...filters, page });
    return search ? `/audit?${search}` : "/audit";
  };

  let body: ReactNode;
  if (list.total === 0 && !filtered) {
    body = (
      <EmptyState title="Nothing recorded yet">
        <p>Changes to the rollout, waivers, attestations, uploads, users and tokens, and failed sign-ins, appear here as they happen.</p>
      </EmptyState>
    );
  } else if (list.total === 0) {
    body = (
      <EmptyState title="No entries match these filters" action={<Link href="/audit" className={buttonClass("secondary")}>Clear filters</Link>}>
        <p>Remove a filter or clear them all to see every entry.</p>
      </EmptyState>
    );
  } else if (list.entries.length === 0) {
    body = (
      <EmptyState title={`There is no page ${filters.page.toLocaleString("en-US")}`} action={<Link href={hrefFor(pageCount)} className={buttonClass("secondary")}>Go to the last page</Link>}>
        <p>{`These filters match ${plural(list.total, "entry", "entries")} on ${plural(pageCount, "page")}.`}</p>
      </EmptyState>
    );
  } else {
    body = (
      <Card>
        <AuditTable entries={list.entries} caption={`Audit log${filtered ? " entries matching the filters" : ""}, newest first, page ${filters.page} of ${pageCount}`} />
        <AuditPagination page={filters.page} pageSize={filters.pageSize} total={list.total} hrefFor={hrefFor} />
      </Card>
    );
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, when, with the values before and after: rollout, waves, waivers, attestations, uploads, users, roles, API tokens and failed sign-ins. Entries cannot be edited or deleted. The same filters work on GET /api/audit."
      />
      <div className="space-y-6">
        {problems.length > 0 && (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            <p className="font-medium">The filters in the address were not applied; showing every entry.</p>
            <ul className="mt-1 list-disc pl-5 [overflow-wrap:anywhere]">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        <Card title="Filters" id="filters">
          <AuditFiltersForm key={auditFiltersToSearch(filters)} filters={filters} />
        </Card>
        {body}
      </div>
    </>
  );
}

import type { Metadata } from "next";
import { ChangeSection } from "@/components/changes/change-section";
import { ChangesForm } from "@/components/changes/changes-form";
import { ChangesSummary } from "@/components/changes/changes-summary";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { getChanges } from "@/lib/data/changes";
import { boundLabel, changesSearch, parseChangesQuery } from "@/lib/reports/changes/query";
import { HOW_TO_READ } from "@/lib/reports/changes/words";
import { serverScopeSearch } from "@/lib/views/server-filters";

export const metadata: Metadata = { title: "What changed" };

function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  return params;
}

export default async function ChangesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("report");
  const now = new Date();
  const parsed = parseChangesQuery(toSearchParams(await searchParams), now);
  const errors: Record<string, string[]> = {};
  if (!parsed.ok) for (const issue of parsed.issues) (errors[issue.path] ??= []).push(issue.message);
  // An invalid query shows its errors next to the fields and the last 7 days below.
  const fallback = parseChangesQuery(new URLSearchParams(), now);
  const query = parsed.ok ? parsed.query : fallback.ok ? fallback.query : null;
  if (!query) throw new Error("the default period did not parse");
  const report = await getChanges({ from: query.from, to: query.to, filters: query.filters }, now);
  const filterSearch = serverScopeSearch(query.filters);
  const pdfHref = `/api/reports/changes.pdf${changesSearch(query, filterSearch)}`;

  return (
    <>
      <PageHeader
        title="What changed"
        description={`Servers whose readiness verdict changed between ${boundLabel(query.fromDay)} and ${boundLabel(query.toDay)}, grouped by why. The page to bring to the weekly status meeting.`}
        actions={
          <a href={pdfHref} className={buttonClass("primary")} download>
            Download PDF
          </a>
        }
      />
      <div className="space-y-6">
        <Card>
          <ChangesForm fromDay={query.fromDay.slice(0, 10)} toDay={query.toDay.slice(0, 10)} filterSearch={filterSearch} errors={errors} />
          {filterSearch && <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{`Only servers matching the filter ${filterSearch.slice(1)} (as they are now).`}</p>}
        </Card>
        <Card title="Summary">
          <ChangesSummary report={report} />
          <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">{HOW_TO_READ}</p>
        </Card>
        {report.groups.length === 0 ? (
          <EmptyState title="No verdict changed in this period">
            <p>Pick an earlier start date, or upload newer data: a verdict changes when new data, a ruleset, a waiver or an attestation changes a result.</p>
          </EmptyState>
        ) : (
          report.groups.map((group) => <ChangeSection key={group.cause} group={group} />)
        )}
      </div>
    </>
  );
}

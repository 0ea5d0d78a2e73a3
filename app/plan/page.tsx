import type { Metadata } from "next";
import Link from "next/link";
import { ActionCard } from "@/components/plan/action-card";
import { PlanSteps } from "@/components/plan/plan-steps";
import { servers as serversText } from "@/components/plan/plan-text";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { getActionPlan } from "@/lib/data/action-plan";
import { listServerFilterOptions } from "@/lib/data/servers";

export const metadata: Metadata = { title: "Action plan" };

const DESCRIPTION =
  "The fixes that unblock the most servers, one action wherever one fix serves many: per domain, per AD site, per rule, and collecting missing data. " +
  "Every figure is computed by evaluating the roll-up again with the action's results set to pass for the servers in its scope (waived results already count as accepted).";

export default async function PlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("read");
  const params = await searchParams;
  const raw = typeof params.domain === "string" ? params.domain.trim().slice(0, 255) : "";
  const [view, options] = await Promise.all([getActionPlan({ domain: raw || null }), listServerFilterOptions()]);
  const byKey = new Map(view.actions.map((action) => [action.key, action]));
  const steps = view.planOrder.map((key) => byKey.get(key)).filter((action) => action !== undefined);
  const usableNow = view.before.ready + view.before["ready-with-conditions"];

  const filter = (
    <form method="get" action="/plan" className="flex flex-wrap items-end gap-2" aria-label="Filter the plan">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Domain</span>
        <select
          name="domain"
          defaultValue={view.domain ?? ""}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="">Every domain</option>
          {options.domains.map((domain) => (
            <option key={domain} value={domain}>
              {domain}
            </option>
          ))}
          {view.domain !== null && !options.domains.includes(view.domain) && <option value={view.domain}>{view.domain}</option>}
        </select>
      </label>
      <button type="submit" className={buttonClass("secondary")}>
        Show
      </button>
    </form>
  );

  if (view.servers === 0) {
    return (
      <>
        <PageHeader title="Action plan" description={DESCRIPTION} actions={filter} />
        <EmptyState
          title={view.domain === null ? "No servers yet" : `No servers in ${view.domain}`}
          action={
            <Link href={view.domain === null ? "/uploads" : "/plan"} className={buttonClass("primary")}>
              {view.domain === null ? "Upload an inventory" : "Plan for every domain"}
            </Link>
          }
        >
          <p>The plan is made from the servers&apos; evaluated results: upload the collector&apos;s reports or an inventory first.</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Action plan" description={DESCRIPTION} actions={filter} />
      <div className="space-y-6">
        <Card title={view.domain === null ? "Where the fleet stands" : `Where ${view.domain} stands`} id="standing">
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-600 dark:text-slate-400">Servers</dt>
              <dd className="text-2xl font-semibold tabular-nums">{view.servers.toLocaleString("en-US")}</dd>
            </div>
            <div>
              <dt className="text-slate-600 dark:text-slate-400">Ready or Ready with conditions today</dt>
              <dd className="text-2xl font-semibold tabular-nums">{usableNow.toLocaleString("en-US")}</dd>
              <dd className="text-xs text-slate-500 dark:text-slate-400">
                {view.before.ready.toLocaleString("en-US")} Ready, {view.before["ready-with-conditions"].toLocaleString("en-US")} with conditions,{" "}
                {view.before["not-ready"].toLocaleString("en-US")} Not ready, {view.before.unknown.toLocaleString("en-US")} Unknown
              </dd>
            </div>
            <div>
              <dt className="text-slate-600 dark:text-slate-400">Actions</dt>
              <dd className="text-2xl font-semibold tabular-nums">{view.actions.length.toLocaleString("en-US")}</dd>
              <dd className="text-xs text-slate-500 dark:text-slate-400">
                {view.actions.length === 0 ? "nothing to fix" : `all done: ${serversText(view.afterAll.ready)} Ready`}
              </dd>
            </div>
          </dl>
        </Card>
        {view.actions.length === 0 ? (
          <EmptyState title="Nothing to fix">
            <p>No server has a failing or unknown blocker or a failing warning{view.domain === null ? "" : ` in ${view.domain}`}: every one is Ready.</p>
          </EmptyState>
        ) : (
          <>
            <Card title="The plan, step by step" id="steps">
              <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
                Each step is the action that adds the most once the steps before it are done, so a step can add servers that no single fix moves
                (a server that needs two fixes counts at the second). Steps that add nothing by themselves are still needed by some server.
              </p>
              <PlanSteps steps={steps} total={view.servers} before={view.before} />
            </Card>
            <section aria-labelledby="ranked-heading" className="space-y-4">
              <div>
                <h2 id="ranked-heading" className="text-lg font-semibold">
                  Actions ranked by servers unblocked alone
                </h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  &ldquo;Unblocked alone&rdquo;: servers the action moves to Ready or Ready with conditions if it were the only fix made today.
                </p>
              </div>
              {view.actions.map((action) => (
                <ActionCard key={action.key} action={action} total={view.servers} />
              ))}
            </section>
          </>
        )}
      </div>
    </>
  );
}

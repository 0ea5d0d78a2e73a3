import Link from "next/link";
import { Suspense } from "react";
import { Card } from "@/components/ui/card";
import { getTopActions } from "@/lib/data/action-plan";
import { actionAnchor, gainText } from "./plan-text";

/**
 * The overview's card: the actions that unblock the most servers, each alone, and a link to the whole plan. Streamed
 * (Suspense): the first overview after an evaluation computes the plan (about 0.4 s at 50,000 servers) without
 * holding back the rest of the page.
 */
export function TopActionsCard() {
  return (
    <Suspense
      fallback={
        <Card title="Action plan: what unblocks the most servers" id="plan">
          <p className="text-sm text-slate-600 dark:text-slate-400">Computing the plan…</p>
        </Card>
      }
    >
      <TopActions />
    </Suspense>
  );
}

async function TopActions() {
  const { actions, total } = await getTopActions(5);
  return (
    <Card
      title="Action plan: what unblocks the most servers"
      id="plan"
      actions={
        <Link href="/plan" className="text-sm font-medium text-brand-600 underline dark:text-brand-100">
          See the whole plan
        </Link>
      }
    >
      {total === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing to fix: no server has a failing or unknown blocker or a failing warning.</p>
      ) : actions.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No single fix moves a server by itself: servers need several together. The plan lists them in order.</p>
      ) : (
        <ol className="space-y-3">
          {actions.map((action) => (
            <li key={action.key} className="text-sm">
              <Link href={`/plan#${actionAnchor(action.rank)}`} className="font-medium hover:underline [overflow-wrap:anywhere]">
                {action.title}
              </Link>
              <span className="block text-slate-600 dark:text-slate-400">Done alone: {gainText(action.alone)}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

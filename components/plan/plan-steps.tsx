import type { ActionView, VerdictCounts } from "@/lib/data/action-plan";
import { actionAnchor, gainText, unblocked } from "./plan-text";

const usable = (counts: VerdictCounts) => counts.ready + counts["ready-with-conditions"];

/** The cumulative plan: each step counted after the steps before it, with where the fleet stands after it. */
export function PlanSteps({ steps, total, before }: { steps: ActionView[]; total: number; before: VerdictCounts }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">The plan, step by step</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Step</th>
            <th scope="col" className="py-2 pr-3 font-medium">Action</th>
            <th scope="col" className="py-2 pr-3 font-medium">This step adds</th>
            <th scope="col" className="py-2 text-right font-medium">Ready or with conditions after it</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          <tr className="text-slate-600 dark:text-slate-400">
            <td className="py-2 pr-3 tabular-nums">0</td>
            <td className="py-2 pr-3">Today</td>
            <td className="py-2 pr-3" />
            <td className="py-2 text-right tabular-nums">
              {usable(before).toLocaleString("en-US")} of {total.toLocaleString("en-US")}
            </td>
          </tr>
          {steps.map((step) => (
            <tr key={step.key}>
              <td className="py-2 pr-3 tabular-nums">{step.step}</td>
              <td className="py-2 pr-3">
                <a href={`#${actionAnchor(step.rank)}`} className="font-medium hover:underline [overflow-wrap:anywhere]">
                  {step.title}
                </a>
              </td>
              <td className={`py-2 pr-3 ${unblocked(step.inPlan) + step.inPlan.conditionsCleared === 0 ? "text-slate-500 dark:text-slate-400" : ""}`}>{gainText(step.inPlan)}</td>
              <td className="py-2 text-right tabular-nums">
                <span className="font-semibold">{usable(step.after).toLocaleString("en-US")}</span> of {total.toLocaleString("en-US")}
                <span className="block text-xs text-slate-500 dark:text-slate-400">{step.after.ready.toLocaleString("en-US")} Ready</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { StatusBadge } from "@/components/readiness/status-badge";
import { evaluateRule } from "@/lib/readiness";
import type { Rule } from "@/lib/rules";
import { EvidenceList } from "./evidence-list";

/**
 * The rule's examples: the facts, the declared outcome and what the rule actually returns for them now
 * (evaluated on the page, so the evidence shown is real).
 */
export function RuleExamples({ rule }: { rule: Rule }) {
  return (
    <ol className="space-y-4">
      {rule.examples.map((example, index) => {
        const result = evaluateRule(rule, example.context);
        const actual = result?.status ?? null;
        const matches = actual === example.expect;
        return (
          <li key={index} className="rounded-md border border-slate-200 p-4 dark:border-slate-700">
            <h3 className="text-sm font-semibold [overflow-wrap:anywhere]">
              {example.name}
            </h3>
            <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
              <div className="flex items-center gap-2">
                <dt className="text-slate-600 dark:text-slate-400">Expected</dt>
                <dd>
                  <StatusBadge status={example.expect} />
                </dd>
              </div>
              <div className="flex items-center gap-2">
                <dt className="text-slate-600 dark:text-slate-400">Actual</dt>
                <dd className="flex items-center gap-2">
                  {result ? <StatusBadge status={result.status} severity={result.severity} /> : <span>Not applicable</span>}
                  <span className={matches ? "text-xs text-green-800 dark:text-green-300" : "text-xs font-semibold text-red-800 dark:text-red-300"}>
                    <span aria-hidden="true">{matches ? "✓ " : "✕ "}</span>
                    {matches ? "as declared" : "differs from the declared outcome"}
                  </span>
                </dd>
              </div>
            </dl>
            {result && <p className="mt-2 text-sm [overflow-wrap:anywhere]">{result.message}</p>}
            {result?.reason && (
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400 [overflow-wrap:anywhere]">
                <span className="font-semibold">To collect:</span> {result.reason.collect}
              </p>
            )}
            {result && <EvidenceList evidence={result.evidence} />}
            <details className="mt-3">
              <summary className="cursor-pointer text-sm text-slate-700 dark:text-slate-300">Facts (JSON)</summary>
              <pre tabIndex={0} className="mt-2 max-h-96 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800">
                {JSON.stringify(example.context, null, 2)}
              </pre>
            </details>
          </li>
        );
      })}
    </ol>
  );
}

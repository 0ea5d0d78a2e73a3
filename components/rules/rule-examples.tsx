import { StatusBadge } from "@/components/readiness/status-badge";
import { DateTime } from "@/components/ui/date-time";
import { evaluateRule } from "@/lib/readiness";
import type { Rule, RuleResult } from "@/lib/rules";
import { CommandBox } from "./command-box";
import { FactValue } from "./fact-value";
import { TD, TH } from "./labels";

/** How to collect a missing fact: the command in a box of its own, what to do beyond it as text. */
function CollectIt({ reason, label }: { reason: NonNullable<RuleResult["reason"]>; label: string }) {
  const note = (reason as { collectNote?: string }).collectNote;
  return (
    <div className="mt-2 text-xs text-slate-700 dark:text-slate-300 [overflow-wrap:anywhere]">
      <p className="font-semibold">To collect it:</p>
      {reason.collect.trim() !== "" && <CommandBox code={reason.collect} label={label} />}
      {note && <p className="mt-1">{note}</p>}
    </div>
  );
}

/** A dotted fact path that wraps after its dots rather than inside a name. */
function FactPath({ path }: { path: string }) {
  const parts = path.split(".");
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The facts an example's verdict rests on: what the rule read (its evidence) or, when it is unknown, what was missing. */
function factsIn(result: RuleResult | null): { fact: string; value: unknown; expected: string }[] {
  if (!result) return [];
  const rows = result.evidence.map((item) => ({ fact: item.fact, value: item.actual, expected: item.expected }));
  if (result.status === "unknown" && result.reason && !rows.some((row) => row.fact === result.reason!.missingFact)) {
    rows.push({ fact: result.reason.missingFact, value: null, expected: "collected" });
  }
  return rows;
}

/**
 * The rule's examples as documentation: for each situation, the facts that go in (as a readable list, not a
 * fixture), and the verdict that comes out — the status, the message and, for unknown, what to collect. The rule is
 * run on the example's facts when the page renders, so what is shown is what the rule really says.
 */
export function RuleExamples({ rule }: { rule: Rule }) {
  return (
    <ol className="space-y-5">
      {rule.examples.map((example, index) => {
        const result = evaluateRule(rule, example.context);
        const rows = factsIn(result);
        const matches = (result?.status ?? null) === example.expect;
        const headingId = `example-${index + 1}`;
        return (
          <li key={index} className="rounded-md border border-slate-200 dark:border-slate-700" data-example={index + 1}>
            <article aria-labelledby={headingId}>
              <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-200 px-4 py-3 dark:border-slate-700">
                <h3 id={headingId} className="text-sm font-semibold [overflow-wrap:anywhere]">
                  <span className="text-slate-600 dark:text-slate-400">Example {index + 1}:</span> {sentence(example.name)}
                </h3>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  Evaluated as of <DateTime value={example.context.asOf} />
                </span>
              </header>
              <div className="grid gap-4 p-4 lg:grid-cols-[3fr_2fr]">
                <section aria-labelledby={`${headingId}-in`} className="min-w-0">
                  <h4 id={`${headingId}-in`} className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                    Facts in
                  </h4>
                  {rows.length === 0 ? (
                    <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">The rule reads no fact for this situation.</p>
                  ) : (
                    <div className="mt-1 overflow-x-auto">
                      <table className="min-w-full divide-y divide-slate-200 text-xs dark:divide-slate-800">
                        <caption className="sr-only">Facts of example {index + 1} and what the rule requires of each</caption>
                        <thead>
                          <tr>
                            <th scope="col" className={`${TH} pl-0`}>Fact</th>
                            <th scope="col" className={TH}>In this example</th>
                            <th scope="col" className={TH}>Required</th>
                          </tr>
                        </thead>
                        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                          {rows.map((row, n) => (
                            <tr key={`${row.fact}-${n}`}>
                              <th scope="row" className={`${TD} min-w-[9rem] pl-0 text-left font-mono text-xs font-normal`}>
                                <FactPath path={row.fact} />
                              </th>
                              <td className={`${TD} min-w-[10rem] text-xs [overflow-wrap:anywhere]`}>
                                <FactValue value={row.value} />
                              </td>
                              <td className={`${TD} min-w-[8rem] text-xs [overflow-wrap:anywhere]`}>{row.expected}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </section>
                <section aria-labelledby={`${headingId}-out`} className="min-w-0 lg:border-l lg:border-slate-200 lg:pl-4 lg:dark:border-slate-700">
                  <h4 id={`${headingId}-out`} className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                    Verdict out
                  </h4>
                  <p className="mt-1">{result ? <StatusBadge status={result.status} severity={result.severity} /> : <span className="text-sm">Does not apply</span>}</p>
                  {result && <p className="mt-1 text-sm [overflow-wrap:anywhere]">{result.message}</p>}
                  {result?.reason && <CollectIt reason={result.reason} label={`Command that collects the missing fact of example ${index + 1}`} />}
                  {!matches && (
                    <p className="mt-2 text-xs font-semibold text-red-800 dark:text-red-300" role="note">
                      <span aria-hidden="true">✕ </span>The rule now returns {result?.status ?? "not applicable"} here, not the {example.expect} this example documents.
                    </p>
                  )}
                </section>
              </div>
              <details className="border-t border-slate-200 px-4 py-2 dark:border-slate-700">
                <summary className="cursor-pointer text-xs text-slate-700 dark:text-slate-300">Every fact of this example, as uploaded data (JSON)</summary>
                <pre tabIndex={0} className="mt-2 max-h-96 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800">
                  {JSON.stringify(example.context, null, 2)}
                </pre>
              </details>
            </article>
          </li>
        );
      })}
    </ol>
  );
}

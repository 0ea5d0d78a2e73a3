import type { ReactNode } from "react";
import { getRule, type RuleResult } from "@/lib/rules";
import { ResultCard } from "./result-card";
import { sortResults, statusCounts } from "./result-groups";

/** A summary like "2 failing · 1 unknown · 14 passing". */
export function countsText(results: readonly RuleResult[]): string {
  const counts = statusCounts(results);
  // A failing info result informs only: counted as "info", not as failing.
  const info = results.filter((r) => r.status === "fail" && r.severity === "info").length;
  const failing = counts.fail - info;
  const parts = [
    failing && `${failing} failing`,
    info && `${info} info`,
    counts.unknown && `${counts.unknown} unknown`,
    counts.waived && `${counts.waived} waived`,
    counts.pass && `${counts.pass} passing`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : "no applicable rules";
}

/** Failing (and waived) results shown; those without data and passing ones folded away (expand to see them). */
export function ResultList({ results, snippets, headingLevel, renderExtra }: { results: readonly RuleResult[]; snippets: ReadonlyMap<string, string>; headingLevel: 4 | 5; renderExtra?: (result: RuleResult) => ReactNode }) {
  const sorted = sortResults(results);
  const open = sorted.filter((r) => r.status === "fail" || r.status === "waived");
  const unknown = sorted.filter((r) => r.status === "unknown");
  const passing = sorted.filter((r) => r.status === "pass");
  const card = (result: RuleResult) => (
    <li key={result.ruleId}>
      <ResultCard result={result} rule={getRule(result.ruleId)} snippet={snippets.get(result.ruleId)} headingLevel={headingLevel} extra={renderExtra?.(result)} />
    </li>
  );
  return (
    <div className="space-y-3">
      {open.length > 0 && <ul className="space-y-3">{open.map(card)}</ul>}
      {unknown.length > 0 && (
        <details className="group rounded-md border border-slate-200 dark:border-slate-700" data-testid="unknown-results">
          <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-slate-700 dark:text-slate-300">
            <span aria-hidden="true">? </span>
            {`${unknown.length} ${unknown.length === 1 ? "rule" : "rules"} without data`}
            <span className="font-normal text-slate-600 dark:text-slate-400"> (what to collect: Missing data, above)</span>
          </summary>
          <ul className="space-y-3 p-3 pt-0">{unknown.map(card)}</ul>
        </details>
      )}
      {passing.length > 0 && (
        <details className="group rounded-md border border-slate-200 dark:border-slate-700">
          <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-green-800 dark:text-green-300">
            <span aria-hidden="true">✓ </span>
            {`${passing.length} passing ${passing.length === 1 ? "rule" : "rules"}`}
          </summary>
          <ul className="space-y-3 p-3 pt-0">{passing.map(card)}</ul>
        </details>
      )}
    </div>
  );
}

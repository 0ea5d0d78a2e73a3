import type { Verdict } from "@/lib/readiness";
import { getRule, type RuleResult } from "@/lib/rules";
import { resultAnchor } from "./result-card";
import type { DecidedBy } from "./result-groups";

function RuleLinks({ results }: { results: readonly RuleResult[] }) {
  return (
    <ul className="mt-1 space-y-1">
      {results.map((result) => (
        <li key={result.ruleId} className="text-sm">
          <a href={`#${resultAnchor(result.ruleId)}`} className="text-brand-600 underline dark:text-brand-100">
            {getRule(result.ruleId)?.meta.title ?? result.ruleId}
          </a>{" "}
          <code className="text-xs text-slate-500 dark:text-slate-400">{result.ruleId}</code>
        </li>
      ))}
    </ul>
  );
}

const INTRO: Record<Exclude<Verdict, "unknown">, string> = {
  "not-ready": "Not ready because these blockers fail:",
  "ready-with-conditions": "Ready, with conditions: these warnings fail:",
  ready: "Ready: no blocker or warning fails.",
};

/** The rules that decide the verdict: failing blockers, unknown blockers, failing warnings (conditions). */
export function DecidedByList({ verdict, decided }: { verdict: Verdict; decided: DecidedBy }) {
  const groups: { key: string; title: string; results: RuleResult[] }[] = [];
  if (decided.blocking.length) groups.push({ key: "blocking", title: INTRO["not-ready"], results: decided.blocking });
  if (decided.conditions.length) groups.push({ key: "conditions", title: verdict === "ready-with-conditions" ? INTRO["ready-with-conditions"] : "Conditions (failing warnings):", results: decided.conditions });
  const unknown = decided.unknownBlockers.length;
  return (
    <div>
      <h3 className="text-sm font-semibold">Decided by</h3>
      {groups.length === 0 && unknown === 0 ? (
        <p className="mt-1 text-sm">{INTRO.ready}</p>
      ) : (
        groups.map((group) => (
          <div key={group.key} className="mt-2">
            <p className="text-sm text-slate-700 dark:text-slate-300">{group.title}</p>
            <RuleLinks results={group.results} />
          </div>
        ))
      )}
      {unknown > 0 && (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300" data-testid="unknown-blockers">
          {verdict === "unknown" ? "Unknown because " : "Also, "}
          {unknown === 1 ? "1 blocker could not be judged" : `${unknown} blockers could not be judged`} (facts missing):{" "}
          <a href="#missing-data" className="text-brand-600 underline dark:text-brand-100">
            see Missing data for what to collect
          </a>
          .
        </p>
      )}
    </div>
  );
}

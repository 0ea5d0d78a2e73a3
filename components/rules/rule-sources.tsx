import type { RuleMeta } from "@/lib/rules";
import { RuleSourceLink } from "./rule-source";

/** The primary source of a rule and the other sources consulted. */
export function RuleSources({ meta }: { meta: RuleMeta }) {
  const others = meta.otherSources ?? [];
  return (
    <div className="space-y-3 text-sm">
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Source</h3>
        <p className="mt-1">
          <RuleSourceLink source={meta.source} />
        </p>
      </div>
      {others.length > 0 && (
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Other sources</h3>
          <ul className="mt-1 space-y-1">
            {others.map((source, index) => (
              <li key={`${source.url}-${index}`}>
                <RuleSourceLink source={source} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

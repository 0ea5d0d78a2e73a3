import type { RuleSource } from "@/lib/rules";

/** The document a rule encodes: title (link), section and revision date. */
export function RuleSourceLine({ source }: { source: RuleSource }) {
  return (
    <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
      Source:{" "}
      <a href={source.url} className="text-brand-600 underline dark:text-brand-100" rel="noreferrer" target="_blank">
        {source.document}
        <span className="sr-only"> (opens in a new tab)</span>
      </a>
      {`, section “${source.section}”, revised ${source.revised}.`}
    </p>
  );
}

import type { RuleSource } from "@/lib/rules";
import { LINK } from "./labels";

/** A rule's documented source: the document and section (linked) and the revision it encodes. */
export function RuleSourceLink({ source }: { source: RuleSource }) {
  return (
    <span className="[overflow-wrap:anywhere]">
      <a href={source.url} className={LINK} rel="noreferrer" target="_blank">
        {source.document}
        <span className="sr-only"> (opens in a new tab)</span>
      </a>
      <span className="text-slate-700 dark:text-slate-300"> — {source.section}</span>{" "}
      <span className="whitespace-nowrap text-xs text-slate-600 dark:text-slate-400">
        (revised <time dateTime={source.revised}>{source.revised}</time>)
      </span>
    </span>
  );
}

import { splitSourceKeys } from "@/lib/rules";
import { LINK } from "./labels";

/**
 * Rule text with its bracketed source keys (`[GMSA-CS]`, `[VERHIST]`) written as the document's title, linked to it.
 * Unknown brackets stay as written.
 */
export function SourceText({ text }: { text: string }) {
  return (
    <>
      {splitSourceKeys(text).map((part, index) =>
        "key" in part ? (
          <a key={index} href={part.source.url} className={LINK} rel="noreferrer" target="_blank" data-source-key={part.key} title={part.source.revised ? `Revised ${part.source.revised}` : undefined}>
            {part.source.document}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

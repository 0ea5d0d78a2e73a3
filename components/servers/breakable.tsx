import { Fragment } from "react";

/**
 * Uploaded text (names, domains, e-mail addresses) that may wrap after "." and "@" and, when a part is still too
 * long, anywhere; isolated with <bdi> so right-to-left or override characters cannot reorder the text around it.
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[.@\\/])/);
  return (
    <bdi className="[overflow-wrap:anywhere]">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </bdi>
  );
}

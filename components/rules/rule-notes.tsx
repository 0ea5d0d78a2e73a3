import { SourceText } from "./source-text";

/** "Where the sources disagree": the rule's notes on conflicting or uncertain documentation, shown prominently. */
export function RuleNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <section
      aria-labelledby="notes-heading"
      className="rounded-lg border-2 border-amber-500/70 bg-amber-50 p-5 text-amber-950 dark:border-amber-500/60 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <h2 id="notes-heading" className="flex items-center gap-2 text-base font-semibold">
        <span aria-hidden="true">⚠</span>
        Where the sources disagree
      </h2>
      <p className="mt-1 text-sm">Where Microsoft&apos;s documents disagree or are uncertain, and how this rule decides.</p>
      <ul className="mt-3 list-disc space-y-2 pl-5 text-sm">
        {notes.map((note, index) => (
          <li key={index} className="[overflow-wrap:anywhere]">
            <SourceText text={note} />
          </li>
        ))}
      </ul>
    </section>
  );
}

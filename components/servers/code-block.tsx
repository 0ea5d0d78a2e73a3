import { CopyButton } from "./copy-button";

/** Preformatted code (PowerShell, commands) with a copy button; long lines scroll instead of stretching the page. */
export function CodeBlock({ code, label, copyLabel = "Copy" }: { code: string; label: string; copyLabel?: string }) {
  return (
    <figure className="mt-2">
      <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-2 text-xs font-medium text-slate-600 dark:text-slate-400">
        <span>{label}</span>
        <CopyButton text={code} label={copyLabel} />
      </figcaption>
      <pre
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200"
      >
        <code>{code}</code>
      </pre>
    </figure>
  );
}

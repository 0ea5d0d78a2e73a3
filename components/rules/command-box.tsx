import { CopyButton } from "@/components/servers/copy-button";

/** One runnable command in a box of its own, with a copy button that copies exactly what the box shows. */
export function CommandBox({ code, label }: { code: string; label: string }) {
  return (
    <div className="mt-1.5 rounded-md border border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-950" data-command-box>
      <div className="flex items-start justify-between gap-2">
        <pre tabIndex={0} aria-label={label} className="min-w-0 flex-1 overflow-x-auto p-2.5 font-mono text-xs leading-relaxed text-slate-800 dark:text-slate-200">
          <code>{code}</code>
        </pre>
        <span className="shrink-0 p-1.5">
          <CopyButton text={code} label="Copy" />
        </span>
      </div>
    </div>
  );
}

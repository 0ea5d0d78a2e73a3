import type { Evidence } from "@/lib/rules";

function formatActual(value: unknown): string {
  if (value === null || value === undefined) return "not collected";
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** The data a result looked at: each fact, what was found and what was expected. Uploaded values render as text only. */
export function EvidenceList({ evidence, collapsible = false }: { evidence: readonly Evidence[]; collapsible?: boolean }) {
  if (evidence.length === 0) return null;
  const list = (
    <ul className="mt-2 space-y-1.5 text-xs">
      {evidence.map((item, index) => (
        <li key={`${item.fact}-${index}`} className="rounded border border-slate-200 bg-slate-50 px-2 py-1.5 dark:border-slate-700 dark:bg-slate-800/60">
          <code className="font-mono font-semibold [overflow-wrap:anywhere]">{item.fact}</code>
          <div className="mt-0.5 grid gap-x-2 sm:grid-cols-[auto_1fr]">
            <span className="text-slate-600 dark:text-slate-400">Found</span>
            <code className="font-mono [overflow-wrap:anywhere]">{formatActual(item.actual)}</code>
            <span className="text-slate-600 dark:text-slate-400">Expected</span>
            <span className="[overflow-wrap:anywhere]">{item.expected}</span>
          </div>
        </li>
      ))}
    </ul>
  );
  if (!collapsible) return list;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-slate-700 dark:text-slate-300">Evidence ({evidence.length})</summary>
      {list}
    </details>
  );
}

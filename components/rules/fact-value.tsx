/**
 * A fact's value as an admin reads it, not as JSON: text and numbers as written, lists as lists, objects as
 * "key: value" lines, a missing value as "not collected". Uploaded text renders as text only (React escapes it).
 */
export function FactValue({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (value === null || value === undefined) return <em className="text-slate-600 dark:text-slate-400">not collected</em>;
  if (typeof value === "string") return value === "" ? <em className="text-slate-600 dark:text-slate-400">empty</em> : <span className="font-mono">{value}</span>;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return <span className="font-mono">{String(value)}</span>;
  if (depth >= 3) return <span className="font-mono">{safeJson(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <em className="text-slate-600 dark:text-slate-400">none (empty list)</em>;
    if (value.every((item) => item === null || typeof item !== "object")) {
      return (
        <ul className="space-y-0.5">
          {value.map((item, index) => (
            <li key={index}>
              <FactValue value={item} depth={depth + 1} />
            </li>
          ))}
        </ul>
      );
    }
    return (
      <ol className="space-y-1.5">
        {value.map((item, index) => (
          <li key={index} className="border-l-2 border-slate-200 pl-2 dark:border-slate-700">
            <FactValue value={item} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <em className="text-slate-600 dark:text-slate-400">nothing</em>;
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
        {entries.map(([key, item]) => (
          <div key={key} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{key}</dt>
            <dd className="min-w-0 [overflow-wrap:anywhere]">
              <FactValue value={item} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span className="font-mono">{String(value)}</span>;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

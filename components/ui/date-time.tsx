/** A timestamp rendered the same on server and client (UTC, ISO-like), with the exact value as title. */
export function DateTime({ value }: { value: string | null }) {
  if (!value) return <span className="text-slate-500">never</span>;
  const text = value.replace("T", " ").slice(0, 16) + " UTC";
  return (
    <time dateTime={value} title={value}>
      {text}
    </time>
  );
}

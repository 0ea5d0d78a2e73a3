/** The go/no-go gate of a wave: icon and text, never colour alone. */
export function GateBadge({ status, large = false }: { status: "go" | "no-go"; large?: boolean }) {
  const go = status === "go";
  const size = large ? "px-3 py-1 text-base" : "px-2 py-0.5 text-xs";
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border font-semibold ${size} ${
        go ? "border-green-700/30 bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-300" : "border-red-700/30 bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300"
      }`}
    >
      <span aria-hidden="true">{go ? "✓" : "✕"}</span>
      {go ? "Go" : "No-go"}
    </span>
  );
}

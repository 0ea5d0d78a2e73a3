import type { AceView, PermissionFinding } from "@/lib/rules";

const STYLE: Record<PermissionFinding["status"], { icon: string; label: string; className: string }> = {
  present: { icon: "✓", label: "Present", className: "text-green-800 dark:text-green-300" },
  "covered-by-inheritance": { icon: "✓", label: "Covered by inheritance", className: "text-green-800 dark:text-green-300" },
  "covered-by-group": { icon: "✓", label: "Covered by group", className: "text-green-800 dark:text-green-300" },
  unknown: { icon: "?", label: "Unknown (inheritance not exported)", className: "text-amber-800 dark:text-amber-300" },
  missing: { icon: "✕", label: "Missing", className: "text-red-800 dark:text-red-300" },
  denied: { icon: "⊘", label: "Denied", className: "text-red-800 dark:text-red-300" },
};

/** The groups through which a permission is held: the identities of the satisfying ACEs granted to a group. */
export function coveringGroups(satisfiedBy: readonly AceView[]): string[] {
  return [...new Set(satisfiedBy.filter((ace) => ace.via !== null).map((ace) => ace.identity))];
}

/**
 * A documented permission's status, icon + text. A missing permission of a set the domain does not need reads
 * "Missing (not required)" without the alarm colour.
 */
export function PermissionStatus({ finding, required }: { finding: PermissionFinding; required: boolean }) {
  const style = STYLE[finding.status];
  const groups = finding.status === "covered-by-group" ? coveringGroups(finding.satisfiedBy) : [];
  const relaxed = !required && (finding.status === "missing" || finding.status === "denied");
  return (
    <span className={`inline-flex items-baseline gap-1 text-sm font-medium ${relaxed ? "text-slate-700 dark:text-slate-300" : style.className}`}>
      <span aria-hidden="true" className="font-bold">
        {relaxed ? "–" : style.icon}
      </span>
      <span>
        {style.label}
        {groups.length > 0 && <span className="[overflow-wrap:anywhere]"> {groups.join(", ")}</span>}
        {relaxed && <span className="font-normal"> (not required)</span>}
      </span>
    </span>
  );
}

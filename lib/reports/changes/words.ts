import type { ChangeGroup, ChangesReport, RuleChange } from "@/lib/data/changes";

// The sentences of the "what changed" report, shared by the page and the PDF so they say the same thing.

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "43 servers changed verdict: 30 improved, 13 got worse." */
export function changesHeadline(report: Pick<ChangesReport, "changed" | "improved" | "worse">): string {
  if (report.changed === 0) return "No server changed verdict.";
  return `${plural(report.changed, "server")} changed verdict: ${report.improved.toLocaleString("en-US")} improved, ${report.worse.toLocaleString("en-US")} got worse.`;
}

/** "2 servers are new (first evaluated in this period); 1 was removed." */
export function arrivalsLine(report: Pick<ChangesReport, "added" | "removed">): string | null {
  const parts: string[] = [];
  if (report.added.total > 0) parts.push(`${plural(report.added.total, "server")} ${report.added.total === 1 ? "is" : "are"} new (first evaluated in this period)`);
  if (report.removed > 0) parts.push(`${plural(report.removed, "server")} ${report.removed === 1 ? "was" : "were"} removed (their only upload was deleted)`);
  return parts.length ? `${parts.join("; ")}.` : null;
}

export const HOW_TO_READ =
  "Each server's verdict at the start of the first day is compared with its verdict at the end of the last day. " +
  "When a server was evaluated several times in between, the cause shown is the evaluation where its verdict last changed; " +
  "a server that changed and changed back is not listed. Rules compare the same two moments.";

export { ruleChangeText } from "@/lib/views/history-changes";

/** The rules that changed, newly failing first: "+host-memory, −host-tier0", at most `max` then "+3". */
export function ruleChangesSummary(rules: readonly RuleChange[], max = 3): string {
  if (rules.length === 0) return "—";
  const shown = rules.slice(0, max).map((rule) => `${rule.to === "fail" ? "+" : "−"}${rule.ruleId}`);
  return rules.length > max ? `${shown.join(", ")} +${rules.length - max}` : shown.join(", ");
}

/** What exactly, for a whole cause: "memory-check.csv (3 servers), flip.csv (1 server)." (the most frequent first). */
export function causeDetails(group: ChangeGroup, max = 3): string | null {
  const counts = new Map<string, number>();
  for (const change of group.changes) if (change.causeDetail) counts.set(change.causeDetail, (counts.get(change.causeDetail) ?? 0) + 1);
  if (counts.size === 0) return null;
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = top.slice(0, max).map(([detail, n]) => `${detail.length > 60 ? `${detail.slice(0, 59)}…` : detail} (${plural(n, "server")})`);
  return `${shown.join(", ")}${top.length > max ? `, and ${top.length - max} more` : ""}.`;
}

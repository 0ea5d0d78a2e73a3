import { VERDICT_LABELS, VERDICTS, type Verdict } from "@/lib/readiness";

// The fleet report's sentences, from numbers (pure, no React): what a manager reads first.

const count = (n: number) => n.toLocaleString("en-US");

/** "12.5%" (one decimal; "0%" for an empty fleet). */
export function percent(part: number, total: number): string {
  if (total === 0) return "0%";
  return `${Math.round((part / total) * 1000) / 10}%`;
}

const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** "Of 50,000 servers, 322 (0.6%) are ready, 1,200 (2.4%) are ready with conditions, …" */
export function summarySentence(total: number, byVerdict: Readonly<Record<Verdict, number>>, scopeLabel: string): string {
  if (total === 0) return `No server matches this scope (${scopeLabel}).`;
  const phrase: Record<Verdict, string> = {
    ready: "ready",
    "ready-with-conditions": "ready with conditions",
    unknown: "unknown for lack of data",
    "not-ready": "not ready",
  };
  const parts = VERDICTS.map((v) => `${count(byVerdict[v])} (${percent(byVerdict[v], total)}) ${byVerdict[v] === 1 ? "is" : "are"} ${phrase[v]}`);
  const head = scopeLabel === "every server" ? `Of ${plural(total, "server", "servers")} in the fleet` : `Of ${plural(total, "server", "servers")} in scope`;
  return `${head}, ${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}.`;
}

/** The blocking-rules sentence: how many rules block, and the one that blocks the most servers. */
export function blockingSentence(rules: readonly { ruleId: string; title: string; servers: number }[], total: number): string {
  if (rules.length === 0) return "No rule blocks any server in scope.";
  const top = rules[0]!;
  return `${plural(rules.length, "rule blocks", "rules block")} servers in scope. The most frequent is “${top.title}” (${top.ruleId}), which blocks ${plural(top.servers, "server", "servers")} (${percent(top.servers, total)}); fixing it is the single change that moves the most servers towards ready.`;
}

/** "1 star: 12 · 2 stars: 40 · …" as rows for a key/value list. */
export function confidenceRows(byConfidence: Readonly<Record<1 | 2 | 3 | 4 | 5, number>>, total: number): [string, string][] {
  return ([5, 4, 3, 2, 1] as const).map((stars) => [
    `${"★".repeat(stars)}${"☆".repeat(5 - stars)}`,
    `${count(byConfidence[stars])} (${percent(byConfidence[stars], total)})`,
  ]);
}

export function verdictLabel(verdict: string): string {
  return (VERDICT_LABELS as Record<string, string>)[verdict] ?? verdict;
}


import { describeCause, parseCause, statusChanges, type RuleChange } from "@/lib/views/history-changes";
import type { ServerHistory } from "@/lib/data/servers";
import { RESULT_STATUS_LABELS, VERDICT_LABELS, type Verdict } from "@/lib/readiness";
import type { ResultStatus, RuleResult } from "@/lib/rules";

// Pure text for the server report (no React, no database).

const STATUS_ORDER: Record<ResultStatus, number> = { fail: 0, unknown: 1, waived: 2, pass: 3 };
const SEVERITY_ORDER: Record<string, number> = { blocker: 0, warning: 1, info: 2 };

/** Results worst first: failing blockers, failing warnings, unknowns, waived, passes; then by rule id. */
export function orderResults(results: readonly RuleResult[]): RuleResult[] {
  return [...results].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.ruleId.localeCompare(b.ruleId),
  );
}

/** "Fail · blocker", "Pass", "Waived · blocker", "Unknown · warning". */
export function statusLabel(result: Pick<RuleResult, "status" | "severity">): string {
  const status = RESULT_STATUS_LABELS[result.status];
  return result.status === "pass" ? status : `${status} · ${result.severity}`;
}

/** An observed value as compact JSON, at most `max` characters. */
export function observedText(value: unknown, max = 300): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? "null";
  } catch {
    text = String(value);
  }
  // A space after each separator lets long JSON wrap in the PDF.
  text = text.replace(/([,:])(?=["{[\d])/g, "$1 ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface VerdictChange {
  at: string;
  from: Verdict | null;
  to: Verdict;
  cause: string;
  rulesetVersion: string;
  changes: RuleChange[];
}

/**
 * The evaluations that changed the verdict (the first one included), oldest first, each with its cause in words
 * and the rules that changed status.
 */
export function verdictChanges(history: ServerHistory, uploadNames: ReadonlyMap<string, string>): VerdictChange[] {
  const evaluations = [...history.evaluations].reverse();
  const changes: VerdictChange[] = [];
  evaluations.forEach((evaluation, index) => {
    const previous = index > 0 ? evaluations[index - 1] : null;
    if (previous && previous.verdict === evaluation.verdict) return;
    changes.push({
      at: evaluation.evaluatedAt,
      from: previous?.verdict ?? null,
      to: evaluation.verdict,
      cause: describeCause(parseCause(evaluation.cause), uploadNames) + (evaluation.note ? ` — ${evaluation.note}` : ""),
      rulesetVersion: evaluation.rulesetVersion,
      changes: previous ? statusChanges(previous.statuses, evaluation.statuses) : [],
    });
  });
  return changes;
}

export function verdictChangeText(change: VerdictChange): string {
  return change.from === null ? `First evaluation: ${VERDICT_LABELS[change.to]}` : `${VERDICT_LABELS[change.from]} → ${VERDICT_LABELS[change.to]}`;
}

export { ruleChangeText } from "@/lib/views/history-changes";

/** "★★★★☆ 4 of 5 (72% of the applicable rules had their data)" */
export function confidenceText(stars: number, share: number): string {
  const filled = Math.max(0, Math.min(5, stars));
  return `${"★".repeat(filled)}${"☆".repeat(5 - filled)} ${filled} of 5 (${Math.round(share * 100)}% of the applicable rules had their data)`;
}

import { z } from "zod";
import { resultStatusSchema as ruleResultStatusSchema } from "@/lib/rules";

/**
 * Per-server readiness verdicts, from best to worst.
 * - ready: no blocker or warning fails;
 * - ready-with-conditions: only warnings fail (info never changes the verdict);
 * - unknown: no blocker fails, but at least one blocker could not be judged (missing data);
 * - not-ready: at least one blocker fails.
 */
export const VERDICTS = ["ready", "ready-with-conditions", "unknown", "not-ready"] as const;
export const verdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdictSchema>;

/** Result statuses as stored and exported ("waived" replaces "fail" when a waiver applies). */
export const resultStatusSchema = ruleResultStatusSchema;
export type { ResultStatus } from "@/lib/rules";

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  ready: "Ready",
  "ready-with-conditions": "Ready with conditions",
  "not-ready": "Not ready",
  unknown: "Unknown",
};

export const RESULT_STATUS_LABELS: Readonly<Record<z.infer<typeof resultStatusSchema>, string>> = {
  pass: "Pass",
  fail: "Fail",
  unknown: "Unknown",
  waived: "Waived",
};

/** Rank for sorting, best first: ready 0, ready-with-conditions 1, unknown 2, not-ready 3. */
export const VERDICT_RANK: Readonly<Record<Verdict, number>> = {
  ready: 0,
  "ready-with-conditions": 1,
  unknown: 2,
  "not-ready": 3,
};

/** Comparator ordering verdicts best first (ready … not-ready). */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return VERDICT_RANK[a] - VERDICT_RANK[b];
}

/** The worse of two verdicts (used to summarise a wave or a site). */
export function worstVerdict(a: Verdict, b: Verdict): Verdict {
  return VERDICT_RANK[a] >= VERDICT_RANK[b] ? a : b;
}

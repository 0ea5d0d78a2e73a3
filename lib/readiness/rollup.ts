import type { RuleResult } from "@/lib/rules/types";
import { confidenceFrom, type Confidence } from "./confidence";
import type { Verdict } from "./verdict";

export type { Confidence } from "./confidence";

/** One server's readiness, rolled up from its own results and its domain's shared results. */
export interface Readiness {
  verdict: Verdict;
  confidence: Confidence;
  /** Failing blockers (effective severity), sorted. */
  blockingRuleIds: string[];
  /** Failing warnings (effective severity), sorted. */
  conditionRuleIds: string[];
  /** Every unknown result (any severity), sorted. Only unknown blockers affect the verdict. */
  unknownRuleIds: string[];
}

const EMPTY: readonly RuleResult[] = [];

/**
 * Rolls a server's results up into a verdict:
 * - not-ready when any blocker fails;
 * - unknown when no blocker fails but a blocker is unknown;
 * - ready-with-conditions when only warnings fail;
 * - ready otherwise.
 * Info results never change the verdict, waived results never count as fails, and each result's
 * effective `severity` is used (a fail demoted to warning is a condition, not a blocker).
 * `own` and `shared` are read, never modified; the split only avoids concatenating arrays per server.
 */
export function rollup(own: readonly RuleResult[], shared: readonly RuleResult[] = EMPTY): Readiness {
  const blockingRuleIds: string[] = [];
  const conditionRuleIds: string[] = [];
  const unknownRuleIds: string[] = [];
  let blockerUnknown = false;
  let applicable = 0;
  let withData = 0;
  for (let part = 0; part < 2; part++) {
    const results = part === 0 ? own : shared;
    for (let i = 0; i < results.length; i++) {
      const result = results[i];
      const severity = result.severity;
      const counted = severity === "blocker" || severity === "warning";
      if (counted) applicable++;
      switch (result.status) {
        case "fail":
          if (severity === "blocker") blockingRuleIds.push(result.ruleId);
          else if (severity === "warning") conditionRuleIds.push(result.ruleId);
          if (counted) withData++;
          break;
        case "unknown":
          unknownRuleIds.push(result.ruleId);
          if (severity === "blocker") blockerUnknown = true;
          break;
        default:
          // pass and waived are data, and never fails.
          if (counted) withData++;
      }
    }
  }
  if (blockingRuleIds.length > 1) blockingRuleIds.sort();
  if (conditionRuleIds.length > 1) conditionRuleIds.sort();
  if (unknownRuleIds.length > 1) unknownRuleIds.sort();
  const verdict: Verdict =
    blockingRuleIds.length > 0
      ? "not-ready"
      : blockerUnknown
        ? "unknown"
        : conditionRuleIds.length > 0
          ? "ready-with-conditions"
          : "ready";
  return { verdict, confidence: confidenceFrom(withData, applicable), blockingRuleIds, conditionRuleIds, unknownRuleIds };
}

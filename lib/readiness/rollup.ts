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
  // First pass: counts only, so each id list is allocated once at its exact size (push would over-allocate).
  let blocking = 0;
  let conditions = 0;
  let unknowns = 0;
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
          if (severity === "blocker") blocking++;
          else if (severity === "warning") conditions++;
          if (counted) withData++;
          break;
        case "unknown":
          unknowns++;
          if (severity === "blocker") blockerUnknown = true;
          break;
        default:
          // pass and waived are data, and never fails.
          if (counted) withData++;
      }
    }
  }
  const blockingRuleIds: string[] = blocking === 0 ? [] : new Array<string>(blocking);
  const conditionRuleIds: string[] = conditions === 0 ? [] : new Array<string>(conditions);
  const unknownRuleIds: string[] = unknowns === 0 ? [] : new Array<string>(unknowns);
  if (blocking + conditions + unknowns > 0) {
    let b = 0;
    let c = 0;
    let u = 0;
    for (let part = 0; part < 2; part++) {
      const results = part === 0 ? own : shared;
      for (let i = 0; i < results.length; i++) {
        const result = results[i];
        if (result.status === "fail") {
          if (result.severity === "blocker") blockingRuleIds[b++] = result.ruleId;
          else if (result.severity === "warning") conditionRuleIds[c++] = result.ruleId;
        } else if (result.status === "unknown") unknownRuleIds[u++] = result.ruleId;
      }
    }
  }
  if (blocking > 1) blockingRuleIds.sort();
  if (conditions > 1) conditionRuleIds.sort();
  if (unknowns > 1) unknownRuleIds.sort();
  const verdict: Verdict = blocking > 0 ? "not-ready" : blockerUnknown ? "unknown" : conditions > 0 ? "ready-with-conditions" : "ready";
  return { verdict, confidence: confidenceFrom(withData, applicable), blockingRuleIds, conditionRuleIds, unknownRuleIds };
}

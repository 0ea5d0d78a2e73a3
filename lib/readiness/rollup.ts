import type { RuleResult } from "@/lib/rules";
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
 * What a list of results contributes to a roll-up: the failing blocker, failing warning and unknown rule ids
 * (each sorted), whether a blocker is unknown, and the confidence counts. A domain's shared results are the
 * same list for every server of the domain, so the evaluator summarises them once and rolls each server up
 * with `rollupWith` (same result as `rollup`, without re-reading the shared list per server).
 */
export interface ResultSummary {
  blockingRuleIds: readonly string[];
  conditionRuleIds: readonly string[];
  unknownRuleIds: readonly string[];
  blockerUnknown: boolean;
  /** Blocker and warning results. */
  applicable: number;
  /** Blocker and warning results that are not unknown. */
  withData: number;
}

const NO_IDS: readonly string[] = Object.freeze([]);
const EMPTY_SUMMARY: ResultSummary = Object.freeze({
  blockingRuleIds: NO_IDS,
  conditionRuleIds: NO_IDS,
  unknownRuleIds: NO_IDS,
  blockerUnknown: false,
  applicable: 0,
  withData: 0,
});

/** Counts of one list (the first pass of a roll-up). */
interface Counts {
  blocking: number;
  conditions: number;
  unknowns: number;
  blockerUnknown: boolean;
  applicable: number;
  withData: number;
}

function countResults(results: readonly RuleResult[]): Counts {
  let blocking = 0;
  let conditions = 0;
  let unknowns = 0;
  let blockerUnknown = false;
  let applicable = 0;
  let withData = 0;
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
  return { blocking, conditions, unknowns, blockerUnknown, applicable, withData };
}

/** Writes the ids of `results` into the three lists from their start (the lists are sized by the caller). */
function fillIds(results: readonly RuleResult[], blocking: string[], conditions: string[], unknowns: string[]): void {
  let b = 0;
  let c = 0;
  let u = 0;
  for (let i = 0; i < results.length; i++) {
    const result = results[i];
    if (result.status === "fail") {
      if (result.severity === "blocker") blocking[b++] = result.ruleId;
      else if (result.severity === "warning") conditions[c++] = result.ruleId;
    } else if (result.status === "unknown") unknowns[u++] = result.ruleId;
  }
}

/** The roll-up contribution of `results` (see ResultSummary). */
export function summarizeResults(results: readonly RuleResult[]): ResultSummary {
  if (results.length === 0) return EMPTY_SUMMARY;
  const counts = countResults(results);
  const blockingRuleIds = new Array<string>(counts.blocking);
  const conditionRuleIds = new Array<string>(counts.conditions);
  const unknownRuleIds = new Array<string>(counts.unknowns);
  fillIds(results, blockingRuleIds, conditionRuleIds, unknownRuleIds);
  sortIds(blockingRuleIds);
  sortIds(conditionRuleIds);
  sortIds(unknownRuleIds);
  return {
    blockingRuleIds,
    conditionRuleIds,
    unknownRuleIds,
    blockerUnknown: counts.blockerUnknown,
    applicable: counts.applicable,
    withData: counts.withData,
  };
}

/**
 * Sorts rule ids in place, in the order of Array.prototype.sort() (UTF-16 code units). The lists are short
 * (a handful of ids), so an insertion sort does it without the work array sort() allocates on every call.
 */
function sortIds(ids: string[]): void {
  for (let i = 1; i < ids.length; i++) {
    const id = ids[i];
    let j = i - 1;
    while (j >= 0 && ids[j] > id) {
      ids[j + 1] = ids[j];
      j--;
    }
    ids[j + 1] = id;
  }
}

/** A new list: `count` slots for the caller's own ids, then `shared` (each list allocated once, at its size). */
function idList(count: number, shared: readonly string[]): string[] {
  const total = count + shared.length;
  if (total === 0) return [];
  const list = new Array<string>(total);
  for (let i = 0; i < shared.length; i++) list[count + i] = shared[i];
  return list;
}

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
  return rollupWith(own, summarizeResults(shared));
}

/**
 * The roll-up's verdict rule on its own: from the number of failing blockers, whether a blocker is unknown and the
 * number of failing warnings. `rollupWith` decides with it; the action plan re-runs it with results set to pass.
 */
export function verdictOf(failingBlockers: number, blockerUnknown: boolean, failingWarnings: number): Verdict {
  if (failingBlockers > 0) return "not-ready";
  if (blockerUnknown) return "unknown";
  return failingWarnings > 0 ? "ready-with-conditions" : "ready";
}

/** `rollup(own, shared)` where `shared` has been summarised with `summarizeResults`. */
export function rollupWith(own: readonly RuleResult[], shared: ResultSummary): Readiness {
  const counts = countResults(own);
  const blockingRuleIds = idList(counts.blocking, shared.blockingRuleIds);
  const conditionRuleIds = idList(counts.conditions, shared.conditionRuleIds);
  const unknownRuleIds = idList(counts.unknowns, shared.unknownRuleIds);
  if (counts.blocking + counts.conditions + counts.unknowns > 0) fillIds(own, blockingRuleIds, conditionRuleIds, unknownRuleIds);
  sortIds(blockingRuleIds);
  sortIds(conditionRuleIds);
  sortIds(unknownRuleIds);
  const verdict = verdictOf(blockingRuleIds.length, counts.blockerUnknown || shared.blockerUnknown, conditionRuleIds.length);
  const applicable = counts.applicable + shared.applicable;
  const withData = counts.withData + shared.withData;
  return { verdict, confidence: confidenceFrom(withData, applicable), blockingRuleIds, conditionRuleIds, unknownRuleIds };
}

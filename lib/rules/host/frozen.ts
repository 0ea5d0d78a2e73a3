import { evidence } from "@/lib/rules/outcome";
import { boundedMemo } from "./bounded-memo";
import { collectFields, type CollectHint, type Evidence, type RuleOutcome, type UnknownReason } from "@/lib/rules/types";

/**
 * Evidence lists whose content is a constant of the rule (e.g. "host.tier0 = true, expected Tier 0"),
 * built once at module load and shared by every result that reports exactly that, the way a message
 * string literal is shared. A frozen evidence list also lets the engine share one frozen result among the
 * servers whose outcome has the same message over it (lib/readiness/run-rules.ts). Frozen, so that no consumer
 * can change it for every result at once.
 */
export function frozenEvidence(...items: Evidence[]): Evidence[] {
  return freezeEvidence(items);
}

/** Freezes a list of evidence in place (the list, each item and each item's `actual` object) and returns it. */
export function freezeEvidence(items: Evidence[]): Evidence[] {
  for (const item of items) {
    if (typeof item.actual === "object" && item.actual !== null) Object.freeze(item.actual);
    Object.freeze(item);
  }
  Object.freeze(items);
  return items;
}

/** One frozen evidence item in a frozen list: `frozenEvidence(evidence(fact, actual, expected))`. */
export function frozenSingle(fact: string, actual: unknown, expected: string): Evidence[] {
  return frozenEvidence(evidence(fact, actual, expected));
}

/** The empty evidence list of unknown outcomes that report none, shared and frozen. */
export const NO_EVIDENCE: Evidence[] = frozenEvidence();

/**
 * An unknown outcome whose message, reason and evidence are constants of the rule (e.g. "The server's memory
 * size was not collected."): each call returns the same frozen outcome, equal to `unknown(missingFact, collect,
 * message, evidence)`; the engine gives every server that gets it one shared frozen result (run-rules.ts).
 */
export function constantUnknown(
  missingFact: string,
  collect: string | CollectHint,
  message = `Not collected: ${missingFact}.`,
  evidence: Evidence[] = NO_EVIDENCE,
): () => RuleOutcome {
  const reason: UnknownReason = Object.freeze({ code: "missing-fact", missingFact, ...collectFields(collect), message });
  freezeEvidence(evidence);
  const outcome: RuleOutcome = Object.freeze({ status: "unknown", message, evidence, reason });
  return function unknownOutcome(): RuleOutcome {
    return outcome;
  };
}

/**
 * Freezes an outcome worked out once for a constant input (its evidence, reason and itself), to be returned as
 * it is for every server with that input: the engine gives them one shared frozen result (run-rules.ts).
 */
export function freezeOutcome(outcome: RuleOutcome): RuleOutcome {
  freezeEvidence(outcome.evidence);
  if (outcome.status === "unknown") Object.freeze(outcome.reason);
  return Object.freeze(outcome);
}

/**
 * A registry DWORD as a small code for tables of precomputed outcomes: 0 not collected, 1 absent (null),
 * 2 zero, 3 one; -1 for any other value (those outcomes are built per call).
 */
export function dwordCode(value: number | null | undefined): number {
  if (value === undefined) return 0;
  if (value === null) return 1;
  if (value === 1) return 3;
  return value === 0 && !Object.is(value, -0) ? 2 : -1;
}

/** The DWORD values `dwordCode` numbers 0..3, to build the tables from. */
export const DWORD_CODE_VALUES: readonly (number | null | undefined)[] = [undefined, null, 0, 1];

type Dword = number | null | undefined;

/**
 * The outcome of a rule over `count` registry DWORDs, judged by `outcomeFor`: every combination of the values
 * being not collected, absent, 0 or 1 (4^count of them) is worked out once, here, by `outcomeFor` itself and
 * returned as it is (frozen); any other value is judged per call.
 */
export function dwordOutcomeTable(count: number, outcomeFor: (raws: readonly Dword[]) => RuleOutcome): (raws: readonly Dword[]) => RuleOutcome {
  const table: RuleOutcome[] = [];
  for (let code = 0; code < 4 ** count; code++) {
    const raws: Dword[] = [];
    for (let i = 0; i < count; i++) raws.push(DWORD_CODE_VALUES[(code >> (2 * i)) & 3]);
    table.push(freezeOutcome(outcomeFor(raws)));
  }
  return function judge(raws: readonly Dword[]): RuleOutcome {
    let index = 0;
    for (let i = 0; i < raws.length; i++) {
      const code = dwordCode(raws[i]);
      if (code < 0) return outcomeFor(raws);
      index |= code << (2 * i);
    }
    return table[index];
  };
}

/**
 * Outcomes remembered by what they were judged from, for rules whose outcome is a pure function of a few facts
 * (host-os-supported: the resolved OS): `memo(key, judge)` returns the frozen outcome judged for `key` before, or
 * judges, freezes and remembers it. Servers with the same facts then share one outcome, and the engine one result
 * for it. Bounded (boundedMemo).
 */
export function outcomeMemo<K>(max = 1_024): (key: K, judge: () => RuleOutcome) => RuleOutcome {
  const memo = boundedMemo<K, RuleOutcome>(max);
  return (key: K, judge: () => RuleOutcome) => memo(key, () => freezeOutcome(judge()));
}

import { collectFields, type CollectHint, type Evidence, type RuleOutcome, type Severity, type UnknownReason } from "./types";

/** Small constructors so rule files read as the requirement, not as object literals. */
export function pass(message: string, evidence: Evidence[] = []): RuleOutcome {
  return { status: "pass", message, evidence };
}

export function fail(message: string, evidence: Evidence[] = [], severity?: Severity): RuleOutcome {
  return severity ? { status: "fail", message, evidence, severity } : { status: "fail", message, evidence };
}

export function unknown(
  missingFact: string,
  collect: string | CollectHint,
  message = `Not collected: ${missingFact}.`,
  evidence: Evidence[] = [],
): RuleOutcome {
  const reason: UnknownReason = { code: "missing-fact", missingFact, ...collectFields(collect), message };
  return { status: "unknown", message, evidence, reason };
}

export function evidence(fact: string, actual: unknown, expected: string): Evidence {
  return { fact, actual: actual === undefined ? null : actual, expected };
}

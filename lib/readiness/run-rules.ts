import type { Evidence, Rule, RuleContext, RuleOutcome, RuleResult, RuleScope, Severity } from "@/lib/rules";

/** Called when a rule's appliesTo or evaluate throws (the caller decides whether and where to log). */
export type RuleErrorHandler = (ruleId: string, error: unknown) => void;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, blocker: 2 };

/** A fail may be milder than the rule's severity, never stronger: the milder of the two wins. */
function effectiveFailSeverity(ruleSeverity: Severity, outcomeSeverity: Severity | undefined): Severity {
  if (outcomeSeverity === undefined) return ruleSeverity;
  const rank = SEVERITY_RANK[outcomeSeverity];
  // An unexpected severity value from a misbehaving rule falls back to the rule's own severity.
  if (rank === undefined) return ruleSeverity;
  return rank < SEVERITY_RANK[ruleSeverity] ? outcomeSeverity : ruleSeverity;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return "unprintable error";
  }
}

/** The `unknown` result a rule gets when it throws or returns something that is not an outcome. */
export function ruleErrorResult(rule: Rule, stage: "appliesTo" | "evaluate", error: unknown): RuleResult {
  const id = rule.meta.id;
  const detail = errorMessage(error);
  const message = `Rule ${id} failed in ${stage}: ${detail}. The result is unknown until the rule is fixed.`;
  return {
    ruleId: id,
    status: "unknown",
    severity: rule.meta.severity,
    scope: rule.meta.scope,
    message,
    evidence: [],
    reason: {
      code: "rule-error",
      missingFact: `rule ${id} (internal error, not a missing fact)`,
      collect: "",
      collectNote: `Nothing to collect: report rule ${id} to the maintainers; re-evaluating after the fix needs no new data.`,
      message,
    },
  };
}

/** Turns an outcome into a stored result. Returns null when the outcome is malformed. */
function toResult(rule: Rule, outcome: RuleOutcome): RuleResult | null {
  return resultOf(rule.meta.id, rule.meta.severity, rule.meta.scope, outcome);
}

/** The stored result of a rule (its id, severity and scope) for an outcome; null when the outcome is malformed. */
function resultOf(ruleId: string, severity: Severity, scope: RuleScope, outcome: RuleOutcome): RuleResult | null {
  switch (outcome.status) {
    case "pass":
      return { ruleId, status: "pass", severity, scope, message: outcome.message, evidence: outcome.evidence };
    case "fail":
      return { ruleId, status: "fail", severity: effectiveFailSeverity(severity, outcome.severity), scope, message: outcome.message, evidence: outcome.evidence };
    case "unknown":
      return { ruleId, status: "unknown", severity, scope, message: outcome.message, evidence: outcome.evidence, reason: outcome.reason };
    default:
      return null;
  }
}

/**
 * Evaluates one rule against a context.
 * - null when `appliesTo` returns false (the rule is not applicable);
 * - a rule whose `appliesTo` or `evaluate` throws (or returns something that is not an outcome)
 *   becomes `unknown` with reason code "rule-error" naming the rule, so one bad rule never sinks the rest;
 * - a fail's effective severity is the milder of the rule's severity and the outcome's.
 */
export function evaluateRule(rule: Rule, ctx: RuleContext, onError?: RuleErrorHandler): RuleResult | null {
  if (rule.appliesTo !== undefined) {
    let applies: boolean;
    try {
      applies = rule.appliesTo(ctx);
    } catch (error) {
      onError?.(rule.meta.id, error);
      return ruleErrorResult(rule, "appliesTo", error);
    }
    if (!applies) return null;
  }
  let outcome: RuleOutcome;
  try {
    outcome = rule.evaluate(ctx);
  } catch (error) {
    onError?.(rule.meta.id, error);
    return ruleErrorResult(rule, "evaluate", error);
  }
  const result = outcome === null || typeof outcome !== "object" ? null : toResult(rule, outcome);
  if (result === null) {
    const error = new Error(`evaluate returned a value that is not an outcome (${describe(outcome)})`);
    onError?.(rule.meta.id, error);
    return ruleErrorResult(rule, "evaluate", error);
  }
  return result;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  const status: unknown = "status" in value ? value.status : undefined;
  return `status ${typeof status === "string" ? JSON.stringify(status) : typeof status}`;
}

/**
 * Evaluates rules in order, leaving out the ones that do not apply. The array is allocated at its final
 * size (and trimmed when rules do not apply) rather than grown by push, which would leave up to twice the
 * slots unused in every kept result list.
 */
export function evaluateRules(rules: readonly Rule[], ctx: RuleContext, onError?: RuleErrorHandler): RuleResult[] {
  const results = new Array<RuleResult>(rules.length);
  let count = 0;
  for (let i = 0; i < rules.length; i++) {
    const result = evaluateRule(rules[i], ctx, onError);
    if (result !== null) results[count++] = result;
  }
  results.length = count;
  return results;
}

/**
 * A list of rules prepared for evaluating many subjects: each rule's id, severity and scope read once into
 * plain arrays, so the per-subject loop does not look them up in twenty differently shaped rule objects.
 * `evaluateCompiled(compileRules(rules), ctx)` returns exactly what `evaluateRules(rules, ctx)` returns.
 */
export interface CompiledRules {
  rules: readonly Rule[];
  ids: readonly string[];
  severities: readonly Severity[];
  scopes: readonly RuleScope[];
  /**
   * Per rule, frozen results shared among subjects, for outcomes built from constant parts: a frozen evidence list (a
   * constant of the rule, as are the frozen outcomes worked out once at load: "not collected", the collector's
   * standard probes all reached, a registry value's common settings) with a message. Looked up by the evidence list,
   * then the message text, then status, severity and reason. Every server whose outcome has the same parts gets the
   * one frozen result, as it gets the shared message string, instead of a copy kept as long as the evaluation is.
   */
  shared: readonly Map<Evidence[], Map<string, RuleResult[]>>[];
  /** Results in `shared` per rule (bounded by MAX_SHARED_PER_RULE). */
  sharedCount: number[];
}

/** At most this many shared results per rule: messages may name a domain or a value, and the memo stays bounded. */
const MAX_SHARED_PER_RULE = 1_024;

export function compileRules(rules: readonly Rule[]): CompiledRules {
  return {
    rules,
    ids: rules.map((rule) => rule.meta.id),
    severities: rules.map((rule) => rule.meta.severity),
    scopes: rules.map((rule) => rule.meta.scope),
    shared: rules.map(() => new Map<Evidence[], Map<string, RuleResult[]>>()),
    sharedCount: rules.map(() => 0),
  };
}

/**
 * Whether an outcome is built from constant parts: frozen evidence (an array) and, for an unknown, a frozen reason.
 * (Object.isFrozen is true for any non-object, hence the array check.)
 */
function hasConstantParts(outcome: RuleOutcome): boolean {
  return Array.isArray(outcome.evidence) && Object.isFrozen(outcome.evidence) && typeof outcome.message === "string" && (outcome.status !== "unknown" || Object.isFrozen(outcome.reason));
}

/** The shared result for an outcome with constant parts, or undefined. */
function sharedResult(compiled: CompiledRules, i: number, outcome: RuleOutcome): RuleResult | undefined {
  const candidates = compiled.shared[i].get(outcome.evidence)?.get(outcome.message);
  if (candidates === undefined) return undefined;
  const severity = outcome.status === "fail" ? effectiveFailSeverity(compiled.severities[i], outcome.severity) : compiled.severities[i];
  const reason = outcome.status === "unknown" ? outcome.reason : undefined;
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c];
    if (candidate.status === outcome.status && candidate.severity === severity && candidate.reason === reason) return candidate;
  }
  return undefined;
}

/** Freezes `result` and keeps it for the next subjects with the same parts (while the rule's memo has room). */
function shareResult(compiled: CompiledRules, i: number, result: RuleResult): void {
  if (compiled.sharedCount[i] >= MAX_SHARED_PER_RULE) return;
  compiled.sharedCount[i]++;
  let byMessage = compiled.shared[i].get(result.evidence);
  if (byMessage === undefined) compiled.shared[i].set(result.evidence, (byMessage = new Map()));
  const candidates = byMessage.get(result.message);
  Object.freeze(result);
  if (candidates === undefined) byMessage.set(result.message, [result]);
  else candidates.push(result);
}

/** `evaluateRules` over compiled rules (same results, same error handling). */
export function evaluateCompiled(compiled: CompiledRules, ctx: RuleContext, onError?: RuleErrorHandler): RuleResult[] {
  const { rules, ids, severities, scopes } = compiled;
  const results = new Array<RuleResult>(rules.length);
  let count = 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.appliesTo !== undefined) {
      let applies: boolean;
      try {
        applies = rule.appliesTo(ctx);
      } catch (error) {
        onError?.(ids[i], error);
        results[count++] = ruleErrorResult(rule, "appliesTo", error);
        continue;
      }
      if (!applies) continue;
    }
    let outcome: RuleOutcome;
    try {
      outcome = rule.evaluate(ctx);
    } catch (error) {
      onError?.(ids[i], error);
      results[count++] = ruleErrorResult(rule, "evaluate", error);
      continue;
    }
    const valid = outcome !== null && typeof outcome === "object";
    const constant = valid && hasConstantParts(outcome);
    if (constant) {
      const known = sharedResult(compiled, i, outcome);
      if (known !== undefined) {
        results[count++] = known;
        continue;
      }
    }
    let result = valid ? resultOf(ids[i], severities[i], scopes[i], outcome) : null;
    if (result === null) {
      const error = new Error(`evaluate returned a value that is not an outcome (${describe(outcome)})`);
      onError?.(ids[i], error);
      result = ruleErrorResult(rule, "evaluate", error);
    } else if (constant) {
      shareResult(compiled, i, result);
    }
    results[count++] = result;
  }
  results.length = count;
  return results;
}

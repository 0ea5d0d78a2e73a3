import type { Evidence, Rule, RuleContext, RuleOutcome, RuleResult, RuleScope, Severity, UnknownReason } from "@/lib/rules";

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
  const meta = rule.meta;
  switch (outcome.status) {
    case "pass":
      return {
        ruleId: meta.id,
        status: "pass",
        severity: meta.severity,
        scope: meta.scope,
        message: outcome.message,
        evidence: outcome.evidence,
      };
    case "fail":
      return {
        ruleId: meta.id,
        status: "fail",
        severity: effectiveFailSeverity(meta.severity, outcome.severity),
        scope: meta.scope,
        message: outcome.message,
        evidence: outcome.evidence,
      };
    case "unknown":
      return {
        ruleId: meta.id,
        status: "unknown",
        severity: meta.severity,
        scope: meta.scope,
        message: outcome.message,
        evidence: outcome.evidence,
        reason: outcome.reason,
      };
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
   * Per rule, the frozen result made for each frozen outcome it returned. A rule returns a frozen outcome when the
   * outcome is a constant of the rule (worked out once at load: "not collected", the collector's standard probes all
   * reached, a registry value's common settings); every server with that outcome then shares one frozen result, as
   * they share the message string, instead of each getting a copy that lives as long as the evaluation is kept.
   */
  shared: readonly Map<RuleOutcome, RuleResult>[];
  /**
   * Per rule, frozen results for outcomes made per call from constant parts: a frozen evidence list (a constant of
   * the rule) with a message, looked up by the evidence list, then the message text, then status, severity and
   * reason. Servers whose outcome has the same parts share one frozen result.
   */
  byParts: readonly Map<Evidence[], Map<string, RuleResult[]>>[];
  /** Entries in byParts per rule (bounded like `shared`). */
  partsCount: number[];
}

/** At most this many shared results per rule: a rule that freezes per-server outcomes does not grow the memo. */
const MAX_SHARED_PER_RULE = 256;
/** At most this many results shared by their parts per rule (messages may name a domain or a value). */
const MAX_BY_PARTS_PER_RULE = 1_024;

export function compileRules(rules: readonly Rule[]): CompiledRules {
  return {
    rules,
    ids: rules.map((rule) => rule.meta.id),
    severities: rules.map((rule) => rule.meta.severity),
    scopes: rules.map((rule) => rule.meta.scope),
    shared: rules.map(() => new Map<RuleOutcome, RuleResult>()),
    byParts: rules.map(() => new Map<Evidence[], Map<string, RuleResult[]>>()),
    partsCount: rules.map(() => 0),
  };
}

/** The shared result for these parts, or undefined; `reason` only for unknown outcomes. */
function sharedByParts(compiled: CompiledRules, i: number, status: RuleResult["status"], severity: Severity, message: string, evidence: Evidence[], reason: UnknownReason | undefined): RuleResult | undefined {
  const candidates = compiled.byParts[i].get(evidence)?.get(message);
  if (candidates === undefined) return undefined;
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c];
    if (candidate.status === status && candidate.severity === severity && candidate.reason === reason) return candidate;
  }
  return undefined;
}

function rememberByParts(compiled: CompiledRules, i: number, result: RuleResult): RuleResult {
  if (compiled.partsCount[i] >= MAX_BY_PARTS_PER_RULE) return result;
  compiled.partsCount[i]++;
  let byMessage = compiled.byParts[i].get(result.evidence);
  if (byMessage === undefined) compiled.byParts[i].set(result.evidence, (byMessage = new Map()));
  const candidates = byMessage.get(result.message);
  Object.freeze(result);
  if (candidates === undefined) byMessage.set(result.message, [result]);
  else candidates.push(result);
  return result;
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
    let result: RuleResult | null = null;
    const frozen = outcome !== null && typeof outcome === "object" && Object.isFrozen(outcome);
    if (frozen) {
      const known = compiled.shared[i].get(outcome);
      if (known !== undefined) {
        results[count++] = known;
        continue;
      }
    }
    if (!frozen && outcome !== null && typeof outcome === "object" && Object.isFrozen(outcome.evidence) && typeof outcome.message === "string") {
      // Made per call from constant parts: share the result of the same parts (see CompiledRules.byParts).
      const status = outcome.status;
      const reason = status === "unknown" ? outcome.reason : undefined;
      if ((status === "pass" || status === "fail" || (status === "unknown" && Object.isFrozen(reason))) && Array.isArray(outcome.evidence)) {
        const severity = status === "fail" ? effectiveFailSeverity(severities[i], outcome.severity) : severities[i];
        const known = sharedByParts(compiled, i, status, severity, outcome.message, outcome.evidence, reason);
        if (known !== undefined) {
          results[count++] = known;
          continue;
        }
        const made: RuleResult =
          status === "unknown"
            ? { ruleId: ids[i], status, severity, scope: scopes[i], message: outcome.message, evidence: outcome.evidence, reason }
            : { ruleId: ids[i], status, severity, scope: scopes[i], message: outcome.message, evidence: outcome.evidence };
        results[count++] = rememberByParts(compiled, i, made);
        continue;
      }
    }
    if (outcome !== null && typeof outcome === "object") {
      const status = outcome.status;
      if (status === "pass") {
        result = { ruleId: ids[i], status: "pass", severity: severities[i], scope: scopes[i], message: outcome.message, evidence: outcome.evidence };
      } else if (status === "fail") {
        result = {
          ruleId: ids[i],
          status: "fail",
          severity: effectiveFailSeverity(severities[i], outcome.severity),
          scope: scopes[i],
          message: outcome.message,
          evidence: outcome.evidence,
        };
      } else if (status === "unknown") {
        result = {
          ruleId: ids[i],
          status: "unknown",
          severity: severities[i],
          scope: scopes[i],
          message: outcome.message,
          evidence: outcome.evidence,
          reason: outcome.reason,
        };
      }
    }
    if (result === null) {
      const error = new Error(`evaluate returned a value that is not an outcome (${describe(outcome)})`);
      onError?.(ids[i], error);
      result = ruleErrorResult(rule, "evaluate", error);
    } else if (frozen && compiled.shared[i].size < MAX_SHARED_PER_RULE) {
      compiled.shared[i].set(outcome, Object.freeze(result));
    }
    results[count++] = result;
  }
  results.length = count;
  return results;
}

import { describe, expect, it } from "vitest";
import type { ResultStatus, RuleResult, Severity } from "@/lib/rules";
import fc from "fast-check";
import { rollup, rollupWith, summarizeResults } from "./rollup";

function r(ruleId: string, status: ResultStatus, severity: Severity): RuleResult {
  return { ruleId, status, severity, scope: "host", message: `${ruleId} ${status}`, evidence: [] };
}

describe("rollup verdict", () => {
  it("is ready when nothing fails", () => {
    const readiness = rollup([r("a", "pass", "blocker"), r("b", "pass", "warning"), r("c", "pass", "info")]);
    expect(readiness.verdict).toBe("ready");
    expect(readiness.blockingRuleIds).toEqual([]);
    expect(readiness.conditionRuleIds).toEqual([]);
    expect(readiness.unknownRuleIds).toEqual([]);
  });

  it("is not-ready when any blocker fails, even with unknown blockers and failing warnings", () => {
    const readiness = rollup(
      [r("z-blocker", "fail", "blocker"), r("w", "fail", "warning"), r("u", "unknown", "blocker")],
      [r("a-blocker", "fail", "blocker")],
    );
    expect(readiness.verdict).toBe("not-ready");
    expect(readiness.blockingRuleIds).toEqual(["a-blocker", "z-blocker"]);
    expect(readiness.conditionRuleIds).toEqual(["w"]);
    expect(readiness.unknownRuleIds).toEqual(["u"]);
  });

  it("is unknown when no blocker fails but a blocker is unknown", () => {
    const readiness = rollup([r("b", "pass", "blocker"), r("w", "fail", "warning")], [r("u", "unknown", "blocker")]);
    expect(readiness.verdict).toBe("unknown");
    expect(readiness.conditionRuleIds).toEqual(["w"]);
    expect(readiness.unknownRuleIds).toEqual(["u"]);
  });

  it("is ready-with-conditions when only warnings fail", () => {
    const readiness = rollup([r("b", "pass", "blocker"), r("w2", "fail", "warning"), r("w1", "fail", "warning")]);
    expect(readiness.verdict).toBe("ready-with-conditions");
    expect(readiness.conditionRuleIds).toEqual(["w1", "w2"]);
  });

  it("ignores info results for the verdict (failing or unknown)", () => {
    const readiness = rollup([r("b", "pass", "blocker"), r("i1", "fail", "info"), r("i2", "unknown", "info")]);
    expect(readiness.verdict).toBe("ready");
    expect(readiness.blockingRuleIds).toEqual([]);
    expect(readiness.conditionRuleIds).toEqual([]);
    expect(readiness.unknownRuleIds).toEqual(["i2"]);
  });

  it("keeps an unknown warning from changing the verdict (it only lowers confidence)", () => {
    const readiness = rollup([r("b", "pass", "blocker"), r("w", "unknown", "warning")]);
    expect(readiness.verdict).toBe("ready");
    expect(readiness.confidence).toMatchObject({ withData: 1, applicable: 2 });
  });

  it("uses the effective severity of each result (a blocker rule failing as warning is a condition)", () => {
    // e.g. a TLS rule whose blocker fails with severity "warning" because the keys are absent.
    const readiness = rollup([r("tls", "fail", "warning"), r("mem", "pass", "blocker")]);
    expect(readiness.verdict).toBe("ready-with-conditions");
    expect(readiness.conditionRuleIds).toEqual(["tls"]);
  });

  it("never counts waived results as fails", () => {
    const readiness = rollup([r("b", "waived", "blocker"), r("w", "waived", "warning")]);
    expect(readiness.verdict).toBe("ready");
    expect(readiness.blockingRuleIds).toEqual([]);
    expect(readiness.confidence).toMatchObject({ withData: 2, applicable: 2, stars: 5 });
  });

  it("is ready with no results at all, with the lowest confidence", () => {
    expect(rollup([])).toMatchObject({ verdict: "ready", confidence: { stars: 1, share: 0, applicable: 0 } });
  });

  it("does not modify its inputs", () => {
    const own = [r("b", "fail", "blocker"), r("a", "fail", "blocker")];
    const frozen = Object.freeze(own.map((x) => Object.freeze(x)));
    expect(rollup(frozen).blockingRuleIds).toEqual(["a", "b"]);
    expect(frozen.map((x) => x.ruleId)).toEqual(["b", "a"]);
  });
});

describe("rollup confidence", () => {
  it("counts applicable blocker and warning results, and those with data", () => {
    const readiness = rollup(
      [r("a", "pass", "blocker"), r("b", "fail", "blocker"), r("c", "unknown", "blocker"), r("i", "unknown", "info")],
      [r("d", "waived", "warning"), r("e", "unknown", "warning")],
    );
    expect(readiness.confidence).toEqual({ stars: 3, share: 3 / 5, withData: 3, applicable: 5 });
  });
});

describe("rollupWith a summary of the shared results", () => {
  const result = fc
    .record({
      ruleId: fc.constantFrom("a", "b", "c", "host-x", "domain-y", "Z", "é"),
      status: fc.constantFrom<ResultStatus>("pass", "fail", "unknown", "waived"),
      severity: fc.constantFrom<Severity>("blocker", "warning", "info"),
    })
    .map(({ ruleId, status, severity }) => r(ruleId, status, severity));

  it("equals rollup(own, shared) for any results", () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 12 }), fc.array(result, { maxLength: 12 }), (own, shared) => {
        expect(rollupWith(own, summarizeResults(shared))).toEqual(rollup(own, shared));
      }),
      { numRuns: 500, seed: 20260801 },
    );
  });

  it("never hands out the summary's own lists", () => {
    const summary = summarizeResults([r("b", "fail", "blocker"), r("u", "unknown", "warning")]);
    const readiness = rollupWith([], summary);
    expect(readiness.blockingRuleIds).toEqual(["b"]);
    expect(readiness.blockingRuleIds).not.toBe(summary.blockingRuleIds);
    expect(readiness.unknownRuleIds).not.toBe(summary.unknownRuleIds);
  });
});

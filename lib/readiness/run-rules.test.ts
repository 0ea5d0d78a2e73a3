import { describe, expect, it } from "vitest";
import { type Evidence, fail, pass, type Rule, type RuleContext, type RuleMeta, type RuleOutcome, RULES, unknown } from "@/lib/rules";
import { compileRules, evaluateCompiled, evaluateRule, evaluateRules } from "./run-rules";

const ctx: RuleContext = { asOf: "2026-08-01T00:00:00Z", host: { memory: { totalPhysicalBytes: 8 * 2 ** 30 } } };

function meta(id: string, severity: RuleMeta["severity"] = "blocker"): RuleMeta {
  return {
    id,
    title: `Fake requirement ${id}`,
    severity,
    scope: "host",
    rationale: "A fake rule for engine tests.",
    source: { document: "Fake doc", section: "Fake section", url: "https://example.com/doc", revised: "2026-01-01" },
    remediation: { summary: "Do the fake thing." },
  };
}

/** A frozen evidence list, as rules keep their constant evidence. */
function frozenEvidence(...items: Evidence[]): Evidence[] {
  for (const item of items) Object.freeze(item);
  return Object.freeze(items) as Evidence[];
}

/** A host whose only fact is `value` (host.memory.totalPhysicalBytes), read back by `valueOf`. */
const hostWith = (value: number) => ({ memory: { totalPhysicalBytes: value } });
const valueOf = (c: RuleContext) => c.host?.memory?.totalPhysicalBytes;

function rule(id: string, evaluate: (ctx: RuleContext) => RuleOutcome, extra: Partial<Rule> = {}, severity?: RuleMeta["severity"]): Rule {
  return { meta: meta(id, severity), evaluate, examples: [], ...extra };
}

describe("evaluateRule", () => {
  it("stamps pass results with the rule's id, severity and scope", () => {
    const result = evaluateRule(rule("fake-pass", () => pass("fine", [{ fact: "host.x", actual: 1, expected: "1" }]), {}, "warning"), ctx);
    expect(result).toEqual({
      ruleId: "fake-pass",
      status: "pass",
      severity: "warning",
      scope: "host",
      message: "fine",
      evidence: [{ fact: "host.x", actual: 1, expected: "1" }],
    });
  });

  it("returns null when appliesTo is false, without calling evaluate", () => {
    let called = false;
    const r = rule("fake-na", () => {
      called = true;
      return pass("x");
    }, { appliesTo: () => false });
    expect(evaluateRule(r, ctx)).toBeNull();
    expect(called).toBe(false);
  });

  it("evaluates when appliesTo is true", () => {
    expect(evaluateRule(rule("fake-applies", () => fail("bad"), { appliesTo: () => true }), ctx)?.status).toBe("fail");
  });

  it("keeps the unknown reason", () => {
    const result = evaluateRule(rule("fake-unknown", () => unknown("host.dotnet.release", "Run the collector")), ctx);
    expect(result?.status).toBe("unknown");
    expect(result?.reason).toMatchObject({ code: "missing-fact", missingFact: "host.dotnet.release", collect: "Run the collector" });
  });

  it("lets a fail be milder than the rule's severity", () => {
    const result = evaluateRule(rule("fake-mild", () => fail("keys absent", [], "warning")), ctx);
    expect(result).toMatchObject({ status: "fail", severity: "warning" });
  });

  it("never lets a fail be stronger than the rule's severity", () => {
    const result = evaluateRule(rule("fake-strong", () => fail("x", [], "blocker"), {}, "warning"), ctx);
    expect(result?.severity).toBe("warning");
    const info = evaluateRule(rule("fake-info", () => fail("x", [], "blocker"), {}, "info"), ctx);
    expect(info?.severity).toBe("info");
  });

  it("turns a throwing evaluate into unknown with reason rule-error naming the rule", () => {
    const result = evaluateRule(rule("fake-throws", () => {
      throw new Error("boom");
    }), ctx);
    expect(result?.status).toBe("unknown");
    expect(result?.severity).toBe("blocker");
    expect(result?.reason?.code).toBe("rule-error");
    expect(result?.reason?.missingFact).toContain("fake-throws");
    expect(result?.reason?.collect).toBe("");
    expect(result?.reason?.collectNote).toContain("fake-throws");
    expect(result?.message).toContain("fake-throws");
    expect(result?.message).toContain("boom");
  });

  it("turns a throwing appliesTo into unknown with reason rule-error", () => {
    const result = evaluateRule(rule("fake-applies-throws", () => pass("x"), {
      appliesTo: () => {
        throw new TypeError("cannot read x");
      },
    }), ctx);
    expect(result).toMatchObject({ ruleId: "fake-applies-throws", status: "unknown", reason: { code: "rule-error" } });
    expect(result?.message).toContain("appliesTo");
  });

  it("handles non-Error throwables", () => {
    const result = evaluateRule(rule("fake-throws-string", () => {
      throw "plain string";
    }), ctx);
    expect(result?.message).toContain("plain string");
  });

  it("treats a malformed outcome as a rule error", () => {
    const malformed = { meta: meta("fake-malformed"), examples: [], evaluate: () => JSON.parse('{"status":"maybe"}') } satisfies Rule;
    const result = evaluateRule(malformed, ctx);
    expect(result).toMatchObject({ status: "unknown", reason: { code: "rule-error" } });
    expect(result?.message).toContain('"maybe"');
  });

  it("reports errors to the handler", () => {
    const seen: string[] = [];
    evaluateRule(rule("fake-report", () => {
      throw new Error("x");
    }), ctx, (id) => seen.push(id));
    expect(seen).toEqual(["fake-report"]);
  });
});

describe("evaluateRules", () => {
  it("keeps registry order, leaves out non-applicable rules, and one throwing rule does not sink the others", () => {
    const rules = [
      rule("a-pass", () => pass("ok")),
      rule("b-na", () => pass("never"), { appliesTo: () => false }),
      rule("c-throws", () => {
        throw new Error("bad rule");
      }),
      rule("d-fail", () => fail("no")),
    ];
    const results = evaluateRules(rules, ctx);
    expect(results.map((r) => [r.ruleId, r.status])).toEqual([
      ["a-pass", "pass"],
      ["c-throws", "unknown"],
      ["d-fail", "fail"],
    ]);
  });

  it("passes the context through to the rule", () => {
    const results = evaluateRules([rule("reads-ctx", (c) => (c.host?.memory?.totalPhysicalBytes ? pass("has memory") : fail("no")))], ctx);
    expect(results[0].status).toBe("pass");
  });
});

describe("evaluateCompiled", () => {
  const tricky = [
    rule("a-pass", () => pass("ok", [{ fact: "host.x", actual: 1, expected: "1" }]), {}, "warning"),
    rule("b-na", () => pass("never"), { appliesTo: () => false }),
    rule("c-throws", () => {
      throw new Error("bad rule");
    }),
    rule("d-applies-throws", () => pass("x"), {
      appliesTo: () => {
        throw new TypeError("cannot read x");
      },
    }),
    rule("e-mild", () => fail("keys absent", [], "warning")),
    rule("f-strong", () => fail("x", [], "blocker"), {}, "info"),
    rule("g-unknown", () => unknown("host.dotnet.release", "Run the collector")),
    { meta: meta("h-malformed"), examples: [], evaluate: () => JSON.parse('{"status":"maybe"}') } satisfies Rule,
  ];

  it("returns exactly what evaluateRules returns, errors included, and reports the same errors", () => {
    const seenA: string[] = [];
    const seenB: string[] = [];
    expect(evaluateCompiled(compileRules(tricky), ctx, (id) => seenB.push(id))).toEqual(evaluateRules(tricky, ctx, (id) => seenA.push(id)));
    expect(seenB).toEqual(seenA);
    expect(seenA).toEqual(["c-throws", "d-applies-throws", "h-malformed"]);
  });

  it("shares one frozen result among subjects whose outcome is the same frozen constant", () => {
    // Frozen whole, as freezeOutcome and constantUnknown leave a rule's constant outcomes (evidence and reason too).
    const constant = Object.freeze(unknown("host.x", "collect it"));
    Object.freeze(constant.evidence);
    if (constant.status === "unknown") Object.freeze(constant.reason);
    const compiled = compileRules([rule("k-constant", () => constant)]);
    const [first] = evaluateCompiled(compiled, ctx);
    const [second] = evaluateCompiled(compiled, { ...ctx, host: {} });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual(evaluateRule(rule("k-constant", () => constant), ctx));
  });

  it("shares a result by its parts when the evidence list is a frozen constant: same message, status and severity", () => {
    const shared = frozenEvidence({ fact: "host.x", actual: 1, expected: "1" });
    // 1: a pass whose message is built per call; 2: another message; 3: a fail milder than the rule.
    const byValue = (value: number | undefined) => (value === 3 ? fail("x is 1", shared, "warning") : pass(`x is ${value === 2 ? "1 again" : String(value)}`, shared));
    const compiled = compileRules([rule("s-parts", (c) => byValue(valueOf(c)))]);
    const one = (value: number) => evaluateCompiled(compiled, { ...ctx, host: hostWith(value) })[0];
    const [a, b, other, mild, mildAgain] = [one(1), one(1), one(2), one(3), one(3)];
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(other).not.toBe(a);
    expect(mildAgain).toBe(mild);
    expect(mild).toMatchObject({ status: "fail", severity: "warning", message: "x is 1" });
    for (const value of [1, 2, 3]) expect(one(value)).toEqual(evaluateRule(rule("s-parts", (c) => byValue(valueOf(c))), { ...ctx, host: hostWith(value) }));
  });

  it("makes a result per subject when the evidence or an unknown's reason is not frozen", () => {
    const compiled = compileRules([rule("p-own", () => pass("fine", [{ fact: "host.x", actual: 1, expected: "1" }])), rule("u-own", () => unknown("host.y", "collect it", "Not collected.", frozenEvidence()))]);
    const first = evaluateCompiled(compiled, ctx);
    const second = evaluateCompiled(compiled, ctx);
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(Object.isFrozen(first[0]) || Object.isFrozen(first[1])).toBe(false);
  });

  it("stops remembering after 1,024 distinct shared results per rule, and the results stay right", () => {
    const shared = frozenEvidence({ fact: "host.n", actual: null, expected: "a number" });
    const compiled = compileRules([rule("m-many", (c) => pass(`n is ${String(valueOf(c))}`, shared))]);
    for (let n = 0; n < 1_100; n++) expect(evaluateCompiled(compiled, { ...ctx, host: hostWith(n) })[0].message).toBe(`n is ${n}`);
    expect(compiled.sharedCount[0]).toBe(1_024);
    const late = evaluateCompiled(compiled, { ...ctx, host: hostWith(1_050) })[0];
    expect(Object.isFrozen(late)).toBe(false);
    expect(evaluateCompiled(compiled, { ...ctx, host: hostWith(5) })[0]).toBe(evaluateCompiled(compiled, { ...ctx, host: hostWith(5) })[0]);
  });

  it("gives the registry's rules the same results on every rule example", () => {
    const compiled = compileRules(RULES);
    for (const example of RULES.flatMap((r) => r.examples)) {
      expect(evaluateCompiled(compiled, example.context)).toEqual(evaluateRules(RULES, example.context));
    }
  });
});

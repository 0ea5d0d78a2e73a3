import { describe, expect, it } from "vitest";
import rule from "./domain-functional-level";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { DomainFacts } from "@/lib/facts";

const withLevels = (functionalLevels: unknown) => ctx({ domain: { functionalLevels } as DomainFacts });

describe("domain-functional-level", () => {
  describeRuleContract(rule, "domain-functional-level");

  it.each([
    [{ domain: 5, forest: 5 }, "pass"],
    [{ domain: 10, forest: 7 }, "pass"],
    [{ domain: 4, forest: 5 }, "fail"],
    [{ domain: 5, forest: 4 }, "fail"],
    [{ domain: 3, forest: 3 }, "fail"],
    [{ domain: 7 }, "unknown"],
    [{ forest: 2 }, "fail"],
    [{}, "unknown"],
  ])("levels %j -> %s", (levels, status) => {
    expect(rule.evaluate(withLevels(levels)).status).toBe(status);
  });

  it("fails at warning severity (the rule's own), naming the low level", () => {
    const outcome = rule.evaluate(withLevels({ domain: 7, forest: 4 }));
    expect(rule.meta.severity).toBe("warning");
    expect(outcome.message).toContain("forest 4 (Windows Server 2008 R2)");
    expect(outcome.evidence).toEqual([
      { fact: "domain.functionalLevels.domain", actual: 7, expected: expect.stringContaining(">= 5") },
      { fact: "domain.functionalLevels.forest", actual: 4, expected: expect.stringContaining(">= 5") },
    ]);
  });

  it("names the missing level", () => {
    const outcome = rule.evaluate(withLevels({ domain: 7 }));
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("domain.functionalLevels.forest");
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("msDS-Behavior-Version");
  });

  it.each([[undefined], [null], [7], [[5, 5]], [{ domain: "7", forest: "7" }]])("answers unknown for malformed levels %j", (value) => {
    expect(rule.evaluate(withLevels(value)).status).toBe("unknown");
  });
});

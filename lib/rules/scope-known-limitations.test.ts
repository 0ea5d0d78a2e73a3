import { describe, expect, it } from "vitest";
import rule from "./scope-known-limitations";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { ScopeFacts } from "@/lib/facts";

const withConfigs = (configurations: unknown) => ctx({ scope: { configurations } as ScopeFacts });

describe("scope-known-limitations", () => {
  describeRuleContract(rule, "scope-known-limitations");

  it("fails at info severity when any configuration uses group scoping, naming the groups", () => {
    const outcome = rule.evaluate(
      withConfigs([
        { name: "ou-only", ous: ["OU=A,DC=corp"], groups: [] },
        { name: "pilot", ous: [], groups: [{ name: "SG-Pilot" }] },
      ]),
    );
    expect(outcome).toMatchObject({ status: "fail", severity: "info" });
    expect(outcome.message).toContain("pilot (SG-Pilot)");
    expect(outcome.message).not.toContain("ou-only");
  });

  it("passes with OU scoping only and still mentions the OU rename limitation", () => {
    const outcome = rule.evaluate(withConfigs([{ name: "a", ous: ["OU=A,DC=corp"], groups: [] }]));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("renaming or moving an in-scope OU");
  });

  it("answers unknown when a configuration's groups were not collected and none uses groups", () => {
    const outcome = rule.evaluate(withConfigs([{ name: "a", ous: ["OU=A,DC=corp"], groups: [] }, { name: "b", ous: [] }]));
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("scope.configurations[1].groups");
  });

  it("lets a known group-scoped configuration decide over an uncollected one", () => {
    expect(rule.evaluate(withConfigs([{ name: "b" }, { name: "c", groups: [{ name: "SG" }] }])).status).toBe("fail");
  });

  it("is info severity, so it never blocks", () => {
    expect(rule.meta.severity).toBe("info");
  });

  it("does not apply when no configuration exists yet", () => {
    expect(rule.appliesTo?.(withConfigs([]))).toBe(false);
    expect(rule.appliesTo?.(withConfigs(undefined))).toBe(true);
  });

  it.each([[undefined], [null], [true], [{ groups: [] }]])("answers unknown for missing or malformed configurations %j", (value) => {
    expect(rule.evaluate(withConfigs(value)).status).toBe("unknown");
  });
});

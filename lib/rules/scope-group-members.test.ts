import { describe, expect, it } from "vitest";
import rule from "./scope-group-members";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { ScopeFacts } from "@/lib/facts";

const withConfigs = (configurations: unknown) => ctx({ scope: { configurations } as ScopeFacts });
const oneGroup = (memberCount?: number) => withConfigs([{ name: "cfg", ous: [], groups: [{ name: "SG-Scope", memberCount }] }]);

describe("scope-group-members", () => {
  describeRuleContract(rule, "scope-group-members");

  it.each([
    [0, "pass"],
    [1_499, "pass"],
    [49_999, "pass"],
    [50_000, "pass"],
    [50_001, "fail"],
    [250_000, "fail"],
  ])("%i members -> %s", (count, status) => {
    const outcome = rule.evaluate(oneGroup(count));
    expect(outcome.status).toBe(status);
    expect(outcome.evidence[0]).toMatchObject({
      fact: "scope.configurations[0].groups[0].memberCount",
      actual: { group: "SG-Scope", memberCount: count },
    });
  });

  it("names the oversized group and its configuration", () => {
    const outcome = rule.evaluate(oneGroup(50_001));
    expect(outcome.message).toContain("SG-Scope in cfg (50,001)");
  });

  it("is unknown for a group without a member count", () => {
    const outcome = rule.evaluate(oneGroup(undefined));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason).toMatchObject({
      missingFact: "scope.configurations[0].groups[0].memberCount",
      collect: expect.stringContaining("Get-ADGroup"),
    });
  });

  it("fails on a known oversized group even when another group's count is unknown", () => {
    const outcome = rule.evaluate(
      withConfigs([
        { name: "a", groups: [{ name: "SG-Unknown" }] },
        { name: "b", groups: [{ name: "SG-Huge", memberCount: 60_000 }] },
      ]),
    );
    expect(outcome.status).toBe("fail");
  });

  it("lists every uncounted group", () => {
    const outcome = rule.evaluate(withConfigs([{ name: "a", groups: [{ name: "SG-1" }, { name: "SG-2", memberCount: 5 }, { name: "SG-3" }] }]));
    expect(outcome.message).toContain("SG-1, SG-3");
  });

  it("does not apply when no configuration uses group scoping", () => {
    expect(rule.appliesTo?.(withConfigs([{ name: "ou-only", ous: ["OU=A,DC=corp"], groups: [] }]))).toBe(false);
    expect(rule.appliesTo?.(withConfigs([]))).toBe(false);
    expect(rule.appliesTo?.(withConfigs([{ name: "unknown-groups", ous: ["OU=A,DC=corp"] }]))).toBe(true);
    expect(rule.appliesTo?.(ctx({}))).toBe(true);
  });

  it("answers unknown when a configuration's groups were not collected", () => {
    const outcome = rule.evaluate(withConfigs([{ name: "cfg" }]));
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("scope.configurations[0].groups");
  });

  it.each([[undefined], [null], [42], [{ groups: [] }]])("answers unknown for missing or malformed configurations %j", (value) => {
    expect(rule.evaluate(withConfigs(value)).status).toBe("unknown");
  });

  it("treats a malformed member count as not collected", () => {
    const outcome = rule.evaluate(withConfigs([{ name: "cfg", groups: [{ name: "SG", memberCount: "60000" }] }]));
    expect(outcome.status).toBe("unknown");
  });
});

import { describe, expect, it } from "vitest";
import rule from "./scope-phs-inetorgperson";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { ScopeFacts } from "@/lib/facts";

const withConfigs = (configurations: unknown) => ctx({ scope: { configurations } as ScopeFacts });

describe("scope-phs-inetorgperson", () => {
  describeRuleContract(rule, "scope-phs-inetorgperson");

  it.each([
    [true, 0, "pass"],
    [true, 1, "fail"],
    [false, 500, "pass"],
    [undefined, 0, "pass"],
    [undefined, 3, "unknown"],
    [true, undefined, "unknown"],
    [false, undefined, "pass"],
  ])("passwordHashSync %s with %s InetOrgPerson -> %s", (passwordHashSync, inetOrgPersonCount, status) => {
    expect(rule.evaluate(withConfigs([{ name: "cfg", passwordHashSync, inetOrgPersonCount }])).status).toBe(status);
  });

  it("names the configuration and count", () => {
    const outcome = rule.evaluate(withConfigs([{ name: "ok", passwordHashSync: true, inetOrgPersonCount: 0 }, { name: "bad", passwordHashSync: true, inetOrgPersonCount: 37 }]));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("bad (37 InetOrgPerson)");
    expect(outcome.evidence[1]).toEqual({
      fact: "scope.configurations[1]",
      actual: { name: "bad", passwordHashSync: true, inetOrgPersonCount: 37 },
      expected: expect.any(String),
    });
  });

  it("names the missing fact with the right collection command", () => {
    const noCount = rule.evaluate(withConfigs([{ name: "cfg", passwordHashSync: true }]));
    expect(noCount.status === "unknown" && noCount.reason).toMatchObject({
      missingFact: "scope.configurations[0].inetOrgPersonCount",
      collect: expect.stringContaining("objectClass=inetOrgPerson"),
    });
    const noPhs = rule.evaluate(withConfigs([{ name: "cfg", inetOrgPersonCount: 2 }]));
    expect(noPhs.status === "unknown" && noPhs.reason.missingFact).toBe("scope.configurations[0].passwordHashSync");
  });

  it("does not apply when every configuration has password hash sync off", () => {
    expect(rule.appliesTo?.(withConfigs([{ name: "a", passwordHashSync: false }]))).toBe(false);
    expect(rule.appliesTo?.(withConfigs([{ name: "a", passwordHashSync: false }, { name: "b" }]))).toBe(true);
    expect(rule.appliesTo?.(ctx({}))).toBe(true);
  });

  it.each([[undefined], [null], ["cfg"], [{}]])("answers unknown for missing or malformed configurations %j", (value) => {
    expect(rule.evaluate(withConfigs(value)).status).toBe("unknown");
  });
});

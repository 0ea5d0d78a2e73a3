import { describe, expect, it } from "vitest";
import rule from "./scope-object-count";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { ScopeFacts } from "@/lib/facts";

const withConfigs = (configurations: unknown) => ctx({ scope: { configurations } as ScopeFacts });

describe("scope-object-count", () => {
  describeRuleContract(rule, "scope-object-count");

  it.each([
    [149_999, "pass"],
    [150_000, "pass"],
    [150_001, "fail"],
  ])("one configuration with %i objects -> %s", (objectCount, status) => {
    const outcome = rule.evaluate(withConfigs([{ name: "cfg", domain: "corp.contoso.com", objectCount }]));
    expect(outcome.status).toBe(status);
    expect(outcome.evidence[0]).toMatchObject({ fact: "scope.configurations[0].objectCount", actual: { total: objectCount } });
  });

  it("sums configurations of the same domain (case-insensitive)", () => {
    const exactly = rule.evaluate(
      withConfigs([
        { name: "a", domain: "corp.contoso.com", objectCount: 100_000 },
        { name: "b", domain: "CORP.contoso.com", objectCount: 50_000 },
      ]),
    );
    expect(exactly.status).toBe("pass");
    const over = rule.evaluate(
      withConfigs([
        { name: "a", domain: "corp.contoso.com", objectCount: 100_000 },
        { name: "b", domain: "corp.contoso.com", objectCount: 50_001 },
      ]),
    );
    expect(over.status).toBe("fail");
    expect(over.message).toContain("corp.contoso.com (150,001 across 2 configuration(s))");
    expect(over.evidence[0]?.fact).toBe("scope.configurations[domain=corp.contoso.com].objectCount");
  });

  it("does not sum different domains", () => {
    const outcome = rule.evaluate(
      withConfigs([
        { name: "a", domain: "emea.contoso.com", objectCount: 140_000 },
        { name: "b", domain: "amer.contoso.com", objectCount: 140_000 },
      ]),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.evidence).toHaveLength(2);
  });

  it("judges configurations without a domain on their own", () => {
    const outcome = rule.evaluate(
      withConfigs([
        { name: "a", objectCount: 100_000 },
        { name: "b", objectCount: 100_000 },
      ]),
    );
    expect(outcome.status).toBe("pass");
  });

  it("fails on known counts already over the limit even when another count is missing", () => {
    const outcome = rule.evaluate(
      withConfigs([
        { name: "a", domain: "corp.contoso.com", objectCount: 150_001 },
        { name: "b", domain: "corp.contoso.com" },
      ]),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("150,001+");
  });

  it("answers unknown when a count is missing and the known total is within the limit", () => {
    const outcome = rule.evaluate(
      withConfigs([
        { name: "a", domain: "corp.contoso.com", objectCount: 10 },
        { name: "b", domain: "corp.contoso.com", objectCount: "many" },
      ]),
    );
    expect(outcome.status === "unknown" && outcome.reason).toMatchObject({
      missingFact: "scope.configurations[1].objectCount",
      collect: expect.stringContaining("Get-ADObject"),
    });
  });

  it("does not apply when no configuration exists yet", () => {
    expect(rule.appliesTo?.(withConfigs([]))).toBe(false);
  });

  it.each([[undefined], [null], [150_001], [{ objectCount: 1 }]])("answers unknown for missing or malformed configurations %j", (value) => {
    expect(rule.evaluate(withConfigs(value)).status).toBe("unknown");
  });
});

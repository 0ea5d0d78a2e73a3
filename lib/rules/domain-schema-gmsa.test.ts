import { describe, expect, it } from "vitest";
import rule from "./domain-schema-gmsa";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { DomainFacts } from "@/lib/facts";

const withSchema = (schemaVersion: unknown) => ctx({ domain: { schemaVersion } as DomainFacts });

describe("domain-schema-gmsa", () => {
  describeRuleContract(rule, "domain-schema-gmsa");

  it.each([
    [47, "fail"],
    [55, "fail"],
    [56, "pass"],
    [69, "pass"],
    [87, "pass"],
    [88, "pass"],
    [89, "pass"],
    [90, "pass"],
    [91, "pass"],
  ])("objectVersion %i -> %s", (version, status) => {
    const outcome = rule.evaluate(withSchema(version));
    expect(outcome.status).toBe(status);
    expect(outcome.evidence).toEqual([{ fact: "domain.schemaVersion", actual: version, expected: expect.stringContaining(">= 56") }]);
  });

  it("names the schema release in the message", () => {
    expect(rule.evaluate(withSchema(47)).message).toContain("Windows Server 2008 R2");
  });

  it("answers unknown with the collection command when the version is missing", () => {
    const outcome = rule.evaluate(ctx({ domain: {} }));
    expect(outcome.status).toBe("unknown");
    if (outcome.status !== "unknown") return;
    expect(outcome.reason.missingFact).toBe("domain.schemaVersion");
    expect(outcome.reason.collect).toContain("objectVersion");
  });

  it.each([["88"], [-1], [56.5], [null], [{}]])("treats malformed schema version %j as unknown", (value) => {
    const outcome = rule.evaluate(withSchema(value));
    expect(outcome.status).toBe("unknown");
  });
});

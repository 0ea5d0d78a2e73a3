import { describe, expect, it } from "vitest";
import rule from "./domain-schema-cloud-sync";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { DomainFacts } from "@/lib/facts";

const withSchema = (schemaVersion: unknown) => ctx({ domain: { schemaVersion } as DomainFacts });

describe("domain-schema-cloud-sync", () => {
  describeRuleContract(rule, "domain-schema-cloud-sync");

  it.each([
    [56, "fail"],
    [69, "fail"],
    [86, "fail"],
    [87, "pass"],
    [88, "pass"],
    [89, "pass"],
    [90, "pass"],
    [91, "pass"],
    [92, "pass"],
  ])("objectVersion %i -> %s", (version, status) => {
    const outcome = rule.evaluate(withSchema(version));
    expect(outcome.status).toBe(status);
    expect(outcome.evidence[0]).toMatchObject({ fact: "domain.schemaVersion", actual: version });
    expect(outcome.evidence[0]?.expected).toContain(">= 87");
  });

  it("fails a 2012 schema as a blocker (no milder severity)", () => {
    const outcome = rule.evaluate(withSchema(56));
    expect(outcome).toMatchObject({ status: "fail" });
    expect(outcome.status === "fail" && outcome.severity).toBeFalsy();
  });

  it.each([["87"], [Number.NaN], [Infinity], [true]])("treats malformed schema version %j as unknown", (value) => {
    const outcome = rule.evaluate(withSchema(value));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("domain.schemaVersion");
  });

  it("answers unknown when there are no domain facts at all", () => {
    expect(rule.evaluate(ctx({})).status).toBe("unknown");
  });
});

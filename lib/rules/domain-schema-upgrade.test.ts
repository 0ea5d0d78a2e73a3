import { describe, expect, it } from "vitest";
import rule from "./domain-schema-upgrade";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { DomainFacts } from "@/lib/facts";

const withSchema = (schemaVersion: unknown) => ctx({ domain: { schemaVersion } as DomainFacts });

describe("domain-schema-upgrade", () => {
  describeRuleContract(rule, "domain-schema-upgrade");

  it.each([
    [56, "pass"],
    [87, "pass"],
    [88, "pass"],
    [89, "fail"],
    [90, "fail"],
    [91, "pass"],
    [95, "pass"],
  ])("objectVersion %i -> %s", (version, status) => {
    expect(rule.evaluate(withSchema(version)).status).toBe(status);
  });

  it("names the LDF files still to apply", () => {
    expect(rule.evaluate(withSchema(89)).message).toContain("sch90.ldf and sch91.ldf");
    expect(rule.evaluate(withSchema(90)).message).toContain("sch91.ldf");
    expect(rule.evaluate(withSchema(90)).message).not.toContain("sch90.ldf");
  });

  it("fails at the rule's own severity (warning), with evidence", () => {
    const outcome = rule.evaluate(withSchema(89));
    expect(rule.meta.severity).toBe("warning");
    expect(outcome.evidence).toEqual([{ fact: "domain.schemaVersion", actual: 89, expected: expect.any(String) }]);
  });

  it.each([[undefined], ["90"], [null]])("answers unknown for schema version %j", (value) => {
    const outcome = rule.evaluate(withSchema(value));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("objectVersion");
  });
});

import { describe, expect, it } from "vitest";
import rule from "./domain-protected-objects";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { DomainFacts } from "@/lib/facts";

const withProtected = (protectedObjects: unknown) => ctx({ domain: { protectedObjects } as DomainFacts });

describe("domain-protected-objects", () => {
  describeRuleContract(rule, "domain-protected-objects");

  it.each([
    [{ inheritanceDisabledCount: 0, adminCountCount: 0 }, "pass"],
    [{ inheritanceDisabledCount: 1, adminCountCount: 0 }, "fail"],
    [{ inheritanceDisabledCount: 0, adminCountCount: 1 }, "fail"],
    [{ inheritanceDisabledCount: 3 }, "fail"],
    [{ adminCountCount: 0 }, "unknown"],
    [{ inheritanceDisabledCount: 0 }, "unknown"],
    [{}, "unknown"],
  ])("%j -> %s", (value, status) => {
    expect(rule.evaluate(withProtected(value)).status).toBe(status);
  });

  it("reports counts and sample DNs as evidence", () => {
    const samples = Array.from({ length: 15 }, (_, i) => `CN=Admin${i},OU=Admins,DC=corp,DC=contoso,DC=com`);
    const outcome = rule.evaluate(withProtected({ inheritanceDisabledCount: 2, adminCountCount: 15, samples }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("2 object(s) with inheritance disabled and 15 object(s) with adminCount=1");
    expect(outcome.message).toContain("CN=Admin0,OU=Admins");
    const sampleEvidence = outcome.evidence.find((e) => e.fact === "domain.protectedObjects.samples");
    expect(sampleEvidence?.actual).toHaveLength(10);
  });

  it("names the missing count and how to collect it", () => {
    const outcome = rule.evaluate(withProtected({ inheritanceDisabledCount: 0 }));
    expect(outcome.status === "unknown" && outcome.reason).toMatchObject({
      missingFact: "domain.protectedObjects.adminCountCount",
      collect: expect.stringContaining("(adminCount=1)"),
    });
  });

  it.each([[undefined], [null], ["none"], [[1, 2]]])("answers unknown for missing or malformed facts %j", (value) => {
    expect(rule.evaluate(withProtected(value)).status).toBe("unknown");
  });

  it("ignores malformed samples", () => {
    const outcome = rule.evaluate(withProtected({ inheritanceDisabledCount: 1, adminCountCount: 0, samples: [null, 4, "OU=X,DC=corp"] }));
    expect(outcome.evidence.find((e) => e.fact === "domain.protectedObjects.samples")?.actual).toEqual(["OU=X,DC=corp"]);
  });
});

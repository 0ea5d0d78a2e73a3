import { describe, expect, it } from "vitest";
import rule from "./domain-dc-2012";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { DomainFacts } from "@/lib/facts";

const withDcs = (domainControllers: unknown) => ctx({ domain: { domainControllers } as DomainFacts });

describe("domain-dc-2012", () => {
  describeRuleContract(rule, "domain-dc-2012");

  it.each([
    [7601, "fail"],
    [9199, "fail"],
    [9200, "pass"],
    [9600, "pass"],
    [26100, "pass"],
  ])("single DC at build %i -> %s", (osBuild, status) => {
    expect(rule.evaluate(withDcs([{ name: "DC01", osBuild }])).status).toBe(status);
  });

  it("passes when any one DC qualifies, listing it", () => {
    const outcome = rule.evaluate(withDcs([{ name: "OLD", osBuild: 7601 }, { name: "NEW", osBuild: 14393 }]));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("NEW");
    expect(outcome.evidence).toHaveLength(2);
  });

  it("falls back to the OS caption when the build is missing", () => {
    expect(rule.evaluate(withDcs([{ name: "DC01", osCaption: "Windows Server 2012 R2 Standard" }])).status).toBe("pass");
    expect(rule.evaluate(withDcs([{ name: "DC01", osCaption: "Windows Server 2008 R2 Standard" }])).status).toBe("fail");
  });

  it("answers unknown when no DC qualifies and one DC's OS is unknown", () => {
    const outcome = rule.evaluate(withDcs([{ name: "OLD", osBuild: 7601 }, { name: "MYSTERY" }]));
    expect(outcome.status).toBe("unknown");
    if (outcome.status !== "unknown") return;
    expect(outcome.reason.missingFact).toBe("domain.domainControllers[1].osBuild");
    expect(outcome.message).toContain("MYSTERY");
  });

  it("does not let an undecided DC hide a qualifying one", () => {
    expect(rule.evaluate(withDcs([{ name: "MYSTERY" }, { name: "DC02", osBuild: 20348 }])).status).toBe("pass");
  });

  it("treats an empty or missing list as unknown, never as a fail", () => {
    for (const value of [[], undefined, null, "DC01", 3]) {
      const outcome = rule.evaluate(withDcs(value));
      expect(outcome.status).toBe("unknown");
      expect(outcome.status === "unknown" && outcome.reason.collect).toContain("Get-ADDomainController");
    }
  });

  it("tolerates malformed entries", () => {
    const outcome = rule.evaluate(withDcs([null, 7, { osBuild: "20348" }, { name: "DC09", osBuild: 20348 }]));
    expect(outcome.status).toBe("pass");
    expect(outcome.evidence[0]).toMatchObject({ fact: "domain.domainControllers[0]", actual: { name: "#0" } });
  });
});

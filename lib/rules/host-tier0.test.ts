import { describe, expect, it } from "vitest";
import rule from "./host-tier0";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-tier0", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("fails false as a warning", () => {
    expect(expectFail(rule.evaluate(hostContext({ tier0: false }))).severity).toBe("warning");
  });

  it("lets the explicit flag win over tags", () => {
    expect(rule.evaluate(hostContext({ tier0: false, tags: ["tier0"] })).status).toBe("fail");
  });

  it("accepts a Tier 0 tag when the flag is not set", () => {
    const outcome = rule.evaluate(hostContext({ tags: ["Tier-0"] }));
    expect(outcome.status).toBe("pass");
    expect(outcome.evidence[0].fact).toBe("host.tags");
  });

  it("explains how to record the tier when unknown", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({})));
    expect(outcome.reason.missingFact).toBe("host.tier0");
    expect(outcome.reason.collect).toBe("");
    expect(outcome.reason.collectNote).toMatch(/tag the host 'tier0'/);
  });
});

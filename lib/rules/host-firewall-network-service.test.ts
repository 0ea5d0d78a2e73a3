import { describe, expect, it } from "vitest";
import rule from "./host-firewall-network-service";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-firewall-network-service", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("fails as a warning", () => {
    expect(rule.meta.severity).toBe("warning");
    expect(expectFail(rule.evaluate(hostContext({ firewall: { filtersByUser: true, networkServiceAllowed: false } }))).message).toContain("Network Service");
  });

  it("passes when Network Service is allowed, whether or not user filtering was recorded", () => {
    expect(rule.evaluate(hostContext({ firewall: { filtersByUser: true, networkServiceAllowed: true } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ firewall: { networkServiceAllowed: true } })).status).toBe("pass");
  });

  it("asks for the Network Service answer when the firewall filters by user", () => {
    expect(expectUnknown(rule.evaluate(hostContext({ firewall: { filtersByUser: true } }))).reason.missingFact).toBe("host.firewall.networkServiceAllowed");
  });
});

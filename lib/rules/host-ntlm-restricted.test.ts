import { describe, expect, it } from "vitest";
import rule from "./host-ntlm-restricted";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-ntlm-restricted", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it.each([0, 1, null])("fails RestrictSendingNTLMTraffic = %s as a warning", (value) => {
    const outcome = expectFail(rule.evaluate(hostContext({ ntlm: { restrictSendingNtlmTraffic: value } })));
    expect(outcome.severity).toBe("warning");
  });

  it("reports RestrictNTLMInDomain only on domain controllers, without judging it", () => {
    const member = rule.evaluate(hostContext({ os: { productType: "server" }, ntlm: { restrictSendingNtlmTraffic: 2, restrictNtlmInDomain: 0 } }));
    expect(member.evidence.map((item) => item.fact)).toEqual(["host.ntlm.restrictSendingNtlmTraffic"]);
    const dc = rule.evaluate(
      hostContext({ domainMembership: { domainRole: "PrimaryDomainController" }, ntlm: { restrictSendingNtlmTraffic: 2, restrictNtlmInDomain: 0 } }),
    );
    expect(dc.status).toBe("pass");
    expect(dc.evidence.find((item) => item.fact === "host.ntlm.restrictNtlmInDomain")?.actual).toBe(0);
    expect(dc.message).toMatch(/domain controller.*0 \(Disable\)/);
  });

  it("warns about agents older than 1.1.1365.0 with deny-all NTLM", () => {
    const outcome = rule.evaluate(hostContext({ ntlm: { restrictSendingNtlmTraffic: 2 }, agent: { installed: true, version: "1.1.1107.0" } }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("1.1.1365.0");
    const current = rule.evaluate(hostContext({ ntlm: { restrictSendingNtlmTraffic: 2 }, agent: { installed: true, version: "1.1.2505.0" } }));
    expect(current.message).not.toContain("predates");
  });

  it("is unknown when the value was not collected", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ ntlm: {} })));
    expect(outcome.reason.missingFact).toBe("host.ntlm.restrictSendingNtlmTraffic");
    expect(outcome.reason.collect).toContain("Lsa\\MSV1_0");
  });

  it("never looks at LmCompatibilityLevel", () => {
    const script = rule.remediationScript?.(hostContext({ ntlm: { restrictSendingNtlmTraffic: 0 } })) ?? "";
    expect(script).not.toMatch(/LmCompatibilityLevel/i);
    expect(JSON.stringify(rule.evaluate(hostContext({ ntlm: { restrictSendingNtlmTraffic: 0 } })))).not.toMatch(/LmCompatibilityLevel/i);
  });

  it("scripts deny-all test-then-set, guarded by the installed agent version, and nothing when already denied", () => {
    const script = rule.remediationScript?.(hostContext({ ntlm: { restrictSendingNtlmTraffic: 1 } })) ?? "";
    expect(script).toContain("-Name 'RestrictSendingNTLMTraffic' -Value 2 -PropertyType DWord");
    expect(script).toContain("if ($current -ne 2)");
    expect(script).toContain("[version]'1.1.1365.0'");
    expect(script).toContain("Audit first");
    expect(rule.remediationScript?.(hostContext({ ntlm: { restrictSendingNtlmTraffic: 2 } }))).toBeNull();
  });
});

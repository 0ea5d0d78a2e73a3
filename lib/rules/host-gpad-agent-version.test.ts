import { describe, expect, it } from "vitest";
import rule from "./host-gpad-agent-version";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";
import type { RuleContext } from "./types";

const used = (ctx: RuleContext): RuleContext => ({ ...ctx, tenant: { featuresUsed: { groupProvisioning: true } } });

describe("host-gpad-agent-version", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("is not applicable unless the feature is used (tenant facts or this domain's configurations)", () => {
    const host = hostContext({ agent: { installed: true, version: "1.0.0.0" } });
    expect(rule.appliesTo?.(host)).toBe(false);
    expect(rule.appliesTo?.({ ...host, tenant: { featuresUsed: { groupProvisioning: false } } })).toBe(false);
    expect(rule.appliesTo?.({ ...host, scope: { configurations: [{ name: "other", domain: "emea.contoso.com", groupProvisioning: true }] } })).toBe(false);
    expect(rule.appliesTo?.({ ...host, scope: { configurations: [{ name: "corp", domain: "corp.contoso.com", groupProvisioning: true }] } })).toBe(true);
    expect(rule.appliesTo?.(used(host))).toBe(true);
  });

  it("passes at the minimum 1.1.2334.0 and fails just below it", () => {
    expect(rule.evaluate(used(hostContext({ agent: { installed: true, version: "1.1.2334.0" } }))).status).toBe("pass");
    expect(expectFail(rule.evaluate(used(hostContext({ agent: { installed: true, version: "1.1.2333.9" } })))).message).toContain("1.1.2334.0");
  });

  it("is not applicable to a host without an agent (or without agent data) and asks for an unreadable version", () => {
    expect(rule.appliesTo?.(used(hostContext({ agent: { installed: false } })))).toBe(false);
    expect(rule.appliesTo?.(used(hostContext({})))).toBe(false);
    expect(expectUnknown(rule.evaluate(used(hostContext({ agent: { installed: true, version: "latest" } })))).reason.missingFact).toBe("host.agent.version");
  });
});

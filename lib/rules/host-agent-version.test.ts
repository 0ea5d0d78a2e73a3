import { describe, expect, it } from "vitest";
import rule from "./host-agent-version";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

const agent = (version: string) => hostContext({ agent: { installed: true, version } });

describe("host-agent-version", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("applies only when an agent is installed", () => {
    expect(rule.appliesTo?.(agent("1.1.2505.0"))).toBe(true);
    expect(rule.appliesTo?.(hostContext({ agent: { version: "1.1.2505.0" } }))).toBe(true);
    expect(rule.appliesTo?.(hostContext({ agent: { installed: false } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({ agent: { installed: false, version: "1.1.2505.0" } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({}))).toBe(false);
  });

  it("compares versions numerically per part", () => {
    expect(rule.evaluate(agent("1.1.999.0")).message).toContain("1.1.1365.0");
    expect(rule.evaluate(agent("1.1.10000.0")).status).toBe("pass");
    expect(rule.evaluate(agent("1.1.2505")).status).toBe("pass");
    expect(rule.evaluate(agent("1.2.0.0")).status).toBe("pass");
  });

  it("grades severities by threshold", () => {
    const ancient = expectFail(rule.evaluate(agent("1.1.1364.0")));
    expect(ancient.severity).toBe("warning");
    expect(ancient.message).toContain("Deny all");
    const beforeGmsaChange = expectFail(rule.evaluate(agent("1.1.2333.0")));
    expect(beforeGmsaChange.severity).toBe("warning");
    expect(beforeGmsaChange.message).toContain("custom gMSAs");
    expect(beforeGmsaChange.message).not.toContain("wrong-credential");
    const behindCurrent = expectFail(rule.evaluate(agent("1.1.2334.0")));
    expect(behindCurrent.severity).toBe("info");
    expect(rule.evaluate(agent("1.1.2505.0")).status).toBe("pass");
  });

  it("names the known NTLM failure when this host denies NTLM", () => {
    const failing = rule.examples.find((example) => example.expect === "fail");
    const outcome = expectFail(rule.evaluate(failing!.context));
    expect(outcome.message).toMatch(/Deny all on this server.*known failure/);
    expect(outcome.evidence.map((item) => item.fact)).toContain("host.ntlm.restrictSendingNtlmTraffic");
  });

  it("is unknown for a missing or non-numeric version", () => {
    expect(expectUnknown(rule.evaluate(hostContext({ agent: { installed: true } }))).reason.collect).toContain("AADConnectProvisioningAgent.exe");
    const garbled = expectUnknown(rule.evaluate(agent("1.1.x")));
    expect(garbled.message).toContain("1.1.x");
  });

  it("scripts an idempotent updater check only for outdated agents", () => {
    const script = rule.remediationScript?.(agent("1.1.2334.0")) ?? "";
    expect(script).toContain("Get-Service -DisplayName 'Microsoft Azure AD Connect Agent Updater'");
    expect(script).toContain("if ($updater.Status -ne 'Running')");
    expect(script).toContain("$PSCmdlet.ShouldProcess");
    expect(script).toContain("Collected agent version: 1.1.2334.0");
    expect(rule.remediationScript?.(agent("1.1.2505.0"))).toBeNull();
    expect(rule.remediationScript?.(hostContext({ agent: { installed: false, version: "1.1.1.0" } }))).toBeNull();
  });
});

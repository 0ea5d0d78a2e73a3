import { describe, expect, it } from "vitest";
import rule from "./host-credential-manager";
import { hostContext } from "./host/examples";
import { expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-credential-manager", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("passes Auto and Manual", () => {
    expect(rule.evaluate(hostContext({ services: { vaultSvc: "Auto" } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ services: { vaultSvc: "Manual" } })).status).toBe("pass");
  });

  it("fails a missing service (null) but is unknown when not collected", () => {
    const missing = rule.evaluate(hostContext({ services: { vaultSvc: null } }));
    expect(missing.status).toBe("fail");
    expect(missing.evidence[0].actual).toBe("missing");
    const outcome = expectUnknown(rule.evaluate(hostContext({ services: {} })));
    expect(outcome.reason.missingFact).toBe("host.services.vaultSvc");
    expect(outcome.reason.collect).toContain("Get-Service -Name VaultSvc");
  });

  it("scripts Manual for a disabled service only, checking first", () => {
    const script = rule.remediationScript?.(hostContext({ services: { vaultSvc: "Disabled" } })) ?? "";
    expect(script).toContain("$service.StartType -eq 'Disabled'");
    expect(script).toContain("Set-Service -Name 'VaultSvc' -StartupType Manual");
    expect(script).toContain("$PSCmdlet.ShouldProcess");
    expect(rule.remediationScript?.(hostContext({ services: { vaultSvc: "Manual" } }))).toBeNull();
    expect(rule.remediationScript?.(hostContext({ services: { vaultSvc: null } }))).toBeNull();
  });
});

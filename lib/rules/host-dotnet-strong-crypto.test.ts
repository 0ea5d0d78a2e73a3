import { describe, expect, it } from "vitest";
import rule from "./host-dotnet-strong-crypto";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

const withValue = (schUseStrongCrypto: number | null) => hostContext({ tls: { dotnet64: { schUseStrongCrypto } } });

describe("host-dotnet-strong-crypto", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("fails an explicit 0 as a blocker and an absent value as a warning", () => {
    expect(expectFail(rule.evaluate(withValue(0))).severity).toBeUndefined();
    expect(expectFail(rule.evaluate(withValue(null))).severity).toBe("warning");
  });

  it("ignores the 32-bit view (that is host-dotnet-tls-defaults)", () => {
    const outcome = rule.evaluate(hostContext({ tls: { dotnet64: { schUseStrongCrypto: 1 }, dotnet32: { schUseStrongCrypto: 0 } } }));
    expect(outcome.status).toBe("pass");
  });

  it("names the registry value in the unknown reason", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({})));
    expect(outcome.reason.missingFact).toBe("host.tls.dotnet64.schUseStrongCrypto");
    expect(outcome.reason.collect).toContain("HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319");
  });

  it("scripts the 64-bit value test-then-set, and nothing when it is already 1", () => {
    const script = rule.remediationScript?.(withValue(0)) ?? "";
    expect(script).toContain("$key = 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319'");
    expect(script).not.toContain("WOW6432Node");
    expect(script).toContain("if ($current -ne 1)");
    expect(script).toContain("-Name 'SchUseStrongCrypto' -Value 1 -PropertyType DWord -Force");
    expect(rule.remediationScript?.(withValue(1))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import rule from "./host-dotnet-tls-defaults";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-dotnet-tls-defaults", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("fails as a warning when any recommended value is 0 or absent", () => {
    const outcome = expectFail(
      rule.evaluate(
        hostContext({
          tls: { dotnet64: { systemDefaultTlsVersions: 1 }, dotnet32: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 0 } },
        }),
      ),
    );
    expect(outcome.severity).toBe("warning");
    expect(outcome.message).toContain("WOW6432Node (32-bit) SystemDefaultTlsVersions = 0");
  });

  it("does not judge the 64-bit SchUseStrongCrypto (another rule does)", () => {
    const outcome = rule.evaluate(
      hostContext({
        tls: {
          dotnet64: { schUseStrongCrypto: 0, systemDefaultTlsVersions: 1 },
          dotnet32: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 1 },
        },
      }),
    );
    expect(outcome.status).toBe("pass");
  });

  it("names the first missing value and both keys in the unknown reason", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({})));
    expect(outcome.reason.missingFact).toBe("host.tls.dotnet32.schUseStrongCrypto");
    expect(outcome.reason.collect).toContain("WOW6432Node");
  });

  it("scripts only the values that are not 1, in the right views", () => {
    const failing = rule.examples.find((example) => example.expect === "fail");
    const script = rule.remediationScript?.(failing!.context) ?? "";
    expect(script.match(/New-ItemProperty/g)).toHaveLength(3);
    expect(script).toContain("$key = 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319'");
    expect(script).toContain("# 64-bit SystemDefaultTlsVersions: collected as absent, recommended 1.");
    expect(script).not.toContain("# 64-bit SchUseStrongCrypto");
    expect(rule.remediationScript?.(rule.examples[0].context)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import rule from "./host-tls12-schannel";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

type Side = { enabled?: number | null; disabledByDefault?: number | null };
const tls = (client: Side, server: Side) => hostContext({ tls: { schannelTls12: { client, server } } });
const good: Side = { enabled: 1, disabledByDefault: 0 };

describe("host-tls12-schannel", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("fails as a blocker when Enabled = 0 or DisabledByDefault = 1 is explicitly set", () => {
    expect(expectFail(rule.evaluate(tls(good, { enabled: 0, disabledByDefault: 0 }))).severity).toBeUndefined();
    expect(expectFail(rule.evaluate(tls({ enabled: 1, disabledByDefault: 1 }, good))).severity).toBeUndefined();
  });

  it("fails as a warning when values are absent (null)", () => {
    const outcome = expectFail(rule.evaluate(tls({ enabled: null, disabledByDefault: 0 }, good)));
    expect(outcome.severity).toBe("warning");
    expect(outcome.evidence.find((item) => item.fact === "host.tls.schannelTls12.client.enabled")?.actual).toBe("absent");
  });

  it("prefers the blocker when one value is wrong and another absent", () => {
    expect(expectFail(rule.evaluate(tls({ enabled: 0, disabledByDefault: null }, good))).severity).toBeUndefined();
  });

  it("treats any non-zero Enabled as enabled", () => {
    expect(rule.evaluate(tls({ enabled: 4294967295, disabledByDefault: 0 }, good)).status).toBe("pass");
  });

  it("is unknown (not fail) when a value was not collected and nothing is wrong", () => {
    const outcome = expectUnknown(rule.evaluate(tls(good, { enabled: 1 })));
    expect(outcome.reason.missingFact).toBe("host.tls.schannelTls12.server.disabledByDefault");
    expect(outcome.reason.collect).toContain("TLS 1.2\\Server");
  });

  it("scripts only the wrong or missing values, test-then-set, with a restart reminder", () => {
    const script = rule.remediationScript?.(tls({ enabled: 0, disabledByDefault: 0 }, { enabled: 1, disabledByDefault: null })) ?? "";
    expect(script).toContain("TLS 1.2\\Client'");
    expect(script).toContain("-Name 'Enabled' -Value 1 -PropertyType DWord");
    expect(script).toContain("-Name 'DisabledByDefault' -Value 0 -PropertyType DWord");
    expect(script.match(/New-ItemProperty/g)).toHaveLength(2);
    expect(script).toContain("# TLS 1.2\\Client\\Enabled: collected as 0, required 1.");
    expect(script).toContain("# TLS 1.2\\Server\\DisabledByDefault: collected as absent, required 0.");
    expect(script).not.toContain("TLS 1.2\\Client\\DisabledByDefault");
    expect(script).not.toContain("TLS 1.2\\Server\\Enabled");
    expect(script).toContain("if ($current -ne 1)");
    expect(script).toContain("if ($current -ne 0)");
    expect(script).toContain("$PSCmdlet.ShouldProcess");
    expect(script).toContain("Restart the server");
  });

  it("returns no script when all four values are right", () => {
    expect(rule.remediationScript?.(tls(good, good))).toBeNull();
  });
});

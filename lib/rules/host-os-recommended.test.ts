import { describe, expect, it } from "vitest";
import rule from "./host-os-recommended";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-os-recommended", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("passes 2022 and 2025, fails 2016 and 2019 as a warning", () => {
    expect(rule.evaluate(hostContext({ os: { build: 20348, productType: "server" } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ os: { build: 26100, productType: "domain-controller" } })).status).toBe("pass");
    for (const build of [14393, 17763]) {
      const outcome = expectFail(rule.evaluate(hostContext({ os: { build, productType: "server" } })));
      expect(outcome.severity).toBe("warning");
      expect(outcome.message).toMatch(/extended support/);
    }
  });

  it("uses the caption when no build was collected", () => {
    expect(rule.evaluate(hostContext({ os: { caption: "Microsoft Windows Server 2019 Datacenter" } })).status).toBe("fail");
    expect(rule.evaluate(hostContext({ os: { caption: "Microsoft Windows Server 2022 Datacenter" } })).status).toBe("pass");
  });

  it("does not apply to clients or unsupported builds, but applies when the OS is unknown", () => {
    expect(rule.appliesTo?.(hostContext({ os: { build: 26100, productType: "workstation" } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({ os: { build: 9600, productType: "server" } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({ os: { caption: "Microsoft Windows Server 2012 R2 Standard" } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({ os: { build: 17763, productType: "server" } }))).toBe(true);
    expect(rule.appliesTo?.(hostContext({}))).toBe(true);
  });

  it("asks for the edition when only a shared build is known", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ os: { build: 20348 } })));
    expect(outcome.reason.missingFact).toBe("host.os.productType");
  });
});

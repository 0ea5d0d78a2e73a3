import { describe, expect, it } from "vitest";
import rule from "./host-os-supported";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-os-supported", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it.each([
    [14393, 2016],
    [17763, 2019],
    [20348, 2022],
    [26100, 2025],
  ])("passes build %i (Windows Server %i) on a server", (build, year) => {
    const outcome = rule.evaluate(hostContext({ os: { build, productType: "server" } }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain(String(year));
  });

  it("gives servers on the same OS one shared outcome, whatever their update revision", () => {
    const os = { caption: "Microsoft Windows Server 2022 Datacenter", version: "10.0.20348", build: 20348, productType: "server" as const };
    const a = rule.evaluate(hostContext({ os: { ...os, ubr: 2402 } }));
    const b = rule.evaluate(hostContext({ os: { ...os, ubr: 3207 } }));
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(rule.evaluate(hostContext({ os: { ...os, caption: "Microsoft Windows Server 2022 Standard" } }))).not.toBe(a);
  });

  it("passes a domain controller (productType 2 is a valid host)", () => {
    expect(rule.evaluate(hostContext({ os: { build: 17763, productType: "domain-controller" } })).status).toBe("pass");
  });

  it("fails older and unlisted server builds", () => {
    expect(rule.evaluate(hostContext({ os: { build: 9600, productType: "server" } })).status).toBe("fail");
    const sac = expectFail(rule.evaluate(hostContext({ os: { build: 25398, productType: "server" } })));
    expect(sac.message).toMatch(/not one of the documented/);
  });

  it("fails client editions detected by productType, installationType or caption", () => {
    expect(rule.evaluate(hostContext({ os: { build: 17763, productType: "workstation" } })).status).toBe("fail");
    expect(rule.evaluate(hostContext({ os: { build: 19045, installationType: "Client" } })).status).toBe("fail");
    expect(rule.evaluate(hostContext({ os: { caption: "Microsoft Windows 10 Pro" } })).status).toBe("fail");
  });

  it("reports unknown for a shared client/server build without any edition fact", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ os: { build: 14393 } })));
    expect(outcome.reason.missingFact).toBe("host.os.productType");
  });

  it("derives the build from the version string, including systeminfo's format", () => {
    const fromVersion = rule.evaluate(hostContext({ os: { version: "10.0.17763.5696", productType: "server" } }));
    expect(fromVersion.status).toBe("pass");
    expect(fromVersion.evidence[0]).toMatchObject({ fact: "host.os.version", actual: 17763 });
    const systeminfo = rule.evaluate(
      hostContext({ os: { version: "10.0.20348 N/A Build 20348", caption: "Microsoft Windows Server 2022 Standard" } }),
    );
    expect(systeminfo.status).toBe("pass");
  });

  it("falls back to the caption year when no build is collected", () => {
    expect(rule.evaluate(hostContext({ os: { caption: "Microsoft Windows Server 2025 Datacenter" } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ os: { caption: "Microsoft Windows Server 2008 R2 Enterprise" } })).status).toBe("fail");
    const noYear = expectUnknown(rule.evaluate(hostContext({ os: { caption: "Microsoft Windows Server Datacenter" } })));
    expect(noYear.reason.missingFact).toBe("host.os.build");
  });

  it("names the fact and the command in the unknown reason", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({})));
    expect(outcome.reason.missingFact).toBe("host.os.build");
    expect(outcome.reason.collect).toContain("Win32_OperatingSystem");
  });

  it("has no remediation script (an OS is not changed by a snippet)", () => {
    expect(rule.remediationScript?.(rule.examples[1].context)).toBeNull();
  });
});

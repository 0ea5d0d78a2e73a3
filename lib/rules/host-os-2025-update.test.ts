import { describe, expect, it } from "vitest";
import rule from "./host-os-2025-update";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

const server2025 = { build: 26100, productType: "server" } as const;

describe("host-os-2025-update", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("applies only to build 26100 servers (and while the OS is unknown)", () => {
    expect(rule.appliesTo?.(hostContext({ os: server2025 }))).toBe(true);
    expect(rule.appliesTo?.(hostContext({ os: { build: 20348, productType: "server" } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({ os: { build: 26100, productType: "workstation" } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({ os: { caption: "Microsoft Windows Server 2022 Standard" } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({ os: { caption: "Microsoft Windows Server 2025 Standard" } }))).toBe(true);
    expect(rule.appliesTo?.(hostContext({}))).toBe(true);
  });

  it("matches the KB id case-insensitively", () => {
    expect(rule.evaluate(hostContext({ os: server2025, hotfixes: ["kb5070773"] })).status).toBe("pass");
  });

  it("fails as a warning and asks to verify when the list lacks the KB (a later CU is not recognised)", () => {
    const outcome = expectFail(rule.evaluate(hostContext({ os: server2025, hotfixes: ["KB5072033"] })));
    expect(outcome.severity).toBe("warning");
    expect(outcome.message).toMatch(/verify/i);
    expect(outcome.evidence.find((item) => item.fact === "host.hotfixes")?.actual).toEqual(["KB5072033"]);
  });

  it("treats a collected but empty hotfix list as missing the KB", () => {
    expect(rule.evaluate(hostContext({ os: server2025, hotfixes: [] })).status).toBe("fail");
  });

  it("is unknown when hotfixes were not collected, naming Get-HotFix", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ os: server2025 })));
    expect(outcome.reason.missingFact).toBe("host.hotfixes");
    expect(outcome.reason.collect).toContain("Get-HotFix");
  });

  it("is unknown (not fail) when the OS version is missing", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ hotfixes: ["KB5070773"] })));
    expect(outcome.reason.missingFact).toBe("host.os.build");
  });

  it("mentions the interim KB5065426 FeatureManagement override in its notes", () => {
    expect(rule.meta.notes?.join(" ")).toMatch(/KB5065426.*2362988687/);
  });
});

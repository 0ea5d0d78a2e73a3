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

  it("passes at UBR 6901 and above, saying the UBR was judged", () => {
    for (const ubr of [6901, 6905, 7019]) {
      const outcome = rule.evaluate(hostContext({ os: { ...server2025, ubr }, hotfixes: ["KB5072033"] }));
      expect(outcome.status).toBe("pass");
      expect(outcome.message).toMatch(/Judged by the UBR/);
      expect(outcome.evidence.find((item) => item.fact === "host.os.ubr")?.actual).toBe(ubr);
    }
  });

  it("takes the UBR from the version string too", () => {
    expect(rule.evaluate(hostContext({ os: { version: "10.0.26100.6905", productType: "server" } })).status).toBe("pass");
  });

  it("fails as information below UBR 6901 without the KB", () => {
    const outcome = expectFail(rule.evaluate(hostContext({ os: { ...server2025, ubr: 6899 }, hotfixes: ["KB5066835"] })));
    expect(outcome.severity).toBe("info");
    expect(outcome.message).toMatch(/6899.*below 26100\.6901/);
    expect(rule.meta.severity).toBe("info");
  });

  it("still passes on a KB5070773 entry when the UBR is older (KB match wins)", () => {
    const outcome = rule.evaluate(hostContext({ os: { ...server2025, ubr: 6899 }, hotfixes: ["KB5070773"] }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toMatch(/installed-update list/);
  });

  it("is unknown, naming the UBR, when the list lacks the KB and no UBR was collected", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ os: server2025, hotfixes: ["KB5072033"] })));
    expect(outcome.reason.missingFact).toBe("host.os.ubr");
    expect(outcome.reason.collect).toContain("UBR");
    expect(rule.evaluate(hostContext({ os: server2025, hotfixes: [] })).status).toBe("unknown");
  });

  it("is unknown when neither hotfixes nor the UBR were collected, naming Get-HotFix", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ os: server2025 })));
    expect(outcome.reason.missingFact).toBe("host.hotfixes");
    expect(outcome.reason.collect).toContain("Get-HotFix");
  });

  it("cites the 2025-09-29 revision, the current page and the KB article with revision dates", () => {
    expect(rule.meta.source.revised).toBe("2025-09-29");
    const others = rule.meta.otherSources ?? [];
    expect(others.map((source) => source.revised)).toEqual(["2026-07-27", "2025-10-20"]);
    expect(others[1]?.url).toContain("kb5070773-os-build-26100-6901");
  });

  it("is unknown (not fail) when the OS version is missing", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ hotfixes: ["KB5070773"] })));
    expect(outcome.reason.missingFact).toBe("host.os.build");
  });

  it("mentions the interim KB5065426 FeatureManagement override in its notes", () => {
    expect(rule.meta.notes?.join(" ")).toMatch(/KB5065426.*2362988687/);
  });
});

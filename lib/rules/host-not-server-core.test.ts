import { describe, expect, it } from "vitest";
import rule from "./host-not-server-core";
import { hostContext } from "./host/examples";
import { expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";

describe("host-not-server-core", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it.each(["NanoServer", "ServerCore", "ServerCoreWithManagementTools"] as const)("fails server level %s", (serverLevel) => {
    expect(rule.evaluate(hostContext({ os: { serverLevel } })).status).toBe("fail");
  });

  it("fails Nano Server by installation type", () => {
    expect(rule.evaluate(hostContext({ os: { installationType: "Nano Server" } })).status).toBe("fail");
  });

  it("passes on installation type Server or server level FullServer alone", () => {
    expect(rule.evaluate(hostContext({ os: { installationType: "Server" } })).status).toBe("pass");
    expect(rule.evaluate(hostContext({ os: { serverLevel: "FullServer" } })).status).toBe("pass");
  });

  it("fails when either source reports Core, even if the other says full server", () => {
    expect(rule.evaluate(hostContext({ os: { installationType: "Server", serverLevel: "ServerCore" } })).status).toBe("fail");
  });

  it("ignores serverLevel Unknown and reports unknown", () => {
    const outcome = expectUnknown(rule.evaluate(hostContext({ os: { serverLevel: "Unknown" } })));
    expect(outcome.reason.missingFact).toBe("host.os.installationType");
    expect(outcome.reason.collect).toContain("InstallationType");
  });

  it("does not apply to client Windows", () => {
    expect(rule.appliesTo?.(hostContext({ os: { installationType: "Client", productType: "workstation" } }))).toBe(false);
    expect(rule.appliesTo?.(hostContext({}))).toBe(true);
  });
});

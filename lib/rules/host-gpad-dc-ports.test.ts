import { describe, expect, it } from "vitest";
import rule from "./host-gpad-dc-ports";
import { hostContext } from "./host/examples";
import { expectFail, expectUnknown, itRunsExamples, itSurvivesMalformedFacts } from "./testing/host-kit";
import type { NetworkCheck } from "@/lib/facts";

const used = (domainControllerChecks: NetworkCheck[]) => ({
  ...hostContext({ network: { domainControllerChecks } }),
  tenant: { featuresUsed: { groupProvisioning: true } },
});
const c = (host: string, port: number, reachable: boolean): NetworkCheck => ({ host, port, reachable });

describe("host-gpad-dc-ports", () => {
  itRunsExamples(rule);
  itSurvivesMalformedFacts(rule);

  it("is not applicable without group provisioning", () => {
    expect(rule.appliesTo?.(hostContext({ network: { domainControllerChecks: [c("dc01", 389, false)] } }))).toBe(false);
  });

  it("fails as a blocker when no DC answers LDAP, as a warning when one of two does not", () => {
    expect(expectFail(rule.evaluate(used([c("dc01", 389, false), c("dc01", 3268, true)]))).severity).toBe("blocker");
    expect(expectFail(rule.evaluate(used([c("dc01", 389, true), c("dc02", 389, false), c("dc01", 3268, true)]))).severity).toBe("warning");
  });

  it("answers unknown when one port was not probed and the other is fine", () => {
    expect(expectUnknown(rule.evaluate(used([c("dc01", 389, true)]))).message).toContain("TCP 3268");
  });

  it("fails even when the other port was not probed", () => {
    expect(rule.evaluate(used([c("dc01", 389, false)])).status).toBe("fail");
  });
});

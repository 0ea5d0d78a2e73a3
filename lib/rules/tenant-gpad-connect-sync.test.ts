import { describe, expect, it } from "vitest";
import rule from "./tenant-gpad-connect-sync";
import { ctx, describeRuleContract } from "./testing/domain-kit";

const on = { featuresUsed: { groupProvisioning: true } };

describe("tenant-gpad-connect-sync", () => {
  describeRuleContract(rule, "tenant-gpad-connect-sync", { featureGated: true });

  it("is not applicable when group provisioning is not used", () => {
    expect(rule.appliesTo?.(ctx({ tenant: { connectSync: { inUse: true, version: "1.0.0.0" } } }))).toBe(false);
  });

  it.each([
    ["2.2.8.0", "pass"],
    ["2.2.10.0", "pass"],
    ["2.2.7.9", "fail"],
    ["1.6.16.0", "fail"],
    ["latest", "unknown"],
  ])("judges version %s as %s", (version, status) => {
    expect(rule.evaluate(ctx({ tenant: { ...on, connectSync: { inUse: true, version } } })).status).toBe(status);
  });

  it("passes when Connect Sync does not run, and asks for the version when it runs", () => {
    expect(rule.evaluate(ctx({ tenant: { ...on, connectSync: { inUse: false } } })).status).toBe("pass");
    const open = rule.evaluate(ctx({ tenant: { ...on, connectSync: { inUse: true } } }));
    expect(open.status === "unknown" && open.reason.missingFact).toBe("tenant.connectSync.version");
  });
});

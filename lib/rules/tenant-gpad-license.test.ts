import { describe, expect, it } from "vitest";
import rule from "./tenant-gpad-license";
import { ctx, describeRuleContract } from "./testing/domain-kit";

describe("tenant-gpad-license", () => {
  describeRuleContract(rule, "tenant-gpad-license", { featureGated: true });

  it("is not applicable when group provisioning is not used", () => {
    expect(rule.appliesTo?.(ctx({ tenant: { entraIdP1: false } }))).toBe(false);
    expect(rule.appliesTo?.(ctx({ tenant: { featuresUsed: { groupProvisioning: false } } }))).toBe(false);
    expect(rule.appliesTo?.(ctx({ scope: { configurations: [{ name: "a", passwordHashSync: true }] } }))).toBe(false);
  });

  it("applies for any configuration that provisions groups, whatever its domain", () => {
    expect(rule.appliesTo?.(ctx({ domain: { dnsName: "corp.contoso.com" }, scope: { configurations: [{ name: "emea", domain: "emea.contoso.com", groupProvisioning: true }] } }))).toBe(true);
  });

  it("passes, fails and answers unknown on the licence fact", () => {
    const on = { featuresUsed: { groupProvisioning: true } };
    expect(rule.evaluate(ctx({ tenant: { ...on, entraIdP1: true } })).status).toBe("pass");
    const failed = rule.evaluate(ctx({ tenant: { ...on, entraIdP1: false } }));
    expect(failed.status).toBe("fail");
    expect(failed.evidence.map((e) => e.fact)).toContain("tenant.featuresUsed.groupProvisioning");
    const open = rule.evaluate(ctx({ tenant: on }));
    expect(open.status === "unknown" && open.reason.collect).toContain("subscribedSkus");
  });
});

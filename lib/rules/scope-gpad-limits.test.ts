import { describe, expect, it } from "vitest";
import rule from "./scope-gpad-limits";
import { ctx, describeRuleContract } from "./testing/domain-kit";

const withScope = (groupProvisioningScope: Record<string, unknown>) =>
  ctx({ scope: { configurations: [{ name: "groups-to-ad", groupProvisioning: true, groupProvisioningScope }] } });
const allGroups = {
  mode: "all-groups",
  attributeFilter: true,
  groupCount: 20_000,
  membershipCount: 500_000,
  largestGroupMembers: 50_000,
  tenantUsers: 199_999,
  tenantGroups: 39_999,
  tenantMemberships: 999_999,
};

describe("scope-gpad-limits", () => {
  describeRuleContract(rule, "scope-gpad-limits", { featureGated: true });

  it("is not applicable without group provisioning", () => {
    expect(rule.appliesTo?.(ctx({ scope: { configurations: [{ name: "a", groups: [] }] } }))).toBe(false);
  });

  it("passes at the documented limits and fails one above", () => {
    expect(rule.evaluate(withScope(allGroups)).status).toBe("pass");
    expect(rule.evaluate(withScope({ ...allGroups, groupCount: 20_001 })).status).toBe("fail");
    expect(rule.evaluate(withScope({ ...allGroups, largestGroupMembers: 50_001 })).status).toBe("fail");
    expect(rule.evaluate(withScope({ ...allGroups, tenantUsers: 200_000 })).status).toBe("fail");
    expect(rule.evaluate(withScope({ mode: "selected-groups", groupCount: 10_000, membershipCount: 250_000, largestGroupMembers: 1 })).status).toBe("pass");
    expect(rule.evaluate(withScope({ mode: "selected-groups", groupCount: 10_000, membershipCount: 250_001, largestGroupMembers: 1 })).status).toBe("fail");
  });

  it("answers unknown when the tenant uses the feature but no configuration is marked", () => {
    const outcome = rule.evaluate(ctx({ tenant: { featuresUsed: { groupProvisioning: true } }, scope: { configurations: [] } }));
    expect(outcome.status).toBe("unknown");
  });

  it("fails on a known problem even when other figures are missing", () => {
    expect(rule.evaluate(withScope({ mode: "all-groups", attributeFilter: false })).status).toBe("fail");
  });
});

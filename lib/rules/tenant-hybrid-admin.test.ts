import { describe, expect, it } from "vitest";
import rule from "./tenant-hybrid-admin";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { TenantFacts } from "@/lib/facts";

const withAdmins = (hybridIdentityAdmins: unknown) => ctx({ tenant: { hybridIdentityAdmins } as TenantFacts });
const admin = (overrides: Record<string, unknown>) => ({
  userPrincipalName: "admin@contoso.onmicrosoft.com",
  userType: "Member",
  onPremisesSyncEnabled: null,
  accountEnabled: true,
  ...overrides,
});

describe("tenant-hybrid-admin", () => {
  describeRuleContract(rule, "tenant-hybrid-admin");

  it.each([
    ["cloud-only member (never synced: null)", {}, "pass"],
    ["cloud-only member (no longer synced: false)", { onPremisesSyncEnabled: false }, "pass"],
    ["member spelled in lower case", { userType: "member" }, "pass"],
    ["guest", { userType: "Guest" }, "fail"],
    ["synced member", { onPremisesSyncEnabled: true }, "fail"],
    ["disabled cloud-only member", { accountEnabled: false }, "fail"],
    ["member with unknown sync state", { onPremisesSyncEnabled: undefined }, "unknown"],
    ["member with unknown userType", { userType: undefined }, "unknown"],
    ["member with unknown enabled state", { accountEnabled: undefined }, "unknown"],
    ["guest with unknown sync state (already disqualified)", { userType: "Guest", onPremisesSyncEnabled: undefined }, "fail"],
  ])("%s -> %s", (_label, overrides, status) => {
    expect(rule.evaluate(withAdmins([admin(overrides)])).status).toBe(status);
  });

  it("fails when nobody holds the role", () => {
    const outcome = rule.evaluate(withAdmins([]));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("Nobody holds");
  });

  it("lists why each candidate does not qualify", () => {
    const outcome = rule.evaluate(
      withAdmins([
        admin({ userPrincipalName: "sync@contoso.com", onPremisesSyncEnabled: true }),
        admin({ userPrincipalName: "guest#EXT#@contoso.onmicrosoft.com", userType: "Guest" }),
        admin({ userPrincipalName: "off@contoso.onmicrosoft.com", accountEnabled: false }),
      ]),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("sync@contoso.com (Hybrid Identity Administrator, active, direct): synced from on-premises AD");
    expect(outcome.message).toContain("guest#EXT#@contoso.onmicrosoft.com (Hybrid Identity Administrator, active, direct): userType is Guest");
    expect(outcome.message).toContain("off@contoso.onmicrosoft.com (Hybrid Identity Administrator, active, direct): account is disabled");
    expect(outcome.evidence[1]).toMatchObject({
      fact: "tenant.hybridIdentityAdmins[1]",
      actual: { userPrincipalName: "guest#EXT#@contoso.onmicrosoft.com", doesNotQualifyBecause: [expect.stringContaining("Guest")] },
    });
  });

  it.each<[string, { role?: string; assignment?: string; viaGroup?: string }, RegExp]>([
    ["an active Global Administrator", { role: "Global Administrator" }, /Global Administrator, active, direct/],
    ["a PIM-eligible Hybrid Identity Administrator", { assignment: "eligible" }, /Hybrid Identity Administrator, PIM-eligible, direct/],
    ["a group-based Hybrid Identity Administrator", { viaGroup: "Tier0-Admins" }, /through group Tier0-Admins/],
    ["a PIM-eligible Global Administrator through a group", { role: "Global Administrator", assignment: "eligible", viaGroup: "GA-Eligible" }, /Global Administrator, PIM-eligible, through group GA-Eligible/],
  ])("accepts %s and says how the role is held", (_label, overrides, words) => {
    const outcome = rule.evaluate(withAdmins([admin(overrides)]));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toMatch(words);
    expect(outcome.evidence[0].actual).toMatchObject({
      role: overrides.role ?? "Hybrid Identity Administrator",
      assignment: overrides.assignment ?? "active",
      viaGroup: overrides.viaGroup ?? null,
    });
  });

  it("counts active, eligible and group-based qualifying assignments", () => {
    const outcome = rule.evaluate(
      withAdmins([
        admin({ userPrincipalName: "a@contoso.onmicrosoft.com" }),
        admin({ userPrincipalName: "b@contoso.onmicrosoft.com", viaGroup: "Tier0-Admins" }),
        admin({ userPrincipalName: "c@contoso.onmicrosoft.com", role: "Global Administrator", assignment: "eligible" }),
        admin({ userPrincipalName: "sync@contoso.com", onPremisesSyncEnabled: true, assignment: "eligible" }),
      ]),
    );
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toMatch(/^3 cloud-only admin account\(s\) qualify, 2 active \(1 through a group\), 1 PIM-eligible:/);
    expect(outcome.message).not.toContain("sync@contoso.com");
  });

  it("does not accept another role, even for a cloud-only member", () => {
    const outcome = rule.evaluate(withAdmins([admin({ role: "User Administrator" })]));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toMatch(/holds User Administrator, which is neither/);
  });

  it("names the role and assignment of an undecided holder and hints at the role assignment collection", () => {
    const outcome = rule.evaluate(withAdmins([admin({ role: "Global Administrator", assignment: "eligible", accountEnabled: undefined })]));
    expect(outcome.status).toBe("unknown");
    expect(outcome.message).toMatch(/Global Administrator, PIM-eligible/);
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("roleEligibilitySchedules");
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("62e90394-69f5-4237-9190-012177145e10");
  });

  it("passes when one qualifying admin sits among undecided ones", () => {
    expect(rule.evaluate(withAdmins([admin({ userType: undefined }), admin({})])).status).toBe("pass");
  });

  it("names the missing attribute of the undecided admin", () => {
    const outcome = rule.evaluate(withAdmins([admin({ userType: "Guest" }), admin({ onPremisesSyncEnabled: undefined })]));
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("tenant.hybridIdentityAdmins[1].onPremisesSyncEnabled");
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2");
  });

  it.each([[undefined], [null], ["admin@contoso.com"], [{}]])("answers unknown for missing or malformed role members %j", (value) => {
    expect(rule.evaluate(withAdmins(value)).status).toBe("unknown");
  });

  it("tolerates malformed members", () => {
    const outcome = rule.evaluate(withAdmins([null, 5, { userType: 1 }, admin({})]));
    expect(outcome.status).toBe("pass");
  });
});

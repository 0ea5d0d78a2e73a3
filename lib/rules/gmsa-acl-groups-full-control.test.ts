import { describe, expect, it } from "vitest";
import type { Ace } from "@/lib/facts";
import { ace, aclFacts, EXAMPLE_DOMAIN, exampleContext, GMSA } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-groups-full-control";

const onGroups = (rights: number, extra: Partial<Ace> = {}) =>
  ace({ rights, inheritanceType: "Descendents", inheritedObjectType: GUIDS.group, ...extra });

const status = (aces: Parameters<typeof aclFacts>[0], domain = EXAMPLE_DOMAIN) => rule.evaluate(exampleContext({ domain, acl: aclFacts(aces) })).status;

describe("gmsa-acl-groups-full-control", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-groups-full-control", severity: "blocker", scope: "gmsa-acl" });

  it("requires every GenericAll bit", () => {
    expect(status([onGroups(AD_RIGHTS.GenericAll)])).toBe("pass");
    expect(status([onGroups(AD_RIGHTS.GenericAll | AD_RIGHTS.AccessSystemSecurity)])).toBe("pass");
    expect(status([onGroups(AD_RIGHTS.GenericAll & ~AD_RIGHTS.WriteOwner)])).toBe("fail");
    expect(status([onGroups(AD_RIGHTS.GenericRead | AD_RIGHTS.GenericWrite)])).toBe("fail");
  });

  it("lists the rights the gMSA lacks in a note", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts([onGroups(AD_RIGHTS.GenericAll & ~AD_RIGHTS.WriteDacl)]) }));
    expect(JSON.stringify(outcome.evidence)).toContain("missing WriteDacl");
  });

  it("accepts Full control on every descendant (broader, reported as covered-by-inheritance)", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts([ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "All" })]) }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("covered by a broader or inherited ACE");
  });

  it("rejects Full control with a specific ObjectType (one property, not the object)", () => {
    expect(status([onGroups(AD_RIGHTS.GenericAll, { objectType: GUIDS.msDsConsistencyGuid })])).toBe("fail");
  });

  it("rejects Full control on another class of descendants", () => {
    expect(status([ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })])).toBe("fail");
  });

  it("follows nested group membership", () => {
    const domain = {
      ...EXAMPLE_DOMAIN,
      groupMemberships: { [GMSA]: ["CORP\\Sync Agents"], "CORP\\Sync Agents": ["CORP\\Group Managers"] },
    };
    const outcome = rule.evaluate(exampleContext({ domain, acl: aclFacts([onGroups(AD_RIGHTS.GenericAll, { identity: "CORP\\Group Managers" })]) }));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("CORP\\Sync Agents → CORP\\Group Managers");
  });

  it("fails when a Deny for the gMSA removes part of Full control", () => {
    const outcome = rule.evaluate(
      exampleContext({ acl: aclFacts([onGroups(AD_RIGHTS.GenericAll), onGroups(AD_RIGHTS.WriteDacl, { accessType: "deny" })]) }),
    );
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("cancelled by Deny ACEs");
  });

  it("uses the gMSA from the domain facts when the export does not name it", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts([onGroups(AD_RIGHTS.GenericAll)], { account: undefined }) }));
    expect(outcome.status).toBe("pass");
    expect(outcome.evidence).toContainEqual(expect.objectContaining({ fact: "acl.account" }));
  });

  it("grants GA;;group with /I:S in the script", () => {
    const script = rule.remediationScript?.(exampleContext({ acl: aclFacts([]) })) ?? "";
    expect(script).toContain("& dsacls.exe $target '/I:S' '/G' ($account + ':GA;;group')");
    expect(script).toContain("-Rights 983551");
  });
});

import { describe, expect, it } from "vitest";
import { ace, aclFacts, CUSTOM_GMSA_ACES, exampleContext, GROUP_PROVISIONING_ACES, SCOPE_GROUP_PROVISIONING, SCOPE_PHS_ONLY, without } from "./acl/examples";
import { AD_RIGHTS, GUIDS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-group-provisioning";

const evaluate = (aces: Parameters<typeof aclFacts>[0]) => rule.evaluate(exampleContext({ scope: SCOPE_GROUP_PROVISIONING, acl: aclFacts(aces) }));

describe("gmsa-acl-group-provisioning", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-group-provisioning", severity: "blocker", scope: "gmsa-acl" });

  it("is not applicable unless the tenant or a configuration of this domain uses group provisioning", () => {
    expect(rule.appliesTo?.(exampleContext({}))).toBe(false);
    expect(rule.appliesTo?.(exampleContext({ scope: SCOPE_PHS_ONLY }))).toBe(false);
    expect(rule.appliesTo?.(exampleContext({ scope: { configurations: [{ name: "emea", domain: "emea.contoso.com", groupProvisioning: true }] } }))).toBe(false);
    expect(rule.appliesTo?.(exampleContext({ scope: SCOPE_GROUP_PROVISIONING }))).toBe(true);
    expect(rule.appliesTo?.(exampleContext({ tenant: { featuresUsed: { groupProvisioning: true } } }))).toBe(true);
    expect(rule.appliesTo?.(exampleContext({ tenant: { featuresUsed: { groupProvisioning: false } } }))).toBe(false);
  });

  it("passes and names where the feature use came from", () => {
    const outcome = evaluate([...CUSTOM_GMSA_ACES, ...GROUP_PROVISIONING_ACES]);
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("corp-groups-to-ad");
  });

  it("fails without create/delete of users (the custom gMSA row) or read/write of users", () => {
    const noCreateUsers = evaluate([...without(CUSTOM_GMSA_ACES, (a) => a.objectType === GUIDS.user), ...GROUP_PROVISIONING_ACES]);
    expect(noCreateUsers.status).toBe("fail");
    expect(noCreateUsers.message).toContain("Create/delete User objects");
    const noWriteUsers = evaluate([...CUSTOM_GMSA_ACES, ...without(GROUP_PROVISIONING_ACES, (a) => a.inheritedObjectType === GUIDS.user)]);
    expect(noWriteUsers.status).toBe("fail");
    expect(noWriteUsers.message).toContain("Read/write all properties");
  });

  it("accepts GenericAll on the domain subtree as covering every row", () => {
    expect(evaluate([ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "All" })]).status).toBe("pass");
  });

  it("generates a remediation script for the missing grants", () => {
    const script = rule.remediationScript?.(
      exampleContext({ scope: SCOPE_GROUP_PROVISIONING, acl: aclFacts([...CUSTOM_GMSA_ACES]) }),
    );
    expect(script).toContain("CCDC;group");
  });
});

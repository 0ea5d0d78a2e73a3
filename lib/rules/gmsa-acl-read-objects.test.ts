import { describe, expect, it } from "vitest";
import { ace, aclFacts, CUSTOM_GMSA_ACES, DOMAIN_DN, EXAMPLE_DOMAIN, exampleContext, GMSA, without } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-read-objects";

const READ_CLASSES = [GUIDS.device, GUIDS.inetOrgPerson, GUIDS.computer, GUIDS.foreignSecurityPrincipal, GUIDS.user, GUIDS.contact];
const readAces = (identity = GMSA) =>
  READ_CLASSES.map((cls) => ace({ identity, rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: cls }));

describe("gmsa-acl-read-objects", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-read-objects", severity: "blocker", scope: "gmsa-acl" });

  it("names each missing class in its own evidence item", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts(without(readAces(), (a) => a.inheritedObjectType === GUIDS.contact)) }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("Descendant Contact objects");
    const contact = outcome.evidence.find((e) => JSON.stringify(e.actual).includes("Descendant Contact objects"));
    expect(contact).toMatchObject({ fact: "acl.aces", actual: { status: "missing", satisfiedBy: [] } });
    expect(contact?.expected).toContain("contact");
    expect(outcome.evidence.filter((e) => JSON.stringify(e.actual).includes('"status":"present"'))).toHaveLength(5);
  });

  it("accepts msDS-Device in place of the X.500 device class", () => {
    const aces = [
      ...without(readAces(), (a) => a.inheritedObjectType === GUIDS.device),
      ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.msDsDevice }),
    ];
    expect(rule.evaluate(exampleContext({ acl: aclFacts(aces) })).status).toBe("pass");
  });

  it("does not accept a Read grant for another class (organizationalUnit) as device", () => {
    const aces = [
      ...without(readAces(), (a) => a.inheritedObjectType === GUIDS.device),
      ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.organizationalUnit }),
    ];
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts(aces) }));
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("device");
  });

  it("accepts GenericRead to all descendants of every class (covered-by-inheritance)", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts([ace({ rights: AD_RIGHTS.GenericRead, inheritanceType: "Descendents" })]) }));
    expect(outcome.status).toBe("pass");
    expect(JSON.stringify(outcome.evidence)).toContain("covered-by-inheritance");
  });

  it("rejects Read on specific properties only (ObjectType set)", () => {
    const aces = READ_CLASSES.map((cls) =>
      ace({ rights: AD_RIGHTS.ReadProperty, objectType: GUIDS.pwdLastSet, inheritanceType: "Descendents", inheritedObjectType: cls }),
    );
    expect(rule.evaluate(exampleContext({ acl: aclFacts(aces) })).status).toBe("fail");
  });

  it("fails with a one-level note when inheritance is SelfAndChildren", () => {
    const aces = READ_CLASSES.map((cls) => ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Children", inheritedObjectType: cls }));
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts(aces) }));
    expect(outcome.status).toBe("fail");
    expect(JSON.stringify(outcome.evidence)).toContain("reaches only the immediate children");
  });

  it("counts a group grant only with membership data", () => {
    const aces = readAces("CORP\\Sync Readers");
    const noData = rule.evaluate(exampleContext({ acl: aclFacts(aces) }));
    expect(noData.status).toBe("fail");
    expect(noData.message).toContain("CORP\\Sync Readers");
    expect(noData.message).toContain("membership");

    const withData = rule.evaluate(
      exampleContext({ domain: { ...EXAMPLE_DOMAIN, groupMemberships: { [GMSA]: ["CORP\\Sync Readers"] } }, acl: aclFacts(aces) }),
    );
    expect(withData.status).toBe("pass");
    expect(withData.message).toContain("covered by group CORP\\Sync Readers");
  });

  it("matches upper-case, braced GUIDs in the export", () => {
    const aces = readAces().map((a) => ({ ...a, inheritedObjectType: `{${a.inheritedObjectType.toUpperCase()}}` }));
    expect(rule.evaluate(exampleContext({ acl: aclFacts(aces) })).status).toBe("pass");
  });

  it("does not count the same name in another domain", () => {
    expect(rule.evaluate(exampleContext({ acl: aclFacts(readAces("FABRIKAM\\provAgentgMSA$")) })).status).toBe("fail");
  });

  it("matches the gMSA by SID when the export shows unresolved SIDs", () => {
    const sid = EXAMPLE_DOMAIN.gmsa?.sid ?? "";
    expect(rule.evaluate(exampleContext({ acl: aclFacts(readAces(sid)) })).status).toBe("pass");
  });

  it("says in evidence when the export is not of the domain root", () => {
    const outcome = rule.evaluate(exampleContext({ acl: aclFacts(readAces(), { targetDn: `OU=Sync,${DOMAIN_DN}` }) }));
    expect(outcome.evidence).toContainEqual(expect.objectContaining({ fact: "acl.targetDn", actual: `OU=Sync,${DOMAIN_DN}` }));
  });

  it("generates a script only for the missing classes, checking before granting", () => {
    const ctx = exampleContext({ acl: aclFacts(without(CUSTOM_GMSA_ACES, (a) => a.inheritedObjectType === GUIDS.contact)) });
    const script = rule.remediationScript?.(ctx) ?? "";
    expect(script).toContain("Test-GmsaGrant -Rights 16");
    expect(script).toContain(`dsacls "${DOMAIN_DN}" /I:S /G "CORP\\provAgentgMSA$:RP;;contact"`);
    expect(script).toContain("($account + ':RP;;contact')");
    expect(script).not.toContain("RP;;user");
    expect(script.indexOf("Test-GmsaGrant -Rights")).toBeLessThan(script.indexOf("& dsacls.exe"));
    expect(rule.remediationScript?.(exampleContext({ acl: aclFacts(CUSTOM_GMSA_ACES) }))).toBeNull();
  });

  it("generates the full idempotent script when no ACL was exported", () => {
    const script = rule.remediationScript?.(exampleContext({})) ?? "";
    for (const cls of ["device", "inetOrgPerson", "computer", "foreignSecurityPrincipal", "user", "contact"]) {
      expect(script).toContain(`':RP;;${cls}'`);
    }
  });
});

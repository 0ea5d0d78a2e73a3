import { describe, expect, it } from "vitest";
import { AD_RIGHTS, GUIDS, UNRESOLVED_GUID, type Ace } from "@/lib/facts";
import { ace, aclFacts, CUSTOM_GMSA_ACES, EXAMPLE_DOMAIN, exampleContext, INSTALLER_ACES, PHS_ACES, SCOPE_WRITEBACK_ON, WRITEBACK_ACES, without } from "./examples";
import { analyzeAcl } from "./analyze";
import { aceSummary, objectTypeText } from "./describe";
import readObjects from "../gmsa-acl-read-objects";
import writeback from "../gmsa-acl-writeback";
import denyRule from "../gmsa-acl-deny";
import excessRule from "../gmsa-acl-excess";

/** An ACE as the dsacls parser stores one naming a custom schema extension. */
function unresolvedAce(init: Partial<Ace> & Pick<Ace, "rights">, names: { objectType?: string; inheritedObjectType?: string }): Ace {
  return ace({
    ...init,
    ...(names.objectType === undefined ? {} : { objectType: UNRESOLVED_GUID }),
    ...(names.inheritedObjectType === undefined ? {} : { inheritedObjectType: UNRESOLVED_GUID }),
    unresolved: names,
  });
}

const BADGE = { objectType: "contoso-EmployeeBadge" };
const GROUP = "CORP\\Tier1 Service Accounts";
const WITH_GROUP = { ...EXAMPLE_DOMAIN, groupMemberships: { "CORP\\provAgentgMSA$": [GROUP] } };
const isResetPassword = (a: Ace) => a.objectType === GUIDS.resetPassword;

describe("ACEs naming something outside the default schema", () => {
  it("are never read as all properties: an unresolved Read on users does not satisfy Read all properties", () => {
    const badgeRead = unresolvedAce({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }, BADGE);
    const aces = [...without(CUSTOM_GMSA_ACES, (a) => a.inheritedObjectType === GUIDS.user && a.rights === AD_RIGHTS.ReadProperty), badgeRead];
    const analysis = analyzeAcl(aclFacts(aces), EXAMPLE_DOMAIN);
    const readUser = analysis.permissions.find((p) => p.id === "read-user");
    // A specific name can never be "all properties": still missing, and the rule fails.
    expect(readUser?.status).toBe("missing");
    expect(readUser?.unresolvedBy).toEqual([]);
    expect(analysis.unresolvedAces.map((a) => a.summary)).toEqual([
      'Allow CORP\\provAgentgMSA$: ReadProperty on "contoso-EmployeeBadge" (not in the default schema), all descendant user objects',
    ]);
    expect(readObjects.evaluate(exampleContext({ acl: aclFacts(aces) })).status).toBe("fail");
  });

  it("unknown: an unresolved extended right on users could be the missing Reset Password (a localized name)", () => {
    const aces = [
      ...CUSTOM_GMSA_ACES,
      ...without(WRITEBACK_ACES, isResetPassword),
      unresolvedAce({ rights: AD_RIGHTS.ExtendedRight, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }, { objectType: "Kennwort zurücksetzen" }),
    ];
    const outcome = writeback.evaluate(exampleContext({ scope: SCOPE_WRITEBACK_ON, acl: aclFacts(aces) }));
    expect(outcome.status).toBe("unknown");
    if (outcome.status !== "unknown") return;
    expect(outcome.reason.missingFact).toBe("acl.aces[].unresolved");
    expect(outcome.reason.collect).toMatch(/"Kennwort zurücksetzen".*Get-ADObject.*Get-Acl/);
    expect(outcome.message).toMatch(/acl\.aces\[\d+\] \(Allow CORP\\provAgentgMSA\$: ExtendedRight on "Kennwort zurücksetzen"/);
    expect(outcome.message).toContain("Reset Password — Descendant User objects");
  });

  it("fail: a certain miss still fails beside an unresolved ACE that cannot supply it", () => {
    const aces = [
      ...CUSTOM_GMSA_ACES,
      ...without(WRITEBACK_ACES, isResetPassword),
      // This object only: it cannot reach descendant users, whatever its name is.
      unresolvedAce({ rights: AD_RIGHTS.ExtendedRight }, { objectType: "Kennwort zurücksetzen" }),
    ];
    expect(writeback.evaluate(exampleContext({ scope: SCOPE_WRITEBACK_ON, acl: aclFacts(aces) })).status).toBe("fail");
  });

  it("pass: an unresolved Allow changes nothing that is already held", () => {
    const aces = [...CUSTOM_GMSA_ACES, unresolvedAce({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }, BADGE)];
    expect(readObjects.evaluate(exampleContext({ acl: aclFacts(aces) })).status).toBe("pass");
  });

  it("unknown: an unresolved Deny of one of the gMSA's groups could take Read all properties away", () => {
    const deny = unresolvedAce(
      { identity: GROUP, accessType: "deny", rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user },
      BADGE,
    );
    const acl = aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES, deny]);
    const read = readObjects.evaluate(exampleContext({ domain: WITH_GROUP, acl }));
    expect(read.status).toBe("unknown");
    const denied = denyRule.evaluate(exampleContext({ domain: WITH_GROUP, acl }));
    expect(denied.status).toBe("unknown");
    expect(denied.message).toMatch(/name something not in the default schema .*contoso-EmployeeBadge.*Read all properties — Descendant User objects/);
    // The same Deny for a group the gMSA is not in changes nothing.
    expect(readObjects.evaluate(exampleContext({ acl })).status).toBe("pass");
    expect(denyRule.evaluate(exampleContext({ acl })).status).toBe("pass");
  });

  it("fail: a certain Deny still fails the deny rule beside an unresolved one", () => {
    const acl = aclFacts([
      ...CUSTOM_GMSA_ACES,
      ...PHS_ACES,
      unresolvedAce({ accessType: "deny", rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }, BADGE),
      ace({ accessType: "deny", rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChangesAll }),
    ]);
    expect(denyRule.evaluate(exampleContext({ acl })).status).toBe("fail");
  });

  it("an unresolved class after 'Inherited to' reaches no required class and no every-class requirement", () => {
    const fullControl = unresolvedAce({ rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents" }, { inheritedObjectType: "contoso-BadgeReader" });
    const analysis = analyzeAcl(aclFacts([...without(CUSTOM_GMSA_ACES, (a) => a.inheritedObjectType === GUIDS.group), fullControl]), EXAMPLE_DOMAIN);
    const groups = analysis.permissions.find((p) => p.id === "groups-full-control");
    // Missing among the resolved ACEs; the unknown class name could be the group class under a name the data lacks: unknown.
    expect(groups?.status).toBe("unknown");
    expect(groups?.unresolvedBy.map((a) => a.inheritedObjectTypeName)).toEqual(["contoso-BadgeReader"]);
  });

  it("excess: unknown when the grant is excess unless its name is a documented object; pass when allowed whatever it names", () => {
    const writeOnRoot = unresolvedAce({ rights: AD_RIGHTS.WriteProperty }, BADGE);
    const unknownOutcome = excessRule.evaluate(exampleContext({ acl: aclFacts([...INSTALLER_ACES, writeOnRoot]) }));
    expect(unknownOutcome.status).toBe("unknown");
    expect(unknownOutcome.message).toMatch(/contoso-EmployeeBadge/);
    const readOnUsers = unresolvedAce({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }, BADGE);
    expect(excessRule.evaluate(exampleContext({ acl: aclFacts([...INSTALLER_ACES, readOnUsers]) })).status).toBe("pass");
    const generic = ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "All" });
    expect(excessRule.evaluate(exampleContext({ acl: aclFacts([...INSTALLER_ACES, writeOnRoot, generic]) })).status).toBe("fail");
  });
});

describe("evidence names any GUID of the default schema", () => {
  it("names attributes, property sets and validated writes instead of bare GUIDs", () => {
    const userAccountControl = "bf967a68-0de6-11d0-a285-00aa003049e2";
    expect(
      aceSummary(ace({ identity: "CORP\\Helpdesk", rights: AD_RIGHTS.WriteProperty, objectType: userAccountControl, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })),
    ).toBe("Allow CORP\\Helpdesk: WriteProperty on userAccountControl (attribute), all descendant user objects");
    expect(objectTypeText("77b5b886-944a-11d1-aebd-0000f80367c1")).toBe("Personal Information (property set)");
    const spn = "f3a64788-5306-11d1-a9c5-0000f80367c1";
    expect(objectTypeText(spn, AD_RIGHTS.Self)).toBe("Validated write to service principal name (validated write)");
    expect(objectTypeText(spn, AD_RIGHTS.WriteProperty)).toBe("servicePrincipalName (attribute)");
    expect(objectTypeText("bf967aa8-0de6-11d0-a285-00aa003049e2", AD_RIGHTS.CreateChild)).toBe("printQueue (child class)");
  });
});

import { describe, expect, it } from "vitest";
import type { Ace } from "@/lib/facts";
import { ace, aclFacts, EXAMPLE_DOMAIN, exampleContext, GMSA, INSTALLER_ACES } from "./acl/examples";
import { GUIDS, UNRESOLVED_GUID } from "@/lib/facts";
import { EXCHANGE_PUBLIC_FOLDER_CLASS } from "./acl/exchange-schema";
import { AD_RIGHTS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-excess";
import type { RuleOutcome } from "./types";

const evaluate = (extra: Ace[], domain = EXAMPLE_DOMAIN) => rule.evaluate(exampleContext({ domain, acl: aclFacts([...INSTALLER_ACES, ...extra]) }));
const severity = (o: RuleOutcome) => (o.status === "fail" ? (o.severity ?? rule.meta.severity) : null);

describe("gmsa-acl-excess", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-excess", severity: "warning", scope: "gmsa-acl" });

  it.each<[string, Ace]>([
    ["GenericAll on the domain root only", ace({ rights: AD_RIGHTS.GenericAll })],
    ["WriteDacl on the domain root", ace({ rights: AD_RIGHTS.WriteDacl })],
    ["WriteOwner on the domain root", ace({ rights: AD_RIGHTS.WriteOwner })],
    ["Full control on all descendants", ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents" })],
    ["all extended rights on the root", ace({ rights: AD_RIGHTS.ExtendedRight })],
    ["create/delete any child class", ace({ rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, inheritanceType: "All" })],
    ["Full control on descendant users", ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })],
  ])("flags %s as a warning", (_label, extra) => {
    const outcome = evaluate([extra]);
    expect(outcome.status).toBe("fail");
    expect(severity(outcome)).toBe("warning");
  });

  it.each<[string, Ace]>([
    ["Exchange hybrid Read/Write all properties on users", ace({ rights: AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })],
    ["group writeback GRGWCCDCSDDT on groups", ace({ rights: AD_RIGHTS.GenericRead | AD_RIGHTS.GenericWrite | AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild | AD_RIGHTS.Delete | AD_RIGHTS.DeleteTree, inheritanceType: "Descendents", inheritedObjectType: GUIDS.group })],
    ["create/delete groups (UserGroupCreateDelete)", ace({ rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.group, inheritanceType: "All" })],
    ["msDS-KeyCredentialLink on msDS-Device", ace({ rights: AD_RIGHTS.WriteProperty, objectType: GUIDS.msDsKeyCredentialLink, inheritanceType: "Descendents", inheritedObjectType: GUIDS.msDsDevice })],
    ["BasicRead on groups", ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.group })],
  ])("does not flag the installer/ADSyncConfig grant %s", (_label, extra) => {
    expect(evaluate([extra]).status).toBe("pass");
  });

  it("accepts the installer's publicFolder read by GUID and by the name a dsacls export prints", () => {
    const byGuid = ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: EXCHANGE_PUBLIC_FOLDER_CLASS });
    expect(evaluate([byGuid]).status).toBe("pass");
    for (const name of ["publicFolder", "Public-Folder"]) {
      const byName: Ace = { ...byGuid, inheritedObjectType: UNRESOLVED_GUID, unresolved: { inheritedObjectType: name } };
      expect(evaluate([byName]).status).toBe("pass");
    }
  });

  it("still flags rights beyond Read on publicFolder objects, naming the class", () => {
    const outcome = evaluate([
      ace({ rights: AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, inheritanceType: "Descendents", inheritedObjectType: EXCHANGE_PUBLIC_FOLDER_CLASS }),
    ]);
    expect(outcome.status).toBe("fail");
    expect(severity(outcome)).toBe("warning");
    expect(outcome.evidence[0]).toMatchObject({ actual: { excessRights: ["WriteProperty"] } });
    expect(JSON.stringify(outcome.evidence[0])).toContain("publicFolder");
  });

  it("is unknown for another name outside the default schema (not a documented grant's class)", () => {
    const other: Ace = {
      ...ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents" }),
      inheritedObjectType: UNRESOLVED_GUID,
      unresolved: { inheritedObjectType: "contoso-Badge" },
    };
    expect(evaluate([other]).status).toBe("unknown");
  });

  it("grades read-only excess as info", () => {
    const outcome = evaluate([ace({ rights: AD_RIGHTS.GenericRead, inheritanceType: "All" })]);
    expect(outcome.status).toBe("fail");
    expect(severity(outcome)).toBe("info");
  });

  it("names only the excess rights, not the allowed ones", () => {
    // Read/Write all properties on users is allowed (Exchange hybrid); WriteDacl on users is not.
    const outcome = evaluate([ace({ rights: AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty | AD_RIGHTS.WriteDacl, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })]);
    expect(outcome.evidence[0]).toMatchObject({ actual: { excessRights: ["WriteDacl"], risk: "high" } });
  });

  it("flags privileged group membership but not broad groups", () => {
    const domain = { ...EXAMPLE_DOMAIN, groupMemberships: { [GMSA]: ["CORP\\Domain Computers", "NT AUTHORITY\\Authenticated Users"] } };
    expect(evaluate([ace({ identity: "NT AUTHORITY\\Authenticated Users", rights: AD_RIGHTS.GenericRead })], domain).status).toBe("pass");
    const admins = { ...EXAMPLE_DOMAIN, groupMemberships: { [GMSA]: ["CORP\\Enterprise Admins"] } };
    const outcome = evaluate([], admins);
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toContain("through membership of CORP\\Enterprise Admins");
  });

  it("scripts removal of a direct excess ACE and re-grants the documented set", () => {
    const ctx = exampleContext({ acl: aclFacts([...INSTALLER_ACES, ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "All" })]) });
    const script = rule.remediationScript?.(ctx) ?? "";
    expect(script).toContain("[int]$_.ActiveDirectoryRights -eq 983551");
    expect(script).toContain("[string]$_.InheritanceType -eq 'All'");
    expect(script).toContain("RemoveAccessRuleSpecific");
    expect(script).toContain("':GA;;group'");
    expect(script.indexOf("RemoveAccessRuleSpecific")).toBeLessThan(script.indexOf("Test-GmsaGrant -Rights 983551"));
    expect(rule.remediationScript?.(exampleContext({ acl: aclFacts(INSTALLER_ACES) }))).toBeNull();
  });
});

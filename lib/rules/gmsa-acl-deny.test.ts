import { describe, expect, it } from "vitest";
import type { Ace, ScopeFacts } from "@/lib/facts";
import { ace, aclFacts, CUSTOM_GMSA_ACES, EXAMPLE_DOMAIN, exampleContext, GMSA, INSTALLER_ACES, PHS_ACES, SCOPE_PHS_OFF, SCOPE_WRITEBACK_ON } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";
import { describeAclRuleContract } from "./testing/acl-kit";
import rule from "./gmsa-acl-deny";

const deny = (init: Partial<Ace> & Pick<Ace, "rights">) => ace({ accessType: "deny", ...init });
const evaluate = (extra: Ace[], scope?: ScopeFacts, domain = EXAMPLE_DOMAIN) =>
  rule.evaluate(exampleContext({ domain, scope, acl: aclFacts([...INSTALLER_ACES, ...extra]) }));

describe("gmsa-acl-deny", () => {
  describeAclRuleContract(rule, { id: "gmsa-acl-deny", severity: "blocker", scope: "gmsa-acl" });

  it("marks a deny of one property out of 'all properties' as partial", () => {
    const outcome = evaluate([deny({ rights: AD_RIGHTS.ReadProperty, objectType: GUIDS.pwdLastSet, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })]);
    expect(outcome.status).toBe("fail");
    expect(JSON.stringify(outcome.evidence)).toContain("Descendant User objects (partly)");
  });

  it("points evidence at the deny ACE", () => {
    const outcome = evaluate([deny({ rights: AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritanceType: "All" })]);
    expect(outcome.status).toBe("fail");
    const index = aclFacts(INSTALLER_ACES).aces?.length ?? 0;
    expect(outcome.evidence[0]).toMatchObject({ fact: `acl.aces[${index}]` });
  });

  it("checks password hash sync rights only when password hash sync applies", () => {
    const replDeny = deny({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChanges });
    expect(evaluate([replDeny]).status).toBe("fail");
    expect(evaluate([replDeny], SCOPE_PHS_OFF).status).toBe("pass");
  });

  it("checks writeback rights only when writeback is on", () => {
    const resetDeny = deny({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.resetPassword, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user });
    expect(evaluate([resetDeny]).status).toBe("pass");
    expect(evaluate([resetDeny], SCOPE_WRITEBACK_ON).status).toBe("fail");
  });

  it("ignores denies for other principals and group denies without membership data", () => {
    const other = deny({ identity: "CORP\\Helpdesk", rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user });
    expect(evaluate([other]).status).toBe("pass");
    const groupDeny = deny({ identity: "CORP\\Blocked", rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user });
    expect(evaluate([groupDeny]).status).toBe("pass");
    expect(evaluate([groupDeny], undefined, { ...EXAMPLE_DOMAIN, groupMemberships: { [GMSA]: ["CORP\\Blocked"] } }).status).toBe("fail");
  });

  it("ignores a deny for a class the permission does not cover", () => {
    expect(evaluate([deny({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.organizationalUnit })]).status).toBe("pass");
  });

  it("an inherited deny loses to the explicit allow canonical order puts first, and says so in evidence", () => {
    const outcome = evaluate([deny({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.contact, isInherited: true })]);
    expect(outcome.status).toBe("pass");
    expect(JSON.stringify(outcome.evidence)).toContain("an Allow evaluated first grants Read all properties");
    expect((rule.meta.notes ?? []).join(" ")).toContain("canonical order");
  });

  it("an explicit deny wins over an explicit allow when the export lost the DACL's order", () => {
    const outcome = evaluate([deny({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.contact })]);
    expect(outcome.status).toBe("fail");
    if (outcome.status === "fail") expect(outcome.severity).toBeUndefined();
  });

  it("honours the DACL's order when the export keeps it: a deny after the allow takes nothing, one before it does", () => {
    const denyContacts = deny({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.contact });
    const after = rule.evaluate(exampleContext({ acl: { ...aclFacts([...INSTALLER_ACES, denyContacts]), aclOrdered: true } }));
    expect(after.status).toBe("pass");
    const before = rule.evaluate(exampleContext({ acl: { ...aclFacts([denyContacts, ...INSTALLER_ACES]), aclOrdered: true } }));
    expect(before.status).toBe("fail");
  });

  it("a partial deny (one property out of all) is a warning, a whole one a blocker", () => {
    const partial = evaluate([deny({ rights: AD_RIGHTS.ReadProperty, objectType: GUIDS.pwdLastSet, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })]);
    expect(partial.status).toBe("fail");
    if (partial.status === "fail") expect(partial.severity).toBe("warning");
    expect(partial.message).toContain("part of required permissions");
    const whole = evaluate([deny({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })]);
    expect(whole.status).toBe("fail");
    if (whole.status === "fail") expect(whole.severity).toBeUndefined();
  });

  it("a deny to Everyone or Authenticated Users reaches the gMSA without membership data", () => {
    for (const identity of ["Everyone", "NT AUTHORITY\\Authenticated Users", "S-1-5-15"]) {
      const outcome = evaluate([deny({ identity, rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })]);
      expect(outcome.status, identity).toBe("fail");
    }
  });

  it("'protect from accidental deletion' (Deny Everyone: delete all child objects, this object only) is harmless", () => {
    const guard = deny({ identity: "Everyone", rights: AD_RIGHTS.DeleteChild, inheritanceType: "None" });
    const outcome = evaluate([guard]);
    expect(outcome.status).toBe("pass");
    expect(JSON.stringify(outcome.evidence)).toContain("Protect object from accidental deletion");
    // The same deny reaching descendants is not that pattern.
    const reaching = evaluate([deny({ identity: "Everyone", rights: AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritanceType: "All" })]);
    expect(reaching.status).toBe("fail");
  });

  it("scripts removal of the deny, then re-grants what it cancelled", () => {
    const ctx = exampleContext({
      acl: aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES, deny({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })]),
    });
    const script = rule.remediationScript?.(ctx) ?? "";
    expect(script).toContain("RemoveAccessRuleSpecific");
    expect(script).toContain("[string]$_.AccessControlType -eq 'Deny'");
    expect(script).toContain("$_.InheritedObjectType -eq [guid]'bf967aba-0de6-11d0-a285-00aa003049e2'");
    expect(script).toContain("($account + ':RP;;user')");
    expect(script.indexOf("Set-Acl")).toBeLessThan(script.indexOf("& dsacls.exe"));
    expect(rule.remediationScript?.(exampleContext({ acl: aclFacts(INSTALLER_ACES) }))).toBeNull();
  });

  it("does not script changes to a group's deny, only explains", () => {
    const domain = { ...EXAMPLE_DOMAIN, groupMemberships: { [GMSA]: ["CORP\\Blocked"] } };
    const ctx = exampleContext({
      domain,
      acl: aclFacts([...INSTALLER_ACES, deny({ identity: "CORP\\Blocked", rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user })]),
    });
    const script = rule.remediationScript?.(ctx) ?? "";
    expect(script).toContain("# Not changed here");
    expect(script).toContain("CORP\\Blocked");
    expect(script).not.toContain("RemoveAccessRuleSpecific");
  });
});

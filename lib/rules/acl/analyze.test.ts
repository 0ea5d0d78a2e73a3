import { describe, expect, it } from "vitest";
import type { Ace, DomainFacts } from "@/lib/facts";
import { analyzeAcl, type AclAnalysis, type PermissionStatus } from "./analyze";
import { ace, aclFacts, CUSTOM_GMSA_ACES, DOMAIN_DN, EXAMPLE_DOMAIN, EXCHANGE_HYBRID_ACES, GMSA, GMSA_SID, GROUP_PROVISIONING_ACES, INSTALLER_ACES, PHS_ACES, WRITEBACK_ACES } from "./examples";
import { GUIDS } from "@/lib/facts";
import { REQUIRED_PERMISSIONS } from "./required";
import { AD_RIGHTS } from "@/lib/facts";

const statusOf = (analysis: AclAnalysis, id: string): PermissionStatus | undefined => analysis.permissions.find((p) => p.id === id)?.status;
const analyze = (aces: Ace[], domain: DomainFacts = EXAMPLE_DOMAIN) => analyzeAcl(aclFacts(aces), domain);
const readUsers = (init: Partial<Ace> = {}) => ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user, ...init });

describe("analyzeAcl", () => {
  it("reports every documented permission as present for the installer's grants", () => {
    // The installer's ALL set includes UserGroupCreateDelete and the Exchange hybrid rights (§3.2).
    const analysis = analyze([...INSTALLER_ACES, ...GROUP_PROVISIONING_ACES, ...EXCHANGE_HYBRID_ACES]);
    expect(analysis.permissions.map((p) => p.id)).toEqual(REQUIRED_PERMISSIONS.map((p) => p.id));
    expect(analysis.permissions.every((p) => p.status === "present")).toBe(true);
    expect(analysis.excess).toEqual([]);
    expect(analysis.denies).toEqual([]);
    expect(analysis.targetIsDomainRoot).toBe(true);
  });

  it("returns plain JSON (the UI table reads it as is)", () => {
    const analysis = analyze([...CUSTOM_GMSA_ACES, ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "All" }), readUsers({ accessType: "deny" })]);
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis);
  });

  describe("statuses", () => {
    it("present: explicit ACE of the documented shape", () => {
      expect(statusOf(analyze([readUsers()]), "read-user")).toBe("present");
    });
    it("covered-by-inheritance: inherited ACE", () => {
      expect(statusOf(analyze([readUsers({ isInherited: true })]), "read-user")).toBe("covered-by-inheritance");
    });
    it("covered-by-inheritance: broader ACE (every class, or All instead of Descendents)", () => {
      expect(statusOf(analyze([readUsers({ inheritedObjectType: "00000000-0000-0000-0000-000000000000" })]), "read-user")).toBe("covered-by-inheritance");
      expect(statusOf(analyze([readUsers({ inheritanceType: "All" })]), "read-user")).toBe("covered-by-inheritance");
    });
    it("prefers the exact ACE when both exist", () => {
      const analysis = analyze([ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "All" }), readUsers()]);
      expect(statusOf(analysis, "read-user")).toBe("present");
      expect(analysis.permissions.find((p) => p.id === "read-user")?.satisfiedBy.map((a) => a.rightsNames)).toEqual([["ReadProperty"]]);
    });
    it("covered-by-group: only through a group, with membership data", () => {
      const domain = { ...EXAMPLE_DOMAIN, groupMemberships: { [GMSA]: ["CORP\\Sync Readers"] } };
      const analysis = analyze([readUsers({ identity: "CORP\\Sync Readers" })], domain);
      const finding = analysis.permissions.find((p) => p.id === "read-user");
      expect(finding?.status).toBe("covered-by-group");
      expect(finding?.satisfiedBy[0].via).toEqual(["CORP\\Sync Readers"]);
      expect(analysis.membership.groups).toEqual([{ name: "CORP\\Sync Readers", via: ["CORP\\Sync Readers"] }]);
    });
    it("missing: group grant without membership data, with a hint", () => {
      const analysis = analyze([readUsers({ identity: "CORP\\Sync Readers" })]);
      const finding = analysis.permissions.find((p) => p.id === "read-user");
      expect(finding?.status).toBe("missing");
      expect(finding?.unverifiedGroupGrants).toEqual(["CORP\\Sync Readers"]);
      expect(analysis.warnings.join(" ")).toContain("No group membership data");
    });
    it("missing: no hint for privileged or built-in groups", () => {
      const analysis = analyze([]);
      expect(analysis.permissions.every((p) => p.unverifiedGroupGrants.length === 0)).toBe(true);
    });
    it("denied: a deny cancels an allow, and is listed", () => {
      const analysis = analyze([readUsers(), readUsers({ accessType: "deny" })]);
      expect(statusOf(analysis, "read-user")).toBe("denied");
      expect(analysis.denies).toHaveLength(1);
      expect(analysis.denies[0].cancels).toEqual([
        { permissionId: "read-user", label: "Read all properties — Descendant User objects", partial: false },
        // The read half of the optional features' Read/write all properties on users.
        { permissionId: "gpad-read-write-users", label: "Read/write all properties — Descendant User objects", partial: true },
        { permissionId: "exchange-hybrid-user", label: "Read/write all properties — Descendant User objects", partial: true },
      ]);
      expect(analysis.permissions.find((p) => p.id === "read-user")?.deniedPartly).toBe(false);
      expect(analysis.warnings.join(" ")).toContain("does not keep the DACL's order");
    });
    it("an Allow to Everyone or Authenticated Users is the gMSA's own (every token holds them)", () => {
      const analysis = analyze([readUsers({ identity: "NT AUTHORITY\\Authenticated Users" })]);
      const finding = analysis.permissions.find((p) => p.id === "read-user");
      expect(finding?.status).toBe("covered-by-group");
      expect(finding?.satisfiedBy[0].via?.[0]).toContain("in every domain account's token");
      expect(analysis.excess).toHaveLength(0);
    });
    it("ordered export: a Deny listed after the Allow is outranked; listed before, it cancels", () => {
      const after = analyzeAcl({ ...aclFacts([readUsers(), readUsers({ accessType: "deny" })]), aclOrdered: true }, EXAMPLE_DOMAIN);
      expect(statusOf(after, "read-user")).toBe("present");
      expect(after.denies[0].outranked.map((c) => c.permissionId)).toEqual(["read-user", "gpad-read-write-users", "exchange-hybrid-user"]);
      expect(after.warnings.join(" ")).not.toContain("DACL's order");
      const before = analyzeAcl({ ...aclFacts([readUsers({ accessType: "deny" }), readUsers()]), aclOrdered: true }, EXAMPLE_DOMAIN);
      expect(statusOf(before, "read-user")).toBe("denied");
    });
    it("this-and-descendants takes the worse of its two parts", () => {
      const ccdc = AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild;
      const domain = { ...EXAMPLE_DOMAIN, groupMemberships: { [GMSA]: ["CORP\\Creators"] } };
      const analysis = analyze(
        [ace({ rights: ccdc, objectType: GUIDS.user }), ace({ identity: "CORP\\Creators", rights: ccdc, objectType: GUIDS.user, inheritanceType: "Descendents" })],
        domain,
      );
      expect(statusOf(analysis, "create-delete-users")).toBe("covered-by-group");
    });
  });

  it("matches GUIDs in any casing", () => {
    const upper = readUsers({ inheritedObjectType: GUIDS.user.toUpperCase() });
    const braced = ace({ rights: AD_RIGHTS.ExtendedRight, objectType: `{${GUIDS.replicatingDirectoryChanges.toUpperCase()}}` });
    const analysis = analyze([upper, braced]);
    expect(statusOf(analysis, "read-user")).toBe("present");
    expect(statusOf(analysis, "phs-replicating-directory-changes")).toBe("present");
  });

  it("matches unresolved SIDs to the gMSA through domain.gmsa.sid", () => {
    expect(statusOf(analyze([readUsers({ identity: GMSA_SID })]), "read-user")).toBe("present");
    expect(analyze([]).accountSid).toBe(GMSA_SID);
  });

  it("does not take domain.gmsa.sid for a different account", () => {
    const analysis = analyzeAcl(aclFacts([readUsers({ identity: GMSA_SID })], { account: "CORP\\otherAgent$" }), EXAMPLE_DOMAIN);
    expect(analysis.accountSid).toBeNull();
    expect(statusOf(analysis, "read-user")).toBe("missing");
  });

  it("falls back to domain.gmsa when the export names no account", () => {
    const analysis = analyzeAcl(aclFacts([readUsers()], { account: undefined }), EXAMPLE_DOMAIN);
    expect(analysis.account).toBe("CORP\\provAgentgMSA$");
    expect(analysis.accountSource).toBe("domain.gmsa");
    expect(statusOf(analysis, "read-user")).toBe("present");
  });

  it("flags an export that is not of the domain root", () => {
    const analysis = analyzeAcl(aclFacts([], { targetDn: `OU=Sync, ${DOMAIN_DN}` }), EXAMPLE_DOMAIN);
    expect(analysis.targetIsDomainRoot).toBe(false);
    expect(analysis.warnings[0]).toContain("not the domain root");
    expect(analyzeAcl(aclFacts([], { targetDn: "dc=CORP, dc=contoso,dc=com" }), EXAMPLE_DOMAIN).targetIsDomainRoot).toBe(true);
    expect(analyzeAcl(aclFacts([], { targetDn: "DC=fabrikam,DC=com" })).targetIsDomainRoot).toBe(true);
    expect(analyzeAcl(aclFacts([], { targetDn: "OU=x,DC=fabrikam,DC=com" })).targetIsDomainRoot).toBe(false);
  });

  it("notes one-level inheritance as a near miss", () => {
    const finding = analyze([readUsers({ inheritanceType: "SelfAndChildren" })]).permissions.find((p) => p.id === "read-user");
    expect(finding?.status).toBe("missing");
    expect(finding?.notes.join(" ")).toContain("immediate children");
  });

  describe("excess", () => {
    it("flags GenericAll/WriteDacl/WriteOwner on the root as high risk, naming only the extra rights", () => {
      const analysis = analyze([
        ...INSTALLER_ACES,
        ace({ rights: AD_RIGHTS.GenericAll }),
        ace({ rights: AD_RIGHTS.ExtendedRight | AD_RIGHTS.WriteDacl | AD_RIGHTS.WriteOwner, objectType: GUIDS.replicatingDirectoryChangesAll }),
      ]);
      expect(analysis.excess).toHaveLength(2);
      expect(analysis.excess[0]).toMatchObject({ risk: "high", excessRightsNames: ["GenericAll"] });
      expect(analysis.excess[0].reason).toContain("the target object itself");
      // Replicating Directory Changes All is documented; WriteDacl and WriteOwner are not.
      expect(analysis.excess[1]).toMatchObject({ risk: "high", excessRightsNames: ["WriteDacl", "WriteOwner"] });
    });
    it("accepts the installer's optional sets (Exchange hybrid, group writeback)", () => {
      const analysis = analyze([
        ...INSTALLER_ACES,
        ace({ rights: AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.contact }),
        ace({ rights: AD_RIGHTS.GenericRead | AD_RIGHTS.GenericWrite | AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild | AD_RIGHTS.Delete | AD_RIGHTS.DeleteTree, inheritanceType: "Descendents", inheritedObjectType: GUIDS.group }),
      ]);
      expect(analysis.excess).toEqual([]);
    });
    it("grades read-only extras low", () => {
      const analysis = analyze([ace({ rights: AD_RIGHTS.GenericRead })]);
      expect(analysis.excess[0]).toMatchObject({ risk: "low", excessRightsNames: ["GenericRead"] });
    });
    it("reports rights the gMSA gets through privileged groups", () => {
      const analysis = analyze([], { ...EXAMPLE_DOMAIN, groupMemberships: { [GMSA]: ["CORP\\Domain Admins"] } });
      expect(analysis.excess[0].ace.via).toEqual(["CORP\\Domain Admins"]);
    });
  });

  it("skips malformed ACEs, warns, and still analyses the rest", () => {
    const analysis = analyzeAcl({ ...aclFacts([readUsers()]), aces: [{} as never, readUsers()] }, EXAMPLE_DOMAIN);
    expect(analysis.skippedAces).toHaveLength(1);
    expect(analysis.aceCount).toBe(2);
    expect(statusOf(analysis, "read-user")).toBe("present");
    expect(analysis.permissions.find((p) => p.id === "read-user")?.satisfiedBy[0].index).toBe(1);
    expect(analysis.warnings.join(" ")).toContain("could not be read");
  });

  it("never throws without facts", () => {
    const analysis = analyzeAcl(undefined);
    expect(analysis.account).toBeNull();
    expect(analysis.permissions.every((p) => p.status === "missing")).toBe(true);
    expect(analyzeAcl(42 as never, "x" as never).aceCount).toBe(0);
  });

  it("keeps PHS and writeback findings for the UI", () => {
    const analysis = analyze([...PHS_ACES, ...WRITEBACK_ACES]);
    expect(analysis.permissions.filter((p) => p.set === "password-hash-sync").every((p) => p.status === "present")).toBe(true);
    expect(analysis.permissions.filter((p) => p.set === "password-writeback").every((p) => p.status === "present")).toBe(true);
    expect(analysis.permissions.filter((p) => p.set === "custom-gmsa").every((p) => p.status === "missing")).toBe(true);
  });
});

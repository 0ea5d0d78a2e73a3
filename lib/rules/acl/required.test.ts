import { describe, expect, it } from "vitest";
import { EMPTY_GUID } from "@/lib/facts";
import { GUIDS } from "@/lib/facts";
import { ALLOWED_GRANTS, CUSTOM_GMSA_PERMISSIONS, PHS_PERMISSIONS, REQUIRED_PERMISSIONS, WRITEBACK_PERMISSIONS } from "./required";
import { AD_RIGHTS } from "@/lib/facts";

describe("required permissions (reference §3.1, §3.2, §3.5)", () => {
  it("encodes the eight rows of the custom gMSA table in order", () => {
    expect(CUSTOM_GMSA_PERMISSIONS.map((p) => `${p.access} | ${p.appliesTo}`)).toEqual([
      "Read all properties | Descendant device objects",
      "Read all properties | Descendant InetOrgPerson objects",
      "Read all properties | Descendant Computer objects",
      "Read all properties | Descendant foreignSecurityPrincipal objects",
      "Full control | Descendant Group objects",
      "Read all properties | Descendant User objects",
      "Read all properties | Descendant Contact objects",
      "Create/delete User objects | This object and all descendant objects",
    ]);
  });

  it("follows the §3.5 mapping", () => {
    const byId = new Map(REQUIRED_PERMISSIONS.map((p) => [p.id, p]));
    expect(byId.get("read-user")).toMatchObject({ rights: AD_RIGHTS.ReadProperty, objectType: EMPTY_GUID, inheritedObjectType: GUIDS.user, documentedInheritance: "Descendents" });
    expect(byId.get("groups-full-control")).toMatchObject({ rights: 983551, inheritedObjectType: GUIDS.group, documentedInheritance: "Descendents" });
    expect(byId.get("create-delete-users")).toMatchObject({ rights: 3, objectType: GUIDS.user, inheritedObjectType: EMPTY_GUID, documentedInheritance: "All" });
    expect(byId.get("writeback-reset-password")).toMatchObject({ rights: 0x100, objectType: GUIDS.resetPassword, inheritedObjectType: GUIDS.user });
    expect(byId.get("writeback-unexpire-password")).toMatchObject({ objectType: GUIDS.unexpirePassword, applies: "this-object" });
    expect(PHS_PERMISSIONS.map((p) => p.objectType)).toEqual([GUIDS.replicatingDirectoryChanges, GUIDS.replicatingDirectoryChangesAll]);
    expect(WRITEBACK_PERMISSIONS).toHaveLength(4);
  });

  it("has unique ids", () => {
    expect(new Set(REQUIRED_PERMISSIONS.map((p) => p.id)).size).toBe(REQUIRED_PERMISSIONS.length);
    expect(new Set(ALLOWED_GRANTS.map((g) => g.id)).size).toBe(ALLOWED_GRANTS.length);
  });

  it("allows nothing on the domain root beyond the two replication rights and Unexpire Password", () => {
    const rootGrants = ALLOWED_GRANTS.filter((g) => g.inheritanceType === "None" || (g.inheritanceType === "All" && g.inheritedObjectType === EMPTY_GUID));
    for (const g of rootGrants) {
      expect(g.rights & (AD_RIGHTS.WriteDacl | AD_RIGHTS.WriteOwner)).toBe(0);
      expect(g.objectType).not.toBe(EMPTY_GUID);
    }
  });
});

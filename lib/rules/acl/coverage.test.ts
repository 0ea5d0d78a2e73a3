import { describe, expect, it } from "vitest";
import { EMPTY_GUID, type InheritanceType } from "@/lib/facts";
import { aceCovers, denyEffect, isBroaderThanDocumented, objectTypeCovers, reachOf, unionCoverage, type GrantShape, type PermissionShape } from "./coverage";
import { GUIDS } from "@/lib/facts";
import { AD_RIGHTS } from "@/lib/facts";

const grant = (init: Partial<GrantShape>): GrantShape => ({
  rights: AD_RIGHTS.ReadProperty,
  objectType: EMPTY_GUID,
  inheritedObjectType: EMPTY_GUID,
  inheritanceType: "None",
  ...init,
});

const readUsers: PermissionShape = { rights: AD_RIGHTS.ReadProperty, objectType: EMPTY_GUID, inheritedObjectType: GUIDS.user, applies: "descendants" };
const readEveryClass: PermissionShape = { ...readUsers, inheritedObjectType: EMPTY_GUID };
const onRoot: PermissionShape = { rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChanges, inheritedObjectType: EMPTY_GUID, applies: "this-object" };

describe("inheritance coverage table", () => {
  // [inheritanceType, this object, all descendants]
  const table: [InheritanceType, "full" | "none", "full" | "one-level" | "none"][] = [
    ["None", "full", "none"],
    ["All", "full", "full"],
    ["Descendents", "none", "full"],
    ["SelfAndChildren", "full", "one-level"],
    ["Children", "none", "one-level"],
  ];
  it.each(table)("%s: this object %s, descendants %s", (inheritanceType, self, descendants) => {
    expect(reachOf(grant({ inheritanceType }), "this-object", onRoot)).toBe(self);
    expect(reachOf(grant({ inheritanceType }), "descendants", readUsers)).toBe(descendants);
  });

  it("SelfAndChildren does not cover all descendants, All does", () => {
    expect(aceCovers(grant({ inheritanceType: "SelfAndChildren" }), readUsers, "descendants")).toBe(false);
    expect(aceCovers(grant({ inheritanceType: "All" }), readUsers, "descendants")).toBe(true);
  });
});

describe("inherited object type", () => {
  it("EMPTY reaches every class; class X reaches only X", () => {
    expect(reachOf(grant({ inheritanceType: "Descendents" }), "descendants", readUsers)).toBe("full");
    expect(reachOf(grant({ inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }), "descendants", readUsers)).toBe("full");
    expect(reachOf(grant({ inheritanceType: "Descendents", inheritedObjectType: GUIDS.group }), "descendants", readUsers)).toBe("none");
  });
  it("a class-restricted ACE does not cover 'every class'", () => {
    expect(reachOf(grant({ inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }), "descendants", readEveryClass)).toBe("none");
  });
  it("a class-restricted ACE never applies to the object itself", () => {
    expect(reachOf(grant({ inheritanceType: "All", inheritedObjectType: GUIDS.user }), "this-object", onRoot)).toBe("none");
  });
  it("alternative classes are accepted", () => {
    const device: PermissionShape = { ...readUsers, inheritedObjectType: GUIDS.device, alternativeInheritedObjectTypes: [GUIDS.msDsDevice] };
    expect(reachOf(grant({ inheritanceType: "Descendents", inheritedObjectType: GUIDS.msDsDevice }), "descendants", device)).toBe("full");
  });
});

describe("object type", () => {
  it("EMPTY covers everything; a specific GUID only itself (or its property set members)", () => {
    expect(objectTypeCovers(EMPTY_GUID, GUIDS.resetPassword)).toBe(true);
    expect(objectTypeCovers(GUIDS.resetPassword, GUIDS.resetPassword)).toBe(true);
    expect(objectTypeCovers(GUIDS.changePassword, GUIDS.resetPassword)).toBe(false);
    expect(objectTypeCovers(GUIDS.pwdLastSet, EMPTY_GUID)).toBe(false);
    expect(objectTypeCovers(GUIDS.accountRestrictions, GUIDS.pwdLastSet)).toBe(true);
  });
  it("a specific child class covers CreateChild for that class only", () => {
    const createUsers: PermissionShape = { rights: AD_RIGHTS.CreateChild, objectType: GUIDS.user, inheritedObjectType: EMPTY_GUID, applies: "this-object" };
    expect(aceCovers(grant({ rights: AD_RIGHTS.CreateChild, objectType: GUIDS.user }), createUsers, "this-object")).toBe(true);
    expect(aceCovers(grant({ rights: AD_RIGHTS.CreateChild, objectType: GUIDS.group }), createUsers, "this-object")).toBe(false);
    expect(aceCovers(grant({ rights: AD_RIGHTS.GenericAll }), createUsers, "this-object")).toBe(true);
  });
  it("GenericRead and GenericAll cover Read all properties", () => {
    expect(aceCovers(grant({ rights: AD_RIGHTS.GenericRead, inheritanceType: "Descendents" }), readUsers, "descendants")).toBe(true);
    expect(aceCovers(grant({ rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents" }), readUsers, "descendants")).toBe(true);
    expect(aceCovers(grant({ rights: AD_RIGHTS.GenericWrite, inheritanceType: "Descendents" }), readUsers, "descendants")).toBe(false);
  });
});

describe("unionCoverage", () => {
  const ccdc: PermissionShape = { rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritedObjectType: EMPTY_GUID, applies: "this-and-descendants" };
  it("combines rights from several ACEs", () => {
    const a = grant({ rights: AD_RIGHTS.CreateChild, objectType: GUIDS.user, inheritanceType: "All" });
    const b = grant({ rights: AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritanceType: "All" });
    const noise = grant({ rights: AD_RIGHTS.CreateChild, objectType: GUIDS.user, inheritanceType: "All" });
    const result = unionCoverage([a, noise, b], ccdc, "descendants");
    expect(result.covered).toBe(true);
    expect(result.contributing).toHaveLength(2);
  });
  it("reports the missing bits", () => {
    const result = unionCoverage([grant({ rights: AD_RIGHTS.CreateChild, objectType: GUIDS.user, inheritanceType: "All" })], ccdc, "this-object");
    expect(result).toMatchObject({ covered: false, contributing: [], missingRights: AD_RIGHTS.DeleteChild });
  });
});

describe("isBroaderThanDocumented", () => {
  it("flags every-class ACEs and ACEs that also hit the object", () => {
    expect(isBroaderThanDocumented(grant({ inheritanceType: "Descendents" }), "descendants", readUsers)).toBe(true);
    expect(isBroaderThanDocumented(grant({ inheritanceType: "All", inheritedObjectType: GUIDS.user }), "descendants", readUsers)).toBe(true);
    expect(isBroaderThanDocumented(grant({ inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }), "descendants", readUsers)).toBe(false);
    expect(isBroaderThanDocumented(grant({ inheritanceType: "All" }), "this-object", onRoot)).toBe(true);
    expect(isBroaderThanDocumented(grant({ inheritanceType: "None" }), "this-object", onRoot)).toBe(false);
  });
});

describe("denyEffect", () => {
  it("cancels fully on an exact match", () => {
    expect(denyEffect(grant({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }), readUsers, "descendants")).toEqual({ cancels: true, partial: false });
  });
  it("cancels partly for one property out of all, one right out of several, or one level", () => {
    expect(denyEffect(grant({ objectType: GUIDS.pwdLastSet, inheritanceType: "Descendents" }), readUsers, "descendants")).toEqual({ cancels: true, partial: true });
    const fullControl: PermissionShape = { ...readUsers, rights: AD_RIGHTS.GenericAll, inheritedObjectType: GUIDS.group };
    expect(denyEffect(grant({ rights: AD_RIGHTS.WriteDacl, inheritanceType: "Descendents" }), fullControl, "descendants")).toEqual({ cancels: true, partial: true });
    expect(denyEffect(grant({ inheritanceType: "Children" }), readUsers, "descendants")).toEqual({ cancels: true, partial: true });
  });
  it("does not cancel other rights, classes, properties or reach", () => {
    expect(denyEffect(grant({ rights: AD_RIGHTS.WriteProperty, inheritanceType: "Descendents" }), readUsers, "descendants").cancels).toBe(false);
    expect(denyEffect(grant({ inheritanceType: "Descendents", inheritedObjectType: GUIDS.computer }), readUsers, "descendants").cancels).toBe(false);
    expect(denyEffect(grant({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.changePassword }), onRoot, "this-object").cancels).toBe(false);
    expect(denyEffect(grant({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChanges, inheritanceType: "Descendents" }), onRoot, "this-object").cancels).toBe(false);
    expect(denyEffect(grant({ inheritanceType: "None" }), readUsers, "descendants").cancels).toBe(false);
  });
});

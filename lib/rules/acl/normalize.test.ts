import { describe, expect, it } from "vitest";
import { EMPTY_GUID, UNRESOLVED_GUID } from "@/lib/facts";
import { GUIDS } from "@/lib/facts";
import { normalizeAces } from "./normalize";

const base = {
  identity: "CORP\\provAgentgMSA$",
  rights: 16,
  accessType: "allow",
  objectType: EMPTY_GUID,
  inheritedObjectType: GUIDS.user,
  inheritanceType: "Descendents",
  isInherited: false,
};

describe("normalizeAces", () => {
  it("keeps well-formed ACEs with their index", () => {
    const { aces, skipped } = normalizeAces([base]);
    expect(skipped).toEqual([]);
    expect(aces).toEqual([{ index: 0, ...base }]);
  });

  it("accepts the shapes exporters produce: string rights, enum numbers, braces, nested IdentityReference", () => {
    const { aces } = normalizeAces([
      {
        identity: { Value: "CORP\\provAgentgMSA$" },
        rights: "ReadProperty, WriteProperty",
        accessType: 1,
        objectType: "{00000000-0000-0000-0000-000000000000}",
        inheritedObjectType: "BF967ABA-0DE6-11D0-A285-00AA003049E2",
        inheritanceType: 2,
        isInherited: "True",
      },
    ]);
    expect(aces[0]).toMatchObject({ identity: "CORP\\provAgentgMSA$", rights: 0x30, accessType: "deny", inheritedObjectType: GUIDS.user, inheritanceType: "Descendents", isInherited: true });
  });

  it("skips unusable ACEs with a reason instead of throwing", () => {
    const { aces, skipped } = normalizeAces([{}, null, "x", { ...base, objectType: undefined }, { ...base, rights: -1 }, { ...base, inheritanceType: "Sideways" }]);
    expect(aces).toEqual([]);
    expect(skipped.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(skipped[0].reason).toContain("identity");
    expect(skipped[3].reason).toContain("objectType");
  });

  it("reports a non-list", () => {
    expect(normalizeAces("nope").skipped).toEqual([{ index: -1, reason: "acl.aces is not a list" }]);
    expect(normalizeAces(undefined)).toEqual({ aces: [], skipped: [], unresolved: [] });
  });

  it("sets ACEs naming something outside the default schema apart, never as all properties or every class", () => {
    const named = { ...base, objectType: UNRESOLVED_GUID, unresolved: { objectType: "contoso-EmployeeBadge" } };
    // A name without the placeholder GUID (a hand-edited export) is still unresolved: the GUID is replaced.
    const tampered = { ...base, objectType: EMPTY_GUID, inheritedObjectType: EMPTY_GUID, unresolved: { inheritedObjectType: "contoso-BadgeReader" } };
    // The placeholder without a name still marks it.
    const bare = { ...base, inheritedObjectType: UNRESOLVED_GUID };
    const { aces, unresolved } = normalizeAces([base, named, tampered, bare]);
    expect(aces.map((a) => a.index)).toEqual([0]);
    expect(unresolved.map((a) => [a.index, a.objectType, a.inheritedObjectType, a.unresolved])).toEqual([
      [1, UNRESOLVED_GUID, GUIDS.user, { objectType: "contoso-EmployeeBadge" }],
      [2, EMPTY_GUID, UNRESOLVED_GUID, { inheritedObjectType: "contoso-BadgeReader" }],
      [3, EMPTY_GUID, UNRESOLVED_GUID, { inheritedObjectType: "(a name outside the default schema)" }],
    ]);
  });
});

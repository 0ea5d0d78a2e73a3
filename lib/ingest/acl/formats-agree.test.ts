import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AD_RIGHTS, EMPTY_GUID, GUIDS, guidEntry, guidForDisplayName, type AclFacts, type DomainFacts } from "@/lib/facts";
import { analyzeAcl, type AceView, type AclAnalysis } from "@/lib/rules";
import { parseFile } from "../parse-file";
import { toDsacls, toGetAclCsv, toGetAclJson, toSddl, type KitAce, type Principal } from "./formats-agree.test-kit";

/**
 * One ACE set, written as SDDL, Get-Acl CSV, Get-Acl JSON (numeric and string enums) and dsacls text, read back
 * through parseFile (detection included): every format yields the same ACE set and the same analysis.
 * The sets stay within what all four can express: dsacls prints no SelfAndChildren/Children and names schema objects,
 * and it lists an entry effective on the object and inherited to all subobjects once per section (read back as All).
 */

const DN = "DC=corp,DC=contoso,DC=com";
const GMSA: Principal = { name: "CORP\\provAgentgMSA$", sddl: "S-1-5-21-1004336348-1177238915-682003330-1105" };
const GROUP: Principal = { name: "CORP\\Sync Readers", sddl: "S-1-5-21-1004336348-1177238915-682003330-1300" };
const PRINCIPALS: readonly Principal[] = [
  GMSA,
  GROUP,
  { name: "NT AUTHORITY\\SELF", sddl: "PS" },
  { name: "NT AUTHORITY\\Authenticated Users", sddl: "AU" },
  { name: "BUILTIN\\Administrators", sddl: "BA" },
];
/** The gMSA's SID is on record, and its group is listed by name and by SID (SDDL names it by SID). */
const DOMAIN: DomainFacts = {
  dnsName: "corp.contoso.com",
  netbiosName: "CORP",
  distinguishedName: DN,
  gmsa: { samAccountName: "provAgentgMSA$", sid: GMSA.sddl },
  groupMemberships: { [GMSA.name]: [GROUP.name, GROUP.sddl] },
};

/** Schema objects every format can name (dsacls prints display names; they must read back to the same GUID). */
const roundTrips = (guid: string) => {
  const name = guidEntry(guid)?.displayName;
  return name !== undefined && guidForDisplayName(name) === guid;
};
const OBJECT_TYPES = [GUIDS.user, GUIDS.group, GUIDS.replicatingDirectoryChanges, GUIDS.replicatingDirectoryChangesAll, GUIDS.resetPassword, GUIDS.pwdLastSet, GUIDS.lockoutTime, GUIDS.msDsConsistencyGuid].filter(roundTrips);
const CLASSES = [GUIDS.user, GUIDS.group, GUIDS.computer, GUIDS.contact, GUIDS.inetOrgPerson, GUIDS.foreignSecurityPrincipal, GUIDS.device].filter(roundTrips);
const BITS = [
  AD_RIGHTS.CreateChild,
  AD_RIGHTS.DeleteChild,
  AD_RIGHTS.ListChildren,
  AD_RIGHTS.Self,
  AD_RIGHTS.ReadProperty,
  AD_RIGHTS.WriteProperty,
  AD_RIGHTS.DeleteTree,
  AD_RIGHTS.ListObject,
  AD_RIGHTS.ExtendedRight,
  AD_RIGHTS.Delete,
  AD_RIGHTS.ReadControl,
  AD_RIGHTS.WriteDacl,
  AD_RIGHTS.WriteOwner,
];

const aceArb: fc.Arbitrary<KitAce> = fc
  .record({
    principal: fc.constantFrom(...PRINCIPALS),
    accessType: fc.constantFrom("allow" as const, "allow" as const, "deny" as const),
    rights: fc.subarray(BITS, { minLength: 1 }).map((bits) => bits.reduce((m, b) => (m | b) >>> 0, 0)),
    objectType: fc.oneof(fc.constant(EMPTY_GUID), fc.constantFrom(...OBJECT_TYPES)),
    inheritanceType: fc.constantFrom("None" as const, "All" as const, "Descendents" as const),
    inheritedClass: fc.oneof(fc.constant(EMPTY_GUID), fc.constantFrom(...CLASSES)),
    isInherited: fc.boolean(),
  })
  .map(({ inheritedClass, ...a }) => ({ ...a, inheritedObjectType: a.inheritanceType === "Descendents" ? inheritedClass : EMPTY_GUID }));

/** Unique by everything but inheritance: dsacls could not tell such entries apart. */
const aceSetArb = fc.uniqueArray(aceArb, {
  minLength: 1,
  maxLength: 12,
  selector: (a) => [a.principal.name, a.accessType, a.rights, a.objectType, a.inheritedObjectType, a.isInherited].join("|"),
});

const bytes = (text: string) => new TextEncoder().encode(text);
const canonical = (identity: string) => PRINCIPALS.find((p) => p.sddl.toUpperCase() === identity.toUpperCase())?.name ?? identity;
const aceKey = (a: Pick<AceView, "identity" | "accessType" | "rights" | "objectType" | "inheritedObjectType" | "inheritanceType" | "isInherited">) =>
  [canonical(a.identity), a.accessType, a.rights, a.objectType, a.inheritedObjectType, a.inheritanceType, a.isInherited].join("|");

/** What must agree: the ACE set, and the analysis with ACE positions replaced by the ACEs themselves. */
function comparable(acl: AclFacts, analysis: AclAnalysis) {
  return {
    target: acl.targetDn,
    aces: (acl.aces ?? []).map((a) => aceKey(a)).sort(),
    account: analysis.account,
    accountAces: analysis.accountAces.map(aceKey).sort(),
    permissions: analysis.permissions.map((p) => ({ id: p.id, status: p.status, deniedBy: p.deniedBy.map((d) => aceKey(d.ace)).sort() })),
    excess: analysis.excess.map((e) => `${aceKey(e.ace)}:${e.excessRights}:${e.risk}`).sort(),
    denies: analysis.denies.map((d) => `${aceKey(d.ace)}:${d.cancels.map((c) => c.permissionId).sort().join(",")}`).sort(),
  };
}

/**
 * What the file says, analysed as if no format kept the DACL's order: dsacls does not (it groups entries by where
 * they apply), so the order's effect on Deny entries is left out of the comparison and checked on its own below.
 */
function readAs(name: string, text: string, expectedFormat: string, ordered: boolean) {
  const parsed = parseFile(bytes(text), name, { account: GMSA.name });
  if (!parsed.ok) throw new Error(`${name}: ${parsed.issues.map((i) => i.message).join(" | ")}`);
  expect(parsed.result.format).toBe(expectedFormat);
  expect(parsed.result.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(parsed.result.acls).toHaveLength(1);
  const acl = parsed.result.acls[0];
  expect(acl.aclOrdered, `${name}: aclOrdered`).toBe(ordered);
  const unordered = { ...acl, aclOrdered: false };
  return comparable(unordered, analyzeAcl(unordered, DOMAIN));
}

describe("the same ACEs written in every ACL format give the same analysis", () => {
  it("has schema names every format can print", () => {
    expect(OBJECT_TYPES.length).toBeGreaterThan(3);
    expect(CLASSES.length).toBeGreaterThan(3);
  });

  it("SDDL, Get-Acl CSV, Get-Acl JSON (numeric and string enums) and dsacls agree", () => {
    fc.assert(
      fc.property(aceSetArb, fc.boolean(), (aces, hexRights) => {
        const csvWithTarget = toGetAclCsv(aces).replace(/^/, "").split("\r\n");
        // Get-Acl exports do not name the object: a DN column carries it (as community export scripts add).
        const csv = csvWithTarget
          .filter((l) => l !== "")
          .map((line, i) => (i === 0 ? `"DistinguishedName",${line}` : `"${DN}",${line}`))
          .join("\r\n");
        const json = (enumsAsStrings: boolean) => JSON.stringify({ Path: `AD:${DN}`, Access: JSON.parse(toGetAclJson(aces, enumsAsStrings)) });
        const reference = readAs("acl-sddl.txt", toSddl(DN, aces, hexRights), "sddl-text", true);
        expect(reference.aces).toHaveLength(aces.length);
        expect(readAs("acl.csv", csv, "getacl-csv", true)).toEqual(reference);
        expect(readAs("acl.json", json(false), "getacl-json", true)).toEqual(reference);
        expect(readAs("acl-strings.json", json(true), "getacl-json", true)).toEqual(reference);
        expect(readAs("dsacls.txt", toDsacls(DN, aces), "dsacls-text", false)).toEqual(reference);
      }),
      { numRuns: 80 },
    );
  });
});

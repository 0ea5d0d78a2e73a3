import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { aclFactsSchema, EMPTY_GUID, UNRESOLVED_GUID } from "@/lib/facts";
import { GUIDS } from "@/lib/facts";
import dsaclsText from "./dsacls-text";
import { isAccountPrincipal } from "./dsacls-text-account";
import { resolveDsaclsName } from "./dsacls-text-names";
import { dsaclsRights } from "../acl/dsacls-words";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const ACCOUNT = "CORP\\provAgentgMSA$";
const grepEntries = (text: string) => text.split(/\r?\n/).filter((line) => /^(Allow|Deny)\s/.test(line)).length;
const GenericRead = 0x20094;
const GenericAll = 0xf01ff;

describe("dsacls words", () => {
  it("maps permission words, the READ PERMISSONS misspelling and letter codes", () => {
    expect(dsaclsRights("READ PERMISSONS")).toBe(0x20000);
    expect(dsaclsRights("read permissions")).toBe(0x20000);
    expect(dsaclsRights("FULL CONTROL")).toBe(GenericAll);
    expect(dsaclsRights("LIST CONTENTS")).toBe(0x4);
    expect(dsaclsRights("CONTROL ACCESS")).toBe(0x100);
    expect(dsaclsRights("RPWP")).toBe(0x30);
    expect(dsaclsRights("GRGWCCDCSDDT")).toBe(0x20094 | 0x20028 | 0x1 | 0x2 | 0x10000 | 0x40);
    expect(dsaclsRights("CA")).toBe(0x100);
    expect(dsaclsRights("Reset Password")).toBeUndefined();
    expect(dsaclsRights("DELETE")).toBe(0x10000);
  });
});

describe("dsacls-text: domain root with both sections", () => {
  const result = dsaclsText.parse({ fileName: "dsacls.txt", text: fixture("dsacls-domain-root.txt"), options: { account: ACCOUNT } });
  const aces = result.acls[0]?.aces ?? [];
  const mine = aces.filter((a) => a.identity === ACCOUNT);

  it("takes the target from the command line and validates", () => {
    expect(result).toMatchObject({ kind: "gmsa-acl", format: "dsacls-text", records: 21, rejected: 0 });
    expect(result.acls).toHaveLength(1);
    expect(result.acls[0]).toMatchObject({ targetDn: "DC=corp,DC=contoso,DC=com", account: ACCOUNT });
    expect(aclFactsSchema.safeParse(result.acls[0]).success).toBe(true);
  });

  it("reads SPECIAL ACCESS blocks (with the misspelling), Deny entries and wrapped principals", () => {
    expect(aces[0]).toEqual({
      identity: "Everyone",
      rights: 0x10000 | 0x40,
      accessType: "deny",
      objectType: EMPTY_GUID,
      inheritedObjectType: EMPTY_GUID,
      inheritanceType: "None",
      isInherited: false,
    });
    expect(aces.find((a) => a.identity === "NT AUTHORITY\\Authenticated Users")?.rights).toBe(GenericRead);
    expect(aces.find((a) => a.identity === "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS")?.rights).toBe(GenericRead);
  });

  it("maps single-line extended rights to their GUIDs on the object only", () => {
    expect(mine.filter((a) => a.rights === 0x100 && a.inheritanceType === "None").map((a) => a.objectType)).toEqual([
      GUIDS.replicatingDirectoryChanges,
      GUIDS.replicatingDirectoryChangesAll,
      GUIDS.unexpirePassword,
    ]);
  });

  it("merges an entry listed on the object and for all subobjects into one All ACE", () => {
    expect(mine.filter((a) => a.objectType === GUIDS.user && a.inheritedObjectType === EMPTY_GUID)).toEqual([
      { identity: ACCOUNT, rights: 0x3, accessType: "allow", objectType: GUIDS.user, inheritedObjectType: EMPTY_GUID, inheritanceType: "All", isInherited: false },
    ]);
    expect(aces.filter((a) => a.identity === "CORP\\Enterprise Admins")).toEqual([
      expect.objectContaining({ rights: GenericAll, inheritanceType: "All", isInherited: true }),
    ]);
  });

  it("maps 'Inherited to <class>' to Descendents with that class", () => {
    const descendant = mine.filter((a) => a.inheritanceType === "Descendents");
    expect(descendant.map((a) => [a.rights, a.objectType, a.inheritedObjectType])).toEqual([
      [0x10, EMPTY_GUID, GUIDS.user],
      [0x100, GUIDS.resetPassword, GUIDS.user],
      [0x20, GUIDS.pwdLastSet, GUIDS.user],
      [0x20, GUIDS.lockoutTime, GUIDS.user],
      [GenericAll, EMPTY_GUID, GUIDS.group],
      [0x10, EMPTY_GUID, GUIDS.inetOrgPerson],
      [0x10, EMPTY_GUID, GUIDS.computer],
    ]);
  });

  it("keeps entries naming schema objects outside the default schema, unresolved, with a warning naming line and name", () => {
    expect(result.issues.map(({ row, column, severity }) => ({ row, column, severity }))).toEqual([
      { row: 29, column: "permission", severity: "warning" },
      { row: 63, column: "Inherited to", severity: "warning" },
    ]);
    expect(result.issues[0].message).toMatch(/"msExchActiveSyncDevices".*CORP\\Exchange Windows Permissions/);
    expect(aces.filter((a) => a.unresolved !== undefined)).toEqual([
      expect.objectContaining({ identity: "CORP\\Exchange Windows Permissions", objectType: UNRESOLVED_GUID, unresolved: { objectType: "msExchActiveSyncDevices" } }),
      expect.objectContaining({
        identity: "CORP\\Exchange Trusted Subsystem",
        objectType: EMPTY_GUID,
        inheritedObjectType: UNRESOLVED_GUID,
        unresolved: { inheritedObjectType: "msExchActiveSyncDevices" },
      }),
    ]);
  });
});

describe("dsacls-text: /A output, protected object, principal wrapped over two lines", () => {
  const result = dsaclsText.parse({ fileName: "dsacls-a.txt", text: fixture("dsacls-audit.txt"), options: { account: ACCOUNT } });
  const aces = result.acls[0]?.aces ?? [];

  it("skips the audit list with a warning and notes the protected object", () => {
    expect(result.acls[0]?.targetDn).toBe("OU=Sync Servers,DC=corp,DC=contoso,DC=com");
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", row: 5, message: expect.stringMatching(/audit list/) }));
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", row: 17, message: expect.stringMatching(/protected from inheriting/) }));
    expect(aces.some((a) => a.identity === "Everyone")).toBe(false);
  });

  it("joins a principal that wraps and merges it across sections", () => {
    expect(aces.filter((a) => a.identity === "CORP\\Cloud Sync Provisioning Agents Group For Production Servers")).toEqual([
      expect.objectContaining({ rights: 0x3, objectType: GUIDS.user, inheritanceType: "All" }),
    ]);
  });

  it("reads property-set specials, 'FULL CONTROL for <class>' and single-word rights in class sections", () => {
    expect(aces.find((a) => a.objectType === GUIDS.accountRestrictions)).toMatchObject({ rights: 0x30, inheritanceType: "None" });
    const contact = "5cb41ed0-0e4c-11d0-a286-00aa003049e2";
    expect(aces.filter((a) => a.inheritedObjectType === contact).map((a) => [a.rights, a.objectType])).toEqual([
      [0x10, EMPTY_GUID],
      [GenericAll, GUIDS.group],
    ]);
  });

  it("rejects unknown right words; an unknown extended right for the gMSA is an error but kept unresolved", () => {
    expect(result.issues.filter((i) => i.severity === "error").map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 32, column: "permission" },
      { row: 33, column: "permission" },
    ]);
    expect(result.rejected).toBe(2);
    expect(aces.filter((a) => a.unresolved !== undefined)).toEqual([
      expect.objectContaining({ identity: ACCOUNT, rights: 0x100, objectType: UNRESOLVED_GUID, unresolved: { objectType: "Send To Junk Folder" } }),
    ]);
  });
});

describe("dsacls-text: missing information", () => {
  const body = "Access list:\nAllow CORP\\provAgentgMSA$             FULL CONTROL\nThe command completed successfully\n";

  it("asks for the target when no command line names it", () => {
    const result = dsaclsText.parse({ fileName: "x.txt", text: body, options: { account: ACCOUNT } });
    expect(result.acls).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/target distinguished name/) })]);
  });

  it("uses options.target and options.account", () => {
    const result = dsaclsText.parse({ fileName: "x.txt", text: body, options: { account: ACCOUNT, target: "DC=corp,DC=contoso,DC=com" } });
    expect(result.acls).toEqual([
      {
        targetDn: "DC=corp,DC=contoso,DC=com",
        account: ACCOUNT,
        aces: [{ identity: ACCOUNT, rights: GenericAll, accessType: "allow", objectType: EMPTY_GUID, inheritedObjectType: EMPTY_GUID, inheritanceType: "None", isInherited: false }],
        aclOrdered: false,
      },
    ]);
  });

  it("refuses several outputs that do not say which object they are for", () => {
    const result = dsaclsText.parse({ fileName: "x.txt", text: `Owner: CORP\\Domain Admins\n${body}Owner: CORP\\Domain Admins\n${body}`, options: { account: ACCOUNT, target: "DC=corp,DC=com" } });
    expect(result.acls).toEqual([]);
    expect(result.issues[0].message).toMatch(/several dsacls outputs/);
  });

  it("refuses text without entries", () => {
    const result = dsaclsText.parse({ fileName: "x.txt", text: "Access list:\n", options: { account: ACCOUNT } });
    expect(result.issues[0]).toMatchObject({ severity: "error", message: expect.stringMatching(/No "Allow" or "Deny"/) });
  });
});

describe("dsacls-text: a real domain's names (classes, attributes, property sets, extended rights, validated writes)", () => {
  const FABRIKAM = "FABRIKAM\\provAgentgMSA$";
  const text = fixture("dsacls-real-domain.txt");
  const result = dsaclsText.parse({ fileName: "fabrikam.txt", text, options: { account: FABRIKAM } });
  const aces = result.acls[0]?.aces ?? [];
  const of = (identity: string) => aces.filter((a) => a.identity === identity);
  const COMPUTER = GUIDS.computer;

  it("reads every entry; only the gMSA's entry naming a custom extension is an error", () => {
    expect(grepEntries(text)).toBe(65);
    expect(result).toMatchObject({ records: 65, rejected: 1 });
    expect(aclFactsSchema.safeParse(result.acls[0]).success).toBe(true);
    expect(result.issues.map(({ file, row, column, severity }) => ({ file, row, column, severity }))).toEqual([
      { file: "fabrikam.txt", row: 69, column: "permission", severity: "error" },
      { file: "fabrikam.txt", row: 79, column: "permission", severity: "warning" },
      { file: "fabrikam.txt", row: 153, column: "Inherited to", severity: "warning" },
    ]);
    expect(result.issues[0].message).toMatch(/"contoso-EmployeeBadge".*the gMSA "FABRIKAM\\provAgentgMSA\$" itself/);
    expect(result.issues[2].message).toMatch(/"contoso-BadgeReader"/);
  });

  it("keeps the custom-extension entries unresolved, never as all properties or every class", () => {
    const unresolved = aces.filter((a) => a.unresolved !== undefined);
    expect(unresolved.map((a) => [a.identity, a.objectType, a.inheritedObjectType, a.unresolved])).toEqual([
      [FABRIKAM, UNRESOLVED_GUID, EMPTY_GUID, { objectType: "contoso-EmployeeBadge" }],
      ["FABRIKAM\\Badge Office Writers", UNRESOLVED_GUID, EMPTY_GUID, { objectType: "contoso-EmployeeBadge" }],
      ["FABRIKAM\\Badge Office Writers", EMPTY_GUID, UNRESOLVED_GUID, { inheritedObjectType: "contoso-BadgeReader" }],
    ]);
    expect(aces.filter((a) => a.unresolved === undefined && (a.objectType === UNRESOLVED_GUID || a.inheritedObjectType === UNRESOLVED_GUID))).toEqual([]);
  });

  it("resolves attributes and classes by lDAPDisplayName (userAccountControl, printQueue, tokenGroupsGlobalAndUniversal)", () => {
    expect(of("FABRIKAM\\Helpdesk Operators").map((a) => [a.rights, a.objectType, a.inheritedObjectType])).toEqual([
      [0x10, "bf967a68-0de6-11d0-a285-00aa003049e2", EMPTY_GUID],
      [0x30, "bf967a68-0de6-11d0-a285-00aa003049e2", GUIDS.user],
      [0x10, "77b5b886-944a-11d1-aebd-0000f80367c1", GUIDS.user],
      [0x20, GUIDS.pwdLastSet, GUIDS.user],
      [0x100, GUIDS.resetPassword, GUIDS.user],
    ]);
    const printQueue = "bf967aa8-0de6-11d0-a285-00aa003049e2";
    expect(of("FABRIKAM\\Print Admins").map((a) => [a.rights, a.objectType, a.inheritedObjectType, a.inheritanceType])).toEqual([
      [0x3, printQueue, EMPTY_GUID, "None"],
      [0x1, printQueue, GUIDS.organizationalUnit, "Descendents"],
    ]);
    expect(of("BUILTIN\\Windows Authorization Access Group")[0]?.objectType).toBe("46a9b11d-60ae-405a-b7e8-ff8a58d456d2");
  });

  it("resolves property sets, extended rights and validated writes by display name", () => {
    expect(of("BUILTIN\\Pre-Windows 2000 Compatible Access").map((a) => a.objectType)).toEqual([
      "bc0ac240-79a9-11d0-9020-00c04fc2d4cf", // Group Membership
      "59ba2f42-79a2-11d0-9020-00c04fc2d3cf", // General Information
      "037088f8-0ae1-11d2-b422-00a0c968f939", // Remote Access Information
      GUIDS.accountRestrictions,
      "5f202010-79a5-11d0-9020-00c04fc2d4cf", // Logon Information
    ]);
    const self = of("NT AUTHORITY\\SELF").map((a) => [a.rights, a.objectType, a.inheritedObjectType]);
    expect(self).toEqual([
      [0x30, "77b5b886-944a-11d1-aebd-0000f80367c1", GUIDS.user],
      [0x8, "72e39547-7b18-11d1-adef-00c04fd8d5cd", COMPUTER],
      [0x8, "f3a64788-5306-11d1-a9c5-0000f80367c1", COMPUTER],
      [0x8, "9b026da6-0d3c-465c-8bee-5199d7165cba", COMPUTER],
      [0x30, "77b5b886-944a-11d1-aebd-0000f80367c1", GUIDS.inetOrgPerson],
      [0x8, "72e39547-7b18-11d1-adef-00c04fd8d5cd", "ce206244-5827-4a86-ba1c-1c0c386c1b64"],
      [0x8, "f3a64788-5306-11d1-a9c5-0000f80367c1", "ce206244-5827-4a86-ba1c-1c0c386c1b64"],
    ]);
    expect(of("FABRIKAM\\Distribution List Owners")).toEqual([
      expect.objectContaining({ rights: 0x8, objectType: "bf9679c0-0de6-11d0-a285-00aa003049e2", inheritedObjectType: GUIDS.group }),
    ]);
    expect(of("BUILTIN\\Administrators").map((a) => a.objectType)).toContain("b7b1b3dd-ab09-4242-9e30-9980e5d322f7");
    expect(of("FABRIKAM\\OU Admins")[0]).toMatchObject({ rights: 0x100, objectType: "b7b1b3de-ab09-4242-9e30-9980e5d322f7" });
    expect(of("NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS").map((a) => a.objectType)).toEqual([
      GUIDS.replicatingDirectoryChanges,
      GUIDS.replicatingDirectoryChangesAll,
      GUIDS.replicatingDirectoryChangesInFilteredSet,
      "1131f6ac-9c07-11d1-f79f-00c04fc2dcd2",
      "1131f6ab-9c07-11d1-f79f-00c04fc2dcd2",
    ]);
  });

  it("makes the entry of whoever the upload is checked for the error", () => {
    const other = dsaclsText.parse({ fileName: "fabrikam.txt", text, options: { account: "fabrikam\\badge office writers" } });
    expect(other.issues.filter((i) => i.severity === "error").map((i) => i.row)).toEqual([79, 153]);
    expect(other.rejected).toBe(2);
  });
});

describe("dsacls-text: name resolution by position", () => {
  it("takes a class only after 'Inherited to' and a right only as a whole line", () => {
    expect(resolveDsaclsName("computer", "inherited-to")).toMatchObject({ status: "known", entry: { kind: "class" } });
    expect(resolveDsaclsName("pwdLastSet", "inherited-to")).toMatchObject({ status: "misplaced", expected: "a class" });
    expect(resolveDsaclsName("Personal Information", "single-line")).toMatchObject({ status: "misplaced" });
    expect(resolveDsaclsName("contoso-EmployeeBadge", "object")).toEqual({ status: "unknown", name: "contoso-EmployeeBadge" });
  });

  it("refuses a right line that names an attribute without rights", () => {
    const result = dsaclsText.parse({
      fileName: "x.txt",
      text: "Access list:\nAllow CORP\\someone                  pwdLastSet\nThe command completed successfully\n",
      options: { account: ACCOUNT, target: "DC=corp,DC=contoso,DC=com" },
    });
    expect(result.issues[0]).toMatchObject({ severity: "error", row: 2, message: expect.stringMatching(/an attribute of the Active Directory schema, not an extended right or a validated write/) });
    expect(result.rejected).toBe(1);
  });
});

describe("dsacls-text: is this principal the gMSA?", () => {
  it.each([
    ["CORP\\provAgentgMSA$", "CORP\\provAgentgMSA$", true],
    ["corp\\PROVAGENTGMSA$", "CORP\\provAgentgMSA$", true],
    ["CORP\\provAgentgMSA", "provAgentgMSA$", true],
    ["CORP\\provAgentgMSA$", "provAgentgMSA$@corp.contoso.com", true],
    ["OTHER\\provAgentgMSA$", "CORP\\provAgentgMSA$", false],
    ["CORP\\provAgentgMSA2$", "CORP\\provAgentgMSA$", false],
    ["S-1-5-21-1-2-3-1105", "s-1-5-21-1-2-3-1105", true],
    ["S-1-5-21-1-2-3-1105", "CORP\\provAgentgMSA$", false],
  ])("%s vs %s", (principal, account, expected) => expect(isAccountPrincipal(principal, account)).toBe(expected));

  it("is never true without an account", () => expect(isAccountPrincipal("CORP\\provAgentgMSA$", undefined)).toBe(false));
});

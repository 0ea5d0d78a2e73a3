import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { aclFactsSchema, EMPTY_GUID } from "@/lib/facts";
import { GUIDS } from "@/lib/facts";
import dsaclsText from "./dsacls-text";
import { dsaclsRights } from "../acl/dsacls-words";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const ACCOUNT = "CORP\\provAgentgMSA$";
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
    expect(result).toMatchObject({ kind: "gmsa-acl", format: "dsacls-text", records: 21, rejected: 2 });
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

  it("rejects entries naming schema objects it cannot resolve, with line and column", () => {
    expect(result.issues.map(({ row, column, severity }) => ({ row, column, severity }))).toEqual([
      { row: 29, column: "permission", severity: "error" },
      { row: 63, column: "Inherited to", severity: "error" },
    ]);
    expect(result.issues[0].message).toMatch(/"msExchActiveSyncDevices"/);
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

  it("rejects unknown extended rights and unknown right words with their lines", () => {
    expect(result.issues.filter((i) => i.severity === "error").map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 32, column: "permission" },
      { row: 33, column: "permission" },
    ]);
    expect(result.rejected).toBe(2);
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

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { aclFactsSchema, EMPTY_GUID } from "@/lib/facts";
import type { ParseOptions } from "../types";
import getAclCsv from "./getacl-csv";
import getAclJson from "./getacl-json";
import getAclTable from "./getacl-table";
import { parseAdRights } from "../acl/enums";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const sample = () => readFileSync("/work/shared/samples/getacl-ad-formattable-crtp-excerpt.txt", "utf8");
const ACCOUNT = "CORP\\provAgentgMSA$";
const USER = "bf967aba-0de6-11d0-a285-00aa003049e2";
const GROUP = "bf967a9c-0de6-11d0-a285-00aa003049e2";
const ROOT = "DC=corp,DC=contoso,DC=com";

// ActiveDirectoryRights bits (cloud-sync-requirements.md §3.5).
const R = {
  CreateChild: 0x1,
  DeleteChild: 0x2,
  Self: 0x8,
  ReadProperty: 0x10,
  WriteProperty: 0x20,
  ExtendedRight: 0x100,
  GenericRead: 0x20094,
  WriteDacl: 0x40000,
  WriteOwner: 0x80000,
  GenericAll: 0xf01ff,
};

describe("ActiveDirectoryRights parsing", () => {
  it("ORs flag names, including composites printed among single flags", () => {
    expect(parseAdRights("CreateChild, Self, WriteProperty, ExtendedRight, GenericRead, WriteDacl, WriteOwner")).toEqual({
      ok: true,
      value: R.CreateChild | R.Self | R.WriteProperty | R.ExtendedRight | R.GenericRead | R.WriteDacl | R.WriteOwner,
    });
    expect(parseAdRights("983551")).toEqual({ ok: true, value: R.GenericAll });
    expect(parseAdRights(131220)).toEqual({ ok: true, value: R.GenericRead });
    expect(parseAdRights("0xF01FF")).toEqual({ ok: true, value: R.GenericAll });
  });

  it("rejects unknown names, including prototype keys", () => {
    expect(parseAdRights("ReadProperty, FlyAway")).toMatchObject({ ok: false, message: expect.stringContaining('"FlyAway"') });
    expect(parseAdRights("toString")).toMatchObject({ ok: false });
  });
});

describe("getacl-table: the real CRTP console sample", () => {
  const parse = (options: ParseOptions) => getAclTable.parse({ fileName: "crtp.txt", text: sample(), options });
  const result = parse({ account: "dcorp\\Domain Admins" });

  it("produces one AclFacts per DN with the exact ACE counts", () => {
    expect(result).toMatchObject({ kind: "gmsa-acl", format: "getacl-table", records: 11, rejected: 0 });
    expect(result.acls.map((a) => [a.targetDn, a.aces?.length])).toEqual([
      ["DC=dollarcorp,DC=moneycorp,DC=local", 1],
      ["OU=StudentMachines,DC=dollarcorp,DC=moneycorp,DC=local", 1],
      ["CN=DCORP-STD175,OU=StudentMachines,DC=dollarcorp,DC=moneycorp,DC=local", 9],
    ]);
    for (const acl of result.acls) {
      expect(acl.account).toBe("dcorp\\Domain Admins");
      expect(aclFactsSchema.safeParse(acl).success).toBe(true);
    }
  });

  it("reads the narrow first table (no InheritanceFlags/PropagationFlags) with its right-aligned composite rights", () => {
    expect(result.acls[0].aces).toEqual([
      {
        identity: "dcorp\\Domain Admins",
        rights: R.CreateChild | R.Self | R.WriteProperty | R.ExtendedRight | R.GenericRead | R.WriteDacl | R.WriteOwner,
        accessType: "allow",
        objectType: EMPTY_GUID,
        inheritedObjectType: EMPTY_GUID,
        inheritanceType: "None",
        isInherited: false,
      },
    ]);
    expect(result.acls[1].aces?.[0].rights).toBe(R.GenericAll);
  });

  it("keeps object types, rights and the inherited flag of the third table", () => {
    const aces = result.acls[2].aces ?? [];
    expect(aces.map((a) => [a.rights, a.objectType])).toEqual([
      [R.GenericAll, EMPTY_GUID],
      [R.WriteProperty, "bf967953-0de6-11d0-a285-00aa003049e2"],
      [R.WriteProperty, "4c164200-20c0-11d0-a768-00aa006e0529"],
      [R.Self, "f3a64788-5306-11d1-a9c5-0000f80367c1"],
      [R.Self, "72e39547-7b18-11d1-adef-00c04fd8d5cd"],
      [R.WriteProperty, "3e0abfd0-126a-11d0-a060-00aa006c33ed"],
      [R.WriteProperty, "bf967950-0de6-11d0-a285-00aa003049e2"],
      [R.WriteProperty, "5f202010-79a5-11d0-9020-00c04fc2d4cf"],
      [R.Self, "9b026da6-0d3c-465c-8bee-5199d7165cba"],
    ]);
    expect(aces.map((a) => a.isInherited)).toEqual([false, false, false, false, false, false, false, false, true]);
  });

  it("asks for the account when none is given", () => {
    const refused = parse({});
    expect(refused.acls).toEqual([]);
    expect(refused.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/which gMSA/) })]);
    expect(refused.issues[0].row).toBeUndefined();
  });
});

describe("getacl-table: -Wrap continuation lines, prompt DN, cut-off values", () => {
  const result = getAclTable.parse({ fileName: "wrap.txt", text: fixture("getacl-table-wrap.txt"), options: { account: ACCOUNT } });

  it("takes the first table's target from the prompt and the second from the DN line", () => {
    expect(result.acls.map((a) => [a.targetDn, a.aces?.length])).toEqual([
      ["OU=Sync Servers,DC=corp,DC=contoso,DC=com", 4],
      ["CN=SYNC01,OU=Sync Servers,DC=corp,DC=contoso,DC=com", 2],
    ]);
  });

  it("joins wrapped rights and principals", () => {
    const aces = result.acls[0].aces ?? [];
    expect(aces[0]).toMatchObject({ rights: R.CreateChild | R.DeleteChild | R.ReadProperty | R.WriteProperty, inheritanceType: "All", identity: ACCOUNT });
    expect(aces[1]).toMatchObject({ identity: "CORP\\A very long group name for sync", inheritedObjectType: USER, isInherited: true });
    expect(aces[2]).toMatchObject({ identity: "CORP\\averyveryverylongaccountname$", objectType: "00299570-246d-11d0-a768-00aa006e0529", inheritedObjectType: USER });
    expect(aces[3]).toMatchObject({ identity: "BUILTIN\\Account Operators", accessType: "deny" });
  });

  it("rejects a value the console cut off and warns when flags contradict InheritanceType", () => {
    expect(result.rejected).toBe(1);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", row: 19, column: "IdentityReference", message: expect.stringMatching(/cut this value off/) }));
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", row: 20, column: "InheritanceType" }));
    expect(result.issues).toHaveLength(2);
  });

  it("accepts a table the console narrowed down to a few columns", () => {
    const text = [
      "CN=SYNC01,OU=Sync Servers,DC=corp,DC=contoso,DC=com",
      "",
      "ActiveDirectoryRights InheritanceType ObjectType                           InheritedObjectType                  AccessControlType IdentityReference",
      "--------------------- --------------- ----------                           -------------------                  ----------------- -----------------",
      "           GenericAll            None 00000000-0000-0000-0000-000000000000 00000000-0000-0000-0000-000000000000             Allow CORP\\provAgentgMSA$",
    ].join("\n");
    const narrow = getAclTable.parse({ fileName: "narrow.txt", text, options: { account: ACCOUNT } });
    expect(narrow.acls[0].aces).toEqual([expect.objectContaining({ rights: R.GenericAll, identity: ACCOUNT, isInherited: false })]);
    expect(narrow.issues).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/no IsInherited column/) })]);
  });
});

describe("getacl-csv", () => {
  it("reads a Windows PowerShell 5.1 export (#TYPE, names, DN column with two targets)", () => {
    const result = getAclCsv.parse({ fileName: "getacl.csv", text: fixture("getacl.csv"), options: { account: ACCOUNT } });
    expect(result).toMatchObject({ records: 12, rejected: 2, producerVersion: "Export-Csv (#TYPE Selected.System.DirectoryServices.ActiveDirectoryAccessRule)" });
    expect(result.acls.map((a) => [a.targetDn, a.aces?.length])).toEqual([
      [ROOT, 8],
      ["OU=Sync Servers,DC=corp,DC=contoso,DC=com", 2],
    ]);
    const root = result.acls[0].aces ?? [];
    expect(root[2]).toEqual({
      identity: ACCOUNT,
      rights: R.GenericAll,
      accessType: "allow",
      objectType: EMPTY_GUID,
      inheritedObjectType: GROUP,
      inheritanceType: "Descendents",
      isInherited: false,
    });
    expect(root[3]).toMatchObject({ rights: R.CreateChild | R.DeleteChild, inheritanceType: "All", objectType: USER });
    expect(root[6]).toMatchObject({ identity: "BUILTIN\\Account Operators", accessType: "deny" });
    expect(root[7].identity).toBe("=cmd|' /C calc'!A0");
    expect(result.issues.filter((i) => i.severity === "error").map(({ file, row, column }) => ({ file, row, column }))).toEqual([
      { file: "getacl.csv", row: 11, column: "ActiveDirectoryRights" },
      { file: "getacl.csv", row: 12, column: "ObjectType" },
    ]);
  });

  it("reads a semicolon export with numeric enums, an Identity column and braced upper-case GUIDs", () => {
    const result = getAclCsv.parse({
      fileName: "acl.csv",
      text: fixture("getacl-semicolon-numeric.csv"),
      options: { account: ACCOUNT, target: ROOT },
    });
    expect(result.issues).toEqual([]);
    expect(result.acls).toHaveLength(1);
    expect(result.acls[0]).toMatchObject({ targetDn: ROOT, account: ACCOUNT });
    expect(result.acls[0].aces).toEqual([
      { identity: ACCOUNT, rights: R.ReadProperty, accessType: "allow", objectType: EMPTY_GUID, inheritedObjectType: USER, inheritanceType: "Descendents", isInherited: false },
      { identity: ACCOUNT, rights: R.GenericAll, accessType: "allow", objectType: EMPTY_GUID, inheritedObjectType: GROUP, inheritanceType: "Descendents", isInherited: false },
      { identity: ACCOUNT, rights: R.ExtendedRight, accessType: "allow", objectType: "1131f6aa-9c07-11d1-f79f-00c04fc2dcd2", inheritedObjectType: EMPTY_GUID, inheritanceType: "None", isInherited: false },
      { identity: "CORP\\Helpdesk", rights: R.GenericRead, accessType: "deny", objectType: EMPTY_GUID, inheritedObjectType: EMPTY_GUID, inheritanceType: "All", isInherited: true },
    ]);
  });

  it("asks for the target when the file has no DN column", () => {
    const result = getAclCsv.parse({ fileName: "acl.csv", text: fixture("getacl-semicolon-numeric.csv"), options: { account: ACCOUNT } });
    expect(result.acls).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/target distinguished name/) })]);
  });

  it("refuses a file without the required columns, listing the headers", () => {
    const result = getAclCsv.parse({ fileName: "acl.csv", text: "ActiveDirectoryRights,Who\nGenericAll,x\n", options: { account: ACCOUNT, target: ROOT } });
    expect(result.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/The columns "IdentityReference", "AccessControlType" are missing. Headers found: "ActiveDirectoryRights", "Who"/),
    ]);
  });

  it("uses ObjectFlags to fill ObjectType when that column was not exported", () => {
    const text = "IdentityReference,ActiveDirectoryRights,AccessControlType,ObjectFlags,InheritanceType,IsInherited,ADObjectDN\n" +
      `${ACCOUNT},ReadProperty,Allow,None,All,False,${ROOT}\n` +
      `${ACCOUNT},WriteProperty,Allow,ObjectAceTypePresent,None,False,${ROOT}\n`;
    const result = getAclCsv.parse({ fileName: "acl.csv", text, options: { account: ACCOUNT } });
    expect(result.acls[0].aces).toEqual([expect.objectContaining({ objectType: EMPTY_GUID, inheritedObjectType: EMPTY_GUID })]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", row: 3, column: "ObjectType" })]);
  });
});

describe("getacl-json", () => {
  it("reads ConvertTo-Json output: numeric enums, { Value } identities, braces and upper-case GUIDs", () => {
    const result = getAclJson.parse({ fileName: "acl.json", text: fixture("getacl.json"), options: { account: ACCOUNT, target: ROOT } });
    expect(result).toMatchObject({ records: 4, rejected: 1 });
    expect(result.acls[0].aces).toEqual([
      { identity: ACCOUNT, rights: R.ReadProperty, accessType: "allow", objectType: EMPTY_GUID, inheritedObjectType: "4828cc14-1437-45bc-9b07-ad6f015e5f28", inheritanceType: "Descendents", isInherited: false },
      { identity: ACCOUNT, rights: R.ExtendedRight, accessType: "allow", objectType: "00299570-246d-11d0-a768-00aa006e0529", inheritedObjectType: USER, inheritanceType: "Descendents", isInherited: false },
      { identity: "BUILTIN\\Administrators", rights: R.GenericAll, accessType: "allow", objectType: EMPTY_GUID, inheritedObjectType: EMPTY_GUID, inheritanceType: "All", isInherited: true },
    ]);
    expect(result.issues.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 4, column: "[3].ActiveDirectoryRights" },
      { row: 4, column: "[3].InheritanceType" },
    ]);
  });

  it("reads a single object with string enums", () => {
    const result = getAclJson.parse({ fileName: "acl.json", text: fixture("getacl-single.json"), options: { account: ACCOUNT, target: ROOT } });
    expect(result.issues).toEqual([]);
    expect(result.acls[0].aces).toEqual([
      { identity: ACCOUNT, rights: R.CreateChild | R.DeleteChild, accessType: "allow", objectType: USER, inheritedObjectType: EMPTY_GUID, inheritanceType: "All", isInherited: false },
    ]);
  });

  it("takes account and target from an AclFacts-shaped file and from Get-Acl's Path", () => {
    const facts = JSON.stringify({
      targetDn: ROOT,
      account: ACCOUNT,
      aces: [{ identity: ACCOUNT, rights: 16, accessType: "allow", objectType: EMPTY_GUID, inheritedObjectType: USER, inheritanceType: "Descendents", isInherited: false }],
    });
    expect(getAclJson.parse({ fileName: "f.json", text: facts, options: {} }).acls).toEqual([
      expect.objectContaining({ targetDn: ROOT, account: ACCOUNT, aces: [expect.objectContaining({ rights: 16 })] }),
    ]);
    const whole = JSON.stringify({
      Path: `Microsoft.ActiveDirectory.Management.dll\\ActiveDirectory:://RootDSE/${ROOT}`,
      Access: [{ ActiveDirectoryRights: "GenericAll", InheritanceType: "None", ObjectType: EMPTY_GUID, InheritedObjectType: EMPTY_GUID, ObjectFlags: "None", AccessControlType: "Allow", IdentityReference: "CORP\\Domain Admins", IsInherited: false }],
    });
    expect(getAclJson.parse({ fileName: "g.json", text: whole, options: { account: ACCOUNT } }).acls[0]).toMatchObject({ targetDn: ROOT });
  });

  it("reports truncated JSON with the position", () => {
    const text = fixture("getacl.json").slice(0, 500);
    const result = getAclJson.parse({ fileName: "acl.json", text, options: { account: ACCOUNT, target: ROOT } });
    expect(result.acls).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/ends too early at line \d+, column \d+/) })]);
  });
});

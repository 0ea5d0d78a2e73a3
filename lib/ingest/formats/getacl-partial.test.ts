import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AD_RIGHTS, EMPTY_GUID, GUIDS } from "@/lib/facts";
import type { ParseOptions } from "../types";
import getAclCsv from "./getacl-csv";
import getAclJson from "./getacl-json";
import getAclTable from "./getacl-table";

const ROOT = "DC=corp,DC=contoso,DC=com";
const OPTIONS: ParseOptions = { account: "CORP\\provAgentgMSA$", target: ROOT };
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const warnings = (issues: { severity: string; message: string }[]) => issues.filter((i) => i.severity === "warning").map((i) => i.message);

describe("partial Get-Acl tables (no inheritance columns)", () => {
  it("accepts the default-column table: every entry stored with inheritance unknown, one warning naming the columns and the command", () => {
    const result = getAclTable.parse({ fileName: "t.txt", text: fixture("getacl-table-default-columns.txt"), options: OPTIONS });
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result).toMatchObject({ records: 10, rejected: 0 });
    const aces = result.acls[0].aces ?? [];
    expect(aces).toHaveLength(10);
    expect(new Set(aces.map((a) => a.inheritanceType))).toEqual(new Set(["unknown"]));
    expect(aces[2]).toMatchObject({ rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.user, isInherited: false });
    const unknown = warnings(result.issues).filter((m) => m.includes('"unknown"'));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/no InheritanceType, InheritanceFlags, PropagationFlags columns/);
    expect(unknown[0]).toMatch(/Export-Csv/);
  });

  it("takes inheritance from the SDDL string of the same paste, matching rows to DACL entries in order", () => {
    const result = getAclTable.parse({ fileName: "t.txt", text: fixture("getacl-table-default-columns-sddl.txt"), options: { account: OPTIONS.account } });
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.acls[0].targetDn).toBe(ROOT);
    const aces = result.acls[0].aces ?? [];
    expect(aces.map((a) => a.inheritanceType)).toEqual(["None", "None", "All", ...Array(7).fill("Descendents")]);
    expect(aces.every((a) => a.identity === "CORP\\provAgentgMSA$")).toBe(true);
    const notes = warnings(result.issues);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/for 10 row\(s\) they were taken from the SDDL string on line 18/);
  });

  it("does not use the SDDL string of another object", () => {
    const text = fixture("getacl-table-default-columns.txt") + "\nOU=Other,DC=corp,DC=contoso,DC=com\tO:DAG:DAD:(A;CI;RP;;;AU)\n";
    const result = getAclTable.parse({ fileName: "t.txt", text, options: OPTIONS });
    expect(new Set(result.acls.flatMap((a) => a.aces ?? []).map((a) => a.inheritanceType))).toEqual(new Set(["unknown"]));
  });

  it("keeps rows that match no SDDL entry as the table says, and says how many", () => {
    const text = fixture("getacl-table-default-columns.txt") + "\nSddl : O:DAG:DAD:(OA;;CR;1131f6aa-9c07-11d1-f79f-00c04fc2dcd2;;S-1-5-21-1-2-3-1105)\n";
    const result = getAclTable.parse({ fileName: "t.txt", text, options: OPTIONS });
    const aces = result.acls[0].aces ?? [];
    expect(aces[0].inheritanceType).toBe("None");
    expect(aces.slice(1).every((a) => a.inheritanceType === "unknown")).toBe(true);
    expect(warnings(result.issues).join(" ")).toMatch(/9 row\(s\) matched no SDDL entry/);
  });

  it("still refuses a blank value in an inheritance column that exists", () => {
    const text = [
      "ActiveDirectoryRights InheritanceType AccessControlType IdentityReference",
      "--------------------- --------------- ----------------- -----------------",
      "         ReadProperty                             Allow CORP\\provAgentgMSA$",
    ].join("\n");
    const result = getAclTable.parse({ fileName: "t.txt", text, options: OPTIONS });
    expect(result.issues.some((i) => i.severity === "error" && /InheritanceType is missing/.test(i.message))).toBe(true);
  });

  it("treats InheritanceFlags None without the other columns as not inherited (None)", () => {
    const csv = ['"ActiveDirectoryRights","AccessControlType","IdentityReference","ObjectType","InheritedObjectType","InheritanceFlags"', `"GenericAll","Allow","CORP\\provAgentgMSA$","${EMPTY_GUID}","${EMPTY_GUID}","None"`].join("\n");
    const result = getAclCsv.parse({ fileName: "a.csv", text: csv, options: OPTIONS });
    expect(result.acls[0].aces?.[0].inheritanceType).toBe("None");
  });
});

describe("partial Get-Acl CSV and JSON", () => {
  it("CSV without inheritance columns: unknown inheritance, one warning; unresolved well-known SIDs named", () => {
    const csv = [
      '"ActiveDirectoryRights","ObjectType","InheritedObjectType","AccessControlType","IdentityReference","IsInherited"',
      `"ReadProperty","${EMPTY_GUID}","${GUIDS.user}","Allow","CORP\\provAgentgMSA$","False"`,
      `"WriteProperty","${GUIDS.lockoutTime}","${GUIDS.user}","Deny","S-1-5-32-548","False"`,
      `"GenericAll","${EMPTY_GUID}","${EMPTY_GUID}","Allow","S-1-5-21-1-2-3-512","True"`,
    ].join("\r\n");
    const result = getAclCsv.parse({ fileName: "a.csv", text: csv, options: OPTIONS });
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    const aces = result.acls[0].aces ?? [];
    expect(aces.map((a) => a.inheritanceType)).toEqual(["unknown", "unknown", "unknown"]);
    expect(aces.map((a) => a.identity)).toEqual(["CORP\\provAgentgMSA$", "BUILTIN\\Account Operators", "S-1-5-21-1-2-3-512"]);
    expect(warnings(result.issues).filter((m) => m.includes('"unknown"'))).toHaveLength(1);
  });

  it("JSON objects without inheritance keys (Select-Object): unknown inheritance, one warning", () => {
    const json = JSON.stringify([
      { ActiveDirectoryRights: 16, ObjectType: EMPTY_GUID, InheritedObjectType: GUIDS.user, AccessControlType: 0, IdentityReference: { Value: "CORP\\provAgentgMSA$" }, IsInherited: false },
      { ActiveDirectoryRights: 16, ObjectType: EMPTY_GUID, InheritedObjectType: GUIDS.contact, AccessControlType: 0, IdentityReference: { Value: "CORP\\provAgentgMSA$" }, IsInherited: false, InheritanceType: 2 },
    ]);
    const result = getAclJson.parse({ fileName: "a.json", text: json, options: OPTIONS });
    expect(result.acls[0].aces?.map((a) => a.inheritanceType)).toEqual(["unknown", "Descendents"]);
    const unknown = warnings(result.issues).filter((m) => m.includes('"unknown"'));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/1 entry applies/);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AD_RIGHTS, EMPTY_GUID, GUIDS } from "@/lib/facts";
import { detectFormat } from "../detect";
import { parseFile } from "../parse-file";
import type { ParseOptions } from "../types";
import sddlText from "./sddl-text";

const GMSA_SID = "S-1-5-21-1004336348-1177238915-682003330-1105";
const ROOT = "DC=corp,DC=contoso,DC=com";
const OPTIONS: ParseOptions = { account: GMSA_SID };
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const parseText = (text: string, options: ParseOptions = OPTIONS) => sddlText.parse({ fileName: "acl.txt", text, options });
const bytes = (text: string) => new TextEncoder().encode(text);

describe("sddl-text: detection", () => {
  it.each(["sddl-lines.txt", "sddl-getacl-formatlist.txt", "sddl-getadobject.csv", "sddl-console-wrapped.txt"])("%s -> sddl-text", (name) => {
    const result = detectFormat({ fileName: name, text: fixture(name), options: {} });
    expect(result.ok ? result.parser.id : result.message).toBe("sddl-text");
  });

  it("leaves a Get-Acl table pasted with its SDDL line to getacl-table", () => {
    const result = detectFormat({ fileName: "t.txt", text: fixture("getacl-table-default-columns-sddl.txt"), options: {} });
    expect(result.ok ? result.parser.id : result.message).toBe("getacl-table");
  });

  it("does not claim the other ACL fixtures or the real samples", () => {
    for (const name of ["getacl.csv", "getacl.json", "getacl-table-wrap.txt", "dsacls-domain-root.txt", "computerinfo-list-multi.txt"]) {
      expect(sddlText.detect({ fileName: name, text: fixture(name), options: {} })).toBe(0);
    }
  });
});

describe("sddl-text: the documented shapes", () => {
  it("reads a file of DN<tab>SDDL lines and DN lines", () => {
    const result = parseText(fixture("sddl-lines.txt"));
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.acls.map((a) => [a.targetDn, a.aces?.length])).toEqual([
      [ROOT, 19],
      ["OU=Sync,DC=corp,DC=contoso,DC=com", 5],
    ]);
    const root = result.acls[0].aces ?? [];
    expect(root[0]).toEqual({
      identity: "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS",
      rights: AD_RIGHTS.ExtendedRight,
      accessType: "allow",
      objectType: GUIDS.replicatingDirectoryChanges,
      inheritedObjectType: EMPTY_GUID,
      inheritanceType: "None",
      isInherited: false,
    });
    expect(root[3]).toMatchObject({ identity: GMSA_SID, rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritanceType: "All" });
    expect(root[4]).toMatchObject({ identity: GMSA_SID, inheritedObjectType: GUIDS.user, inheritanceType: "Descendents" });
    expect(root[13]).toMatchObject({ identity: "corp.contoso.com\\Domain Admins" });
    expect(root[12]).toMatchObject({ identity: "Enterprise Admins", rights: AD_RIGHTS.GenericAll, inheritanceType: "All" });
    expect(root[18]).toMatchObject({ identity: "BUILTIN\\Windows Authorization Access Group", isInherited: true, inheritanceType: "All" });
    expect(result.issues.map((i) => i.message).join(" ")).toMatch(/SACL/);
    expect(result.issues.some((i) => i.row === 3 && /protected/.test(i.message))).toBe(true);
  });

  it("reads Get-Acl | Format-List (Path names the object; the wrapped Sddl value is joined)", () => {
    const result = parseText(fixture("sddl-getacl-formatlist.txt"));
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.acls).toHaveLength(1);
    expect(result.acls[0]).toMatchObject({ targetDn: ROOT, account: GMSA_SID });
    expect(result.acls[0].aces).toHaveLength(19);
  });

  it("reads Get-ADObject ... Export-Csv (#TYPE line, DistinguishedName and Sddl columns)", () => {
    const result = parseText(fixture("sddl-getadobject.csv"));
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.acls.map((a) => [a.targetDn, a.aces?.length])).toEqual([
      [ROOT, 19],
      ["OU=Sync,DC=corp,DC=contoso,DC=com", 5],
    ]);
  });

  it("reads Get-ADObject ... | Select DistinguishedName, Sddl | Format-List records (value wrapped under its column)", () => {
    const text = [
      "DistinguishedName : DC=corp,DC=contoso,DC=com",
      "Sddl              : O:DAG:DAD:AI(A;;RP;;;AU)(OA;CIIO;RP;;bf967aba-0de6-11d0-a285-0",
      `                    0aa003049e2;${GMSA_SID})`,
      "",
      "DistinguishedName : OU=Sync,DC=corp,DC=contoso,DC=com",
      "Sddl              : O:DAG:DAD:PAI(A;;RC;;;AU)",
      "",
    ].join("\r\n");
    const result = parseText(text);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.acls.map((a) => [a.targetDn, a.aces?.length])).toEqual([
      [ROOT, 2],
      ["OU=Sync,DC=corp,DC=contoso,DC=com", 1],
    ]);
    expect(result.acls[0].aces?.[1]).toMatchObject({ identity: GMSA_SID, inheritedObjectType: GUIDS.user, inheritanceType: "Descendents" });
  });

  it("reads (Get-Acl ...).Sddl hard-wrapped by the console, taking the object from the prompt", () => {
    const result = parseText(fixture("sddl-console-wrapped.txt"));
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.acls[0]).toMatchObject({ targetDn: ROOT });
    expect(result.acls[0].aces).toEqual(parseText(fixture("sddl-lines.txt")).acls[0].aces);
  });

  it("imports through parseFile, warning that a gMSA entered by name is matched only through its SID", () => {
    const named = parseFile(bytes(fixture("sddl-lines.txt")), "acl.txt", { account: "CORP\\provAgentgMSA$" });
    expect(named.ok).toBe(true);
    if (named.ok) expect(named.result.issues.map((i) => i.message).join(" ")).toMatch(/recognised only when its SID is known/);
    const bySid = parseFile(bytes(fixture("sddl-lines.txt")), "acl.txt", OPTIONS);
    if (bySid.ok) expect(bySid.result.issues.map((i) => i.message).join(" ")).not.toMatch(/recognised only when its SID is known/);
  });
});

describe("sddl-text: bad input", () => {
  it("refuses an SDDL string the console cut off, naming the line", () => {
    const result = parseText(`${ROOT}\tO:DAG:DAD:AI(A;;RP;;;AU)(A;;RC;;;...`);
    expect(result.acls).toEqual([]);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", row: 1, column: "Sddl", message: expect.stringContaining("cut this SDDL string off") }));
  });

  it("refuses an unclosed string with advice to print it to a file", () => {
    const result = parseText(`${ROOT}\tO:DAG:DAD:AI(A;;RP;;;AU)(OA;CIIO;RP;;bf967aba`);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", row: 1, message: expect.stringMatching(/not closed.*Out-File/) }));
  });

  it("rejects a broken ACE with its position and keeps the rest counted", () => {
    const result = parseText(`${ROOT}\tD:(A;;RP;;;AU)(A;;RQ;;;AU)`);
    expect(result).toMatchObject({ records: 2, rejected: 1 });
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", row: 1, column: "Sddl ACE 2", message: expect.stringContaining('"RQ"') }));
  });

  it("refuses nTSecurityDescriptor printed as its type name", () => {
    const text = `DistinguishedName    : ${ROOT}\nnTSecurityDescriptor : System.DirectoryServices.ActiveDirectorySecurity\n`;
    const result = parseText(text);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", row: 2, message: expect.stringContaining("$_.nTSecurityDescriptor.Sddl") }));
  });

  it("refuses several SDDL strings that name no object", () => {
    const result = parseText("O:DAG:DAD:(A;;RP;;;AU)\nO:DAG:DAD:(A;;RC;;;AU)\n");
    expect(result.issues[0]).toMatchObject({ severity: "error", message: expect.stringContaining("does not say which object") });
  });

  it("uses options.target for a single string without a DN, and asks for it otherwise", () => {
    expect(parseText("O:DAG:DAD:(A;;RP;;;AU)", { ...OPTIONS, target: ROOT }).acls[0]).toMatchObject({ targetDn: ROOT });
    expect(parseText("O:DAG:DAD:(A;;RP;;;AU)").issues).toContainEqual(expect.objectContaining({ message: expect.stringContaining("target distinguished name") }));
  });

  it("refuses a second string for the same object", () => {
    const result = parseText(`${ROOT}\tD:(A;;RP;;;AU)\n${ROOT}\tD:(A;;RC;;;AU)`);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "error", row: 2, message: expect.stringContaining("second SDDL string") }));
  });
});

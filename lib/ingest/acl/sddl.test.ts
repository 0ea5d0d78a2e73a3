import { describe, expect, it } from "vitest";
import { AD_RIGHTS, EMPTY_GUID, GUIDS } from "@/lib/facts";
import { parseSddl, looksLikeSddl } from "./sddl";
import { parseSddlRights } from "./sddl-rights";
import { dnsNameOfDn, sddlAceToAce, sddlInheritance, sddlTrusteeIdentity } from "./sddl-ace";
import { continuesSddl, readWrappedSddl } from "./sddl-lines";

const GMSA_SID = "S-1-5-21-1004336348-1177238915-682003330-1105";

describe("parseSddlRights (MS-DTYP 2.5.1.1 ace-rights)", () => {
  it("reads two-letter codes", () => {
    expect(parseSddlRights("RPWP")).toEqual({ ok: true, mask: AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty });
    expect(parseSddlRights("CCDC")).toEqual({ ok: true, mask: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild });
    expect(parseSddlRights("CR")).toEqual({ ok: true, mask: AD_RIGHTS.ExtendedRight });
    expect(parseSddlRights("CCDCLCSWRPWPDTLOCRSDRCWDWO")).toEqual({ ok: true, mask: AD_RIGHTS.GenericAll });
  });

  it("maps generic rights the way Active Directory stores them", () => {
    expect(parseSddlRights("GA")).toEqual({ ok: true, mask: AD_RIGHTS.GenericAll });
    expect(parseSddlRights("GR")).toEqual({ ok: true, mask: AD_RIGHTS.GenericRead });
    expect(parseSddlRights("GRGW")).toEqual({ ok: true, mask: AD_RIGHTS.GenericRead | AD_RIGHTS.GenericWrite });
    expect(parseSddlRights("0x10000000")).toEqual({ ok: true, mask: AD_RIGHTS.GenericAll });
  });

  it("reads hex, decimal and octal masks", () => {
    expect(parseSddlRights("0x30")).toEqual({ ok: true, mask: 0x30 });
    expect(parseSddlRights("983551")).toEqual({ ok: true, mask: 0xf01ff });
    expect(parseSddlRights("060")).toEqual({ ok: true, mask: 0x30 });
  });

  it("refuses unknown codes and odd text", () => {
    expect(parseSddlRights("RPXX")).toMatchObject({ ok: false, message: expect.stringContaining('"XX"') });
    expect(parseSddlRights("RPW")).toMatchObject({ ok: false });
    expect(parseSddlRights("0x1FFFFFFFF")).toMatchObject({ ok: false });
  });
});

describe("parseSddl", () => {
  it("reads owner, group, DACL flags and object ACEs", () => {
    const doc = parseSddl(`O:DAG:DAD:PAI(OA;CIIO;RP;;bf967aba-0de6-11d0-a285-00aa003049e2;${GMSA_SID})(A;;RPLCLORC;;;AU)`);
    expect(doc).toMatchObject({ owner: "DA", group: "DA", hasDacl: true, daclFlags: ["P", "AI"], daclAceCount: 2, problems: [] });
    expect(doc.aces[0]).toMatchObject({
      position: 1,
      accessType: "allow",
      containerInherit: true,
      inheritOnly: true,
      rights: AD_RIGHTS.ReadProperty,
      objectType: EMPTY_GUID,
      inheritedObjectType: GUIDS.user,
      trustee: GMSA_SID,
    });
    expect(doc.aces[1]).toMatchObject({ trustee: "AU", rights: AD_RIGHTS.ReadProperty | AD_RIGHTS.ListChildren | AD_RIGHTS.ListObject | AD_RIGHTS.ReadControl });
  });

  it("reads a SID owner followed by the group tag, braced upper-case GUIDs and deny ACEs", () => {
    const doc = parseSddl(`O:${GMSA_SID}G:DUD:(OD;;WP;{28630EBF-41D5-11D1-A9C1-0000F80367C1};;S-1-5-32-548)`);
    expect(doc.owner).toBe(GMSA_SID);
    expect(doc.group).toBe("DU");
    expect(doc.aces[0]).toMatchObject({ accessType: "deny", objectType: "28630ebf-41d5-11d1-a9c1-0000f80367c1", trustee: "S-1-5-32-548" });
  });

  it("skips audit, callback and resource ACEs with a note, and the SACL", () => {
    const doc = parseSddl(
      'D:(XA;;FA;;;WD;(Member_of {SID(BA)}))(AU;SA;RP;;;WD)(A;;RC;;;AU)S:AI(OU;CISA;WP;f30e3bbe-9ff0-11d1-b603-0000f80367c1;bf967aa5-0de6-11d0-a285-00aa003049e2;WD)',
    );
    expect(doc.problems).toEqual([]);
    expect(doc.aces).toHaveLength(1);
    expect(doc.daclAceCount).toBe(3);
    expect(doc.notes.join(" ")).toMatch(/callback \(conditional\) allow ACE/);
    expect(doc.notes.join(" ")).toMatch(/audit ACE/);
    expect(doc.notes.join(" ")).toMatch(/SACL/);
  });

  it("names the ACE and the problem for broken entries, keeping the good ones", () => {
    const doc = parseSddl("D:(A;;RP;;;AU)(Q;;RP;;;AU)(OA;;CR;not-a-guid;;AU)(A;;CR;1131f6aa-9c07-11d1-f79f-00c04fc2dcd2;;AU)(A;XX;RP;;;AU)(A;;RP;;;ZZ)(A;;RP;;AU)");
    expect(doc.aces.map((a) => a.position)).toEqual([1]);
    const byPosition = Object.fromEntries(doc.problems.map((p) => [p.position, p.message]));
    expect(byPosition[2]).toMatch(/not an SDDL ACE type/);
    expect(byPosition[3]).toMatch(/not a GUID/);
    expect(byPosition[4]).toMatch(/cannot carry object GUIDs/);
    expect(byPosition[5]).toMatch(/not an SDDL ACE flag/);
    expect(byPosition[6]).toMatch(/neither a SID/);
    expect(byPosition[7]).toMatch(/6 fields/);
  });

  it("refuses a string that is cut off, garbled or a null DACL", () => {
    expect(parseSddl("O:DAG:DAD:AI(A;;RP;;;AU)(OA;CIIO;RP;;bf967aba").problems[0].message).toMatch(/not closed/);
    expect(parseSddl("hello").problems[0].message).toMatch(/expected O:, G:, D: or S:/);
    expect(parseSddl("D:NO_ACCESS_CONTROL").problems[0].message).toMatch(/null DACL/);
    expect(parseSddl("D:(A;;RP;;;AU)D:(A;;RP;;;AU)").problems[0].message).toMatch(/twice/);
  });

  it("ignores whitespace a console wrap left inside the string", () => {
    const doc = parseSddl("O:DAG:DAD:AI(A;;RP;;;A\nU)(OA;CIIO;RP;;bf967aba-0de6-\n11d0-a285-00aa003049e2;AU)");
    expect(doc.problems).toEqual([]);
    expect(doc.aces).toHaveLength(2);
  });

  it("recognises SDDL at the start of a line", () => {
    expect(looksLikeSddl("O:DAG:DAD:AI(A;;RP;;;AU)")).toBe(true);
    expect(looksLikeSddl("D:PAI(A;;RP;;;AU)")).toBe(true);
    expect(looksLikeSddl("DC=corp,DC=contoso,DC=com")).toBe(false);
    expect(looksLikeSddl("Owner  : CORP\\Domain Admins")).toBe(false);
  });
});

describe("SDDL ACE -> facts model", () => {
  const flags = (s: string) => ({ containerInherit: s.includes("CI"), objectInherit: s.includes("OI"), noPropagateInherit: s.includes("NP"), inheritOnly: s.includes("IO") });

  it("maps CI/NP/IO to ActiveDirectorySecurityInheritance (reference §3.5)", () => {
    expect(sddlInheritance(flags(""))).toBe("None");
    expect(sddlInheritance(flags("CI"))).toBe("All");
    expect(sddlInheritance(flags("CIIO"))).toBe("Descendents");
    expect(sddlInheritance(flags("CINP"))).toBe("SelfAndChildren");
    expect(sddlInheritance(flags("CINPIO"))).toBe("Children");
    expect(sddlInheritance(flags("OI"))).toBe("None");
  });

  it("names trustees as Get-Acl does, never inventing a domain SID", () => {
    expect(sddlTrusteeIdentity("AU")).toBe("NT AUTHORITY\\Authenticated Users");
    expect(sddlTrusteeIdentity("PS")).toBe("NT AUTHORITY\\SELF");
    expect(sddlTrusteeIdentity("ED")).toBe("NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS");
    expect(sddlTrusteeIdentity("SY")).toBe("NT AUTHORITY\\SYSTEM");
    expect(sddlTrusteeIdentity("BA")).toBe("BUILTIN\\Administrators");
    expect(sddlTrusteeIdentity("AO")).toBe("BUILTIN\\Account Operators");
    expect(sddlTrusteeIdentity("RU")).toBe("BUILTIN\\Pre-Windows 2000 Compatible Access");
    expect(sddlTrusteeIdentity("S-1-5-32-560")).toBe("BUILTIN\\Windows Authorization Access Group");
    expect(sddlTrusteeIdentity("S-1-5-9")).toBe("NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS");
    expect(sddlTrusteeIdentity("DA", { domain: "corp.contoso.com" })).toBe("corp.contoso.com\\Domain Admins");
    expect(sddlTrusteeIdentity("DA")).toBe("Domain Admins");
    expect(sddlTrusteeIdentity("EA", { domain: "corp.contoso.com" })).toBe("Enterprise Admins");
    expect(sddlTrusteeIdentity(GMSA_SID)).toBe(GMSA_SID);
    expect(sddlTrusteeIdentity("S-1-5-21-1-2-3-512")).toBe("S-1-5-21-1-2-3-512");
  });

  it("reads the domain's DNS name from a DN", () => {
    expect(dnsNameOfDn("OU=Sync,DC=Corp,DC=contoso,DC=com")).toBe("corp.contoso.com");
    expect(dnsNameOfDn("CN=Configuration")).toBeUndefined();
  });

  it("builds a valid Ace with ID -> isInherited, and skips inherit-only ACEs that are not inheritable", () => {
    const doc = parseSddl(`D:(OA;CIIOID;RP;;bf967a86-0de6-11d0-a285-00aa003049e2;${GMSA_SID})(A;IO;RP;;;AU)`);
    const first = sddlAceToAce(doc.aces[0]);
    expect(first).toEqual({
      ok: true,
      ace: {
        identity: GMSA_SID,
        rights: AD_RIGHTS.ReadProperty,
        accessType: "allow",
        objectType: EMPTY_GUID,
        inheritedObjectType: GUIDS.computer,
        inheritanceType: "Descendents",
        isInherited: true,
      },
    });
    expect(sddlAceToAce(doc.aces[1])).toMatchObject({ ok: "skip", note: expect.stringContaining("applies to no object") });
  });
});

describe("console-wrapped SDDL", () => {
  it("joins continuation lines while the string is incomplete or the next line starts an ACE", () => {
    expect(continuesSddl("O:DAG:DAD:AI(A;;RP;;;A", "U)(A;;RC;;;AU)")).toBe(true);
    expect(continuesSddl("O:DAG:DAD:AI(A;;RP;;;AU)", "(A;;RC;;;AU)")).toBe(true);
    expect(continuesSddl("O:DAG:DAD:AI(A;;RP;;;AU)", "S:AI(AU;SA;RP;;;WD)")).toBe(true);
    expect(continuesSddl("O:DAG:DAD:AI(A;;RP;;;AU)", "OU=Sync,DC=corp,DC=contoso,DC=com")).toBe(false);
    expect(continuesSddl("O:DAG:DAD:AI(A;;RP;;;AU)", "ActiveDirectoryRights InheritanceType")).toBe(false);
    expect(continuesSddl("O:DAG:DAD:AI(A;;RP;;;A", "")).toBe(false);
  });

  it("reads a Format-List value with indented continuation lines", () => {
    const lines = ["Sddl   : O:DAG:DAD:AI(A;;RP;;;A", "         U)(OA;CIIO;RP;;bf967aba-0de6-11d0-a285-00aa003049e2;", "         AU)", "", "Path : x"];
    const read = readWrappedSddl(lines, 0, "O:DAG:DAD:AI(A;;RP;;;A");
    expect(read).toEqual({ sddl: "O:DAG:DAD:AI(A;;RP;;;AU)(OA;CIIO;RP;;bf967aba-0de6-11d0-a285-00aa003049e2;AU)", next: 3, wrapped: true });
  });
});

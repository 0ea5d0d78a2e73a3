import { describe, expect, it } from "vitest";
import type { AceView } from "./analyze";
import { CUSTOM_GMSA_PERMISSIONS, PHS_PERMISSIONS, requiredPermission } from "./required";
import { dsaclsAccount, dsaclsCommand, grantScript, psQuote, removalScript } from "./scripts";

const readUser = requiredPermission("read-user");
if (readUser === undefined) throw new Error("read-user missing");

describe("psQuote and accounts", () => {
  it("doubles single quotes", () => expect(psQuote("OU=O'Brien,DC=x")).toBe("'OU=O''Brien,DC=x'"));
  it("doubles typographic single quotes and keeps uploaded text on one line", () => {
    expect(psQuote("CORP\\evil\u2019; calc; \u2018")).toBe("'CORP\\evil\u2019\u2019; calc; \u2018\u2018'");
    expect(psQuote("a\nWrite-Host pwned")).toBe("'a Write-Host pwned'");
  });
  it("keeps a hostile account inside literals and comments in a whole script", () => {
    const account = "CORP\\evil\u2019; calc; \u2018\nWrite-Host pwned";
    const script = grantScript({ targetDn: "DC=corp,DC=contoso,DC=com", account, permissions: [], purpose: `Grants ${account}.` });
    for (const line of script.split("\n")) {
      if (line.includes("pwned")) expect(line.startsWith("#") || line.startsWith("$account = '")).toBe(true);
    }
    expect(script).toContain("$account = 'CORP\\evil\u2019\u2019; calc; \u2018\u2018 Write-Host pwned'");
  });
  it("adds the NetBIOS domain to a bare account", () => {
    expect(dsaclsAccount("provAgentgMSA$", "corp")).toBe("CORP\\provAgentgMSA$");
    expect(dsaclsAccount("FABRIKAM\\svc$", "corp")).toBe("FABRIKAM\\svc$");
    expect(dsaclsAccount("provAgentgMSA$", null)).toBe("provAgentgMSA$");
  });
  it("writes ADSyncConfig-style dsacls lines", () => {
    expect(dsaclsCommand("DC=corp,DC=contoso,DC=com", "CORP\\provAgentgMSA$", readUser)).toBe(
      'dsacls "DC=corp,DC=contoso,DC=com" /I:S /G "CORP\\provAgentgMSA$:RP;;user"',
    );
    expect(dsaclsCommand("DC=x", "X\\a$", PHS_PERMISSIONS[1])).toBe('dsacls "DC=x" /G "X\\a$:CA;Replicating Directory Changes All"');
  });
});

describe("grantScript", () => {
  const script = grantScript({ targetDn: "DC=corp,DC=contoso,DC=com", account: "CORP\\provAgentgMSA$", permissions: CUSTOM_GMSA_PERMISSIONS, purpose: "Test." });

  it("supports -WhatIf and stops on errors", () => {
    expect(script).toContain("[CmdletBinding(SupportsShouldProcess = $true)]");
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
    expect(script.match(/\$PSCmdlet\.ShouldProcess/g)).toHaveLength(CUSTOM_GMSA_PERMISSIONS.length);
  });

  it("checks each grant before running dsacls, and checks its exit code", () => {
    const checks = [...script.matchAll(/^if \(Test-GmsaGrant/gm)].length;
    const grants = [...script.matchAll(/^ {4}& dsacls\.exe/gm)].length;
    expect(checks).toBe(CUSTOM_GMSA_PERMISSIONS.length);
    expect(grants).toBe(CUSTOM_GMSA_PERMISSIONS.length);
    expect(script.match(/\$LASTEXITCODE -ne 0/g)).toHaveLength(CUSTOM_GMSA_PERMISSIONS.length);
  });

  it("never lets PowerShell expand '$account:' as a drive-qualified variable", () => {
    expect(script).not.toMatch(/"\$account:/);
    expect(script).toContain("($account + ':GA;;group')");
  });

  it("accepts either device class when checking", () => {
    expect(script).toContain("-InheritedObjectTypes @('bf967a8e-0de6-11d0-a285-00aa003049e2', '5df2b673-6d41-4774-b3e8-d52e8ee9ff99')");
  });

  it("uses the documented inheritance per permission", () => {
    expect(script).toContain("'/I:T' '/G' ($account + ':CCDC;user')");
    expect(script).toContain("-Inheritance @('All', 'Descendents')");
  });
});

describe("removalScript", () => {
  const view = (init: Partial<AceView>): AceView => ({
    index: 9,
    identity: "CORP\\provAgentgMSA$",
    via: null,
    accessType: "allow",
    rights: 983551,
    rightsNames: ["GenericAll"],
    objectType: "00000000-0000-0000-0000-000000000000",
    objectTypeName: null,
    inheritedObjectType: "00000000-0000-0000-0000-000000000000",
    inheritedObjectTypeName: null,
    inheritanceType: "All",
    isInherited: false,
    summary: "Allow CORP\\provAgentgMSA$: GenericAll",
    ...init,
  });

  it("removes explicit ACEs idempotently and comments on group/inherited ones", () => {
    const script = removalScript({
      targetDn: "DC=corp,DC=contoso,DC=com",
      account: "CORP\\provAgentgMSA$",
      remove: [view({}), view({ index: 10, via: ["CORP\\Domain Admins"], identity: "CORP\\Domain Admins" }), view({ index: 11, isInherited: true })],
      regrant: [readUser],
      purpose: "Test.",
    });
    expect(script.match(/RemoveAccessRuleSpecific/g)).toHaveLength(1);
    expect(script).toContain("if ($found.Count -eq 0) {");
    expect(script).toContain("# Not changed here: Allow CORP\\provAgentgMSA$: GenericAll reaches the gMSA through CORP\\Domain Admins");
    expect(script).toContain("is inherited; change it on the parent object");
    expect(script).toContain("($account + ':RP;;user')");
  });
});

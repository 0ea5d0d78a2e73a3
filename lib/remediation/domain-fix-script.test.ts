import { describe, expect, it } from "vitest";
import { AD_RIGHTS, EMPTY_GUID, GUIDS, type Ace, type AclFacts, type DomainFacts, domainAttestationKeySchema } from "@/lib/facts";
import { evaluateRules } from "@/lib/readiness";
import { analyzeAcl, getRule, RULES, type RuleContext } from "@/lib/rules";
import { buildDomainFixScript, domainFixCoverage, domainFixScriptFileName, dsaclsPerms, planDomainFixes, psLiteral, safeAccount, safeDn } from "./domain-fix-script";

const AS_OF = "2026-08-01T12:00:00Z";
const DN = "DC=corp,DC=contoso,DC=com";
const GMSA = "CORP\\provAgentgMSA$";
const SHARED_RULES = RULES.filter((rule) => rule.meta.scope === "domain" || rule.meta.scope === "gmsa-acl");

const ace = (init: Partial<Ace> & Pick<Ace, "rights">): Ace => ({
  identity: GMSA,
  accessType: "allow",
  objectType: EMPTY_GUID,
  inheritedObjectType: EMPTY_GUID,
  inheritanceType: "None",
  isInherited: false,
  ...init,
});

const readAll = (cls: string) => ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: cls });

/** The documented custom-gMSA set plus both replication rights: everything a default scope needs. */
const FULL_GRANTS: Ace[] = [
  ...[GUIDS.device, GUIDS.inetOrgPerson, GUIDS.computer, GUIDS.foreignSecurityPrincipal, GUIDS.user, GUIDS.contact].map(readAll),
  ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents", inheritedObjectType: GUIDS.group }),
  ace({ rights: AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild, objectType: GUIDS.user, inheritanceType: "All" }),
  ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChanges }),
  ace({ rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChangesAll }),
];

const HEALTHY_DOMAIN: DomainFacts = {
  dnsName: "corp.contoso.com",
  netbiosName: "CORP",
  distinguishedName: DN,
  forestName: "contoso.com",
  schemaVersion: 88,
  domainControllers: [{ name: "DC01", osCaption: "Windows Server 2022 Datacenter", osBuild: 20348, rsatAdPowerShell: true }],
  kdsRootKeys: [{ id: "5c3a1c2e-2d6f-4b0a-9d8e-1f2a3b4c5d6e", effectiveTime: "2026-07-01T09:30:00Z", createdTime: "2026-07-01T09:30:00Z" }],
  functionalLevels: { domain: 7, forest: 7 },
  protectedObjects: { inheritanceDisabledCount: 0, adminCountCount: 0, samples: [] },
  gmsa: { samAccountName: "provAgentgMSA$", sid: "S-1-5-21-1004336348-1177238915-682003330-1105" },
  groupMemberships: { [GMSA]: [] },
  collectedAt: "2026-07-31T08:00:00Z",
};

const acl = (aces: Ace[], extra: Partial<AclFacts> = {}): AclFacts => ({ targetDn: DN, account: GMSA, aces, ...extra });

function script(domain: DomainFacts | undefined, aclFacts: AclFacts | undefined, name = "corp.contoso.com") {
  const ctx: RuleContext = { asOf: AS_OF, domain, acl: aclFacts };
  const results = evaluateRules(SHARED_RULES, ctx);
  const text = buildDomainFixScript({ domain: name, generatedAt: AS_OF, rulesetVersion: "rs-test", results, ctx, titleOf: (id) => getRule(id)?.meta.title });
  return { results, text, lines: text.split("\n"), plan: planDomainFixes({ domain: name, results, ctx }) };
}

const statusOf = (results: { ruleId: string; status: string }[], id: string) => results.find((r) => r.ruleId === id)?.status;

/** The region (between `#region N.` and its `#endregion`) whose header names the rule. */
function region(lines: string[], ruleId: string): string {
  const start = lines.findIndex((line) => line.startsWith("#region ") && line.includes(ruleId));
  if (start < 0) return "";
  return lines.slice(start, lines.indexOf("#endregion", start) + 1).join("\n");
}

/**
 * A PowerShell tokenizer-level view of a line: comments dropped, single-quoted literals (with '' and the
 * typographic single quotes PowerShell also accepts) replaced by ''. What remains is code.
 */
function codeOf(line: string): string {
  let out = "";
  let i = 0;
  const quote = /['\u2018\u2019\u201A\u201B]/;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "#") break;
    if (quote.test(ch)) {
      i += 1;
      while (i < line.length) {
        if (quote.test(line[i])) {
          if (i + 1 < line.length && quote.test(line[i + 1])) {
            i += 2;
            continue;
          }
          break;
        }
        i += 1;
      }
      if (i >= line.length) throw new Error(`unterminated single-quoted string: ${line}`);
      out += "''";
      i += 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

describe("buildDomainFixScript for a domain failing each kind of rule", () => {
  const broken: DomainFacts = {
    ...HEALTHY_DOMAIN,
    schemaVersion: 69,
    kdsRootKeys: [],
    domainControllers: [{ name: "DC01", osCaption: "Windows Server 2019 Standard", osBuild: 17763, rsatAdPowerShell: false }],
  };
  // The gMSA reads users and computers only, is denied reading contacts, and holds an excess GenericAll on computers.
  const brokenAcl = acl([
    readAll(GUIDS.user),
    readAll(GUIDS.computer),
    ace({ accessType: "deny", rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.contact }),
    ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents", inheritedObjectType: GUIDS.computer }),
  ]);
  const { results, text, lines } = script(broken, brokenAcl);

  it("fails the rules the test means to fail", () => {
    for (const id of [
      "domain-kds-root-key",
      "domain-rsat-ad-powershell",
      "domain-schema-cloud-sync",
      "gmsa-acl-read-objects",
      "gmsa-acl-groups-full-control",
      "gmsa-acl-create-delete-users",
      "gmsa-acl-phs",
      "gmsa-acl-deny",
      "gmsa-acl-excess",
    ]) {
      expect(statusOf(results, id), id).toBe("fail");
    }
    expect(statusOf(results, "domain-schema-gmsa")).toBe("pass");
  });

  it("starts with a header of comments, then an advanced script with -WhatIf support and the real DN", () => {
    expect(lines[0]).toBe(`# Cloud Sync Readiness domain fix script for corp.contoso.com (${DN}).`);
    const header = lines.slice(0, lines.indexOf("#Requires -Version 5.1"));
    expect(header.every((line) => line.startsWith("#"))).toBe(true);
    const headerText = header.join("\n");
    expect(headerText).toContain("Generated at 2026-08-01T12:00:00Z with ruleset rs-test");
    expect(headerText).toContain(".\\corp.contoso.com-cloudsync-domain-fix.ps1 -WhatIf");
    expect(headerText).toContain("Safe to run twice");
    expect(headerText).toMatch(/Domain Admins/);
    expect(headerText).toMatch(/Schema Admins and Enterprise Admins/);
    expect(headerText).toContain("Stops at the first error");
    const first = lines.findIndex((line) => line.trim() !== "" && !line.startsWith("#"));
    expect(lines[first]).toBe("[CmdletBinding(SupportsShouldProcess)]");
    expect(text).toContain(`$DomainDn = '${DN}'`);
    expect(text).toContain("$DomainDns = 'corp.contoso.com'");
    expect(text).toContain(`$GmsaAccount = '${GMSA}'`);
    expect(text).toContain("$ErrorActionPreference = 'Stop'");
  });

  it("installs RSAT, creates the KDS root key with the 10-hour caveat, and names the adprep step", () => {
    const rsat = region(lines, "domain-rsat-ad-powershell");
    expect(rsat.indexOf("Get-WindowsFeature -Name RSAT-AD-PowerShell")).toBeLessThan(rsat.indexOf("Install-WindowsFeature -Name RSAT-AD-PowerShell"));
    const kds = region(lines, "domain-kds-root-key");
    expect(kds).toContain("Assert-CsrRole -Role DomainAdmins, EnterpriseAdmins");
    expect(kds).toContain("wait up to 10 hours");
    expect(kds).toContain("single-DC test lab only");
    expect(kds.indexOf("Get-KdsRootKey)")).toBeLessThan(kds.indexOf("Add-KdsRootKey -EffectiveImmediately\n"));
    expect(kds).toMatch(/ShouldProcess\(\$DomainDns, 'Add-KdsRootKey -EffectiveImmediately'\)\) \{\n\s+\$keyId = Add-KdsRootKey -EffectiveImmediately/);
    const schema = region(lines, "domain-schema-cloud-sync");
    expect(schema).toContain("adprep.exe /forestprep");
    expect(schema).toContain("$objectVersion -lt 87");
    expect(schema).toContain("Schema Admins and Enterprise Admins");
    expect(schema).not.toMatch(/^\s*& .*adprep/m);
  });

  it("grants exactly the missing documented permissions, each with its dsacls line and a Set-Acl rule", () => {
    const read = region(lines, "gmsa-acl-read-objects");
    // Missing: device, inetOrgPerson, foreignSecurityPrincipal, contact (denied). Present: user, computer.
    for (const cls of ["device", "inetOrgPerson", "foreignSecurityPrincipal", "contact"]) {
      expect(read).toContain(`#   dsacls "${DN}" /I:S /G "${GMSA}:RP;;${cls}"`);
    }
    expect(read).not.toContain(`RP;;user"`);
    expect(read).not.toContain(`RP;;computer"`);
    expect(read).toContain(`-InheritedObjectType '${GUIDS.device}'`);
    expect(read).toContain("ActiveDirectoryAccessRule(gMSA SID, ReadProperty, Allow, all 00000000-0000-0000-0000-000000000000, Descendents, device");
    const phs = region(lines, "gmsa-acl-phs");
    expect(phs).toContain(`#   dsacls "${DN}" /G "${GMSA}:CA;Replicating Directory Changes"`);
    expect(phs).toContain(`#   dsacls "${DN}" /G "${GMSA}:CA;Replicating Directory Changes All"`);
    expect(phs).toContain(`-ObjectType '${GUIDS.replicatingDirectoryChangesAll}'`);
    expect(region(lines, "gmsa-acl-groups-full-control")).toContain(`/I:S /G "${GMSA}:GA;;group"`);
    expect(region(lines, "gmsa-acl-create-delete-users")).toContain(`/I:T /G "${GMSA}:CCDC;user"`);
    // Each grant: checked first, then changed inside ShouldProcess only.
    for (const block of text.split("\nif (Test-CsrGrant").slice(1)) {
      const body = block.slice(0, block.indexOf("\n}\n"));
      expect(body).toMatch(/Already granted/);
      expect(body).toMatch(/\} elseif \(\$PSCmdlet\.ShouldProcess\(\$GrantTarget, 'Grant CORP\\provAgentgMSA\$ /);
    }
    const grantCalls = lines.filter((line) => line.trim().startsWith("Grant-CsrAce "));
    const checks = lines.filter((line) => line.trim().startsWith("if (Test-CsrGrant "));
    expect(grantCalls.length).toBe(checks.length);
    // 4 read + groups + create/delete + 2 PHS.
    expect(grantCalls).toHaveLength(8);
    // The Set-Acl path and the dsacls path both exist in the helper.
    expect(text).toContain("New-Object System.DirectoryServices.ActiveDirectoryAccessRule(");
    expect(text).toContain("Set-Acl -Path ('AD:\\' + $Target) -AclObject $acl");
    expect(text).toContain("& dsacls.exe $Target @DsaclsArgs");
    expect(text).toContain("[ValidateSet('SetAcl', 'Dsacls')]");
  });

  it("removes the Deny ACE before granting and the excess ACE after, matched on every field and idempotently", () => {
    const order = ["gmsa-acl-deny", "gmsa-acl-read-objects", "gmsa-acl-excess"].map((id) => lines.findIndex((l) => l.startsWith("#region ") && l.includes(id)));
    expect(order[0]).toBeLessThan(order[1]);
    expect(order[1]).toBeLessThan(order[2]);
    const deny = region(lines, "gmsa-acl-deny");
    expect(deny).toContain(`Remove-CsrAce -Target $AclTarget -Type 'Deny' -Rights 16 -ObjectType '${EMPTY_GUID}' -InheritedObjectType '${GUIDS.contact}' -Inheritance 'Descendents'`);
    const excess = region(lines, "gmsa-acl-excess");
    expect(excess).toContain(`-Type 'Allow' -Rights ${AD_RIGHTS.GenericAll}`);
    expect(text).toContain("if ($found.Count -eq 0) { Write-Output ('Already absent: ' + $Summary); return }");
  });

  it("stops at the first failing step and names it; braces and quotes balance", () => {
    expect(lines.filter((l) => l.startsWith("#region "))).toHaveLength(9);
    expect(text).toMatch(/throw \('Step 1\. domain-rsat-ad-powershell failed' \+ ': ' \+ \$_\.Exception\.Message/);
    const code = lines.map(codeOf).join("\n");
    expect((code.match(/\{/g) ?? []).length).toBe((code.match(/\}/g) ?? []).length);
    expect((code.match(/\(/g) ?? []).length).toBe((code.match(/\)/g) ?? []).length);
  });
});

describe("buildDomainFixScript for a passing domain", () => {
  it("emits no step and says there is nothing to fix", () => {
    // Every per-domain attestation recorded as done (domain-gmsa-admin-credentials, domain-admin-hardening).
    const attestations = domainAttestationKeySchema.options.map((key) => ({ key, attested: true, by: "lead@contoso.com", at: "2026-07-01T00:00:00Z" }));
    const { results, text } = script({ ...HEALTHY_DOMAIN, attestations }, acl(FULL_GRANTS));
    const open = results.filter((r) => r.status !== "pass" && r.ruleId !== "domain-protected-objects");
    expect(open).toEqual([]);
    expect(text).toContain("# Nothing to fix by script");
    expect(text).not.toContain("#region");
    expect(text).not.toMatch(/Add-KdsRootKey -EffectiveImmediately$|Grant-CsrAce -Target|Install-WindowsFeature -Name/m);
    expect(text).toContain("Write-Output 'Nothing to fix by script for corp.contoso.com.'");
  });
});

describe("buildDomainFixScript for a domain with facts not collected", () => {
  it("runs the checking steps for unknown results (each checks first) and grants only what the rule needs", () => {
    const partial: DomainFacts = { ...HEALTHY_DOMAIN, kdsRootKeys: undefined, domainControllers: [{ name: "DC01", osBuild: 20348 }] };
    const { results, lines } = script(partial, undefined);
    expect(statusOf(results, "domain-kds-root-key")).toBe("unknown");
    expect(statusOf(results, "gmsa-acl-read-objects")).toBe("unknown");
    expect(region(lines, "domain-kds-root-key")).toContain("$keys = @(Get-KdsRootKey)");
    expect(region(lines, "domain-rsat-ad-powershell")).toContain("if ($feature.Installed)");
    // No ACL export: the whole documented set of each rule is checked, and nothing from an inapplicable set.
    expect(lines.filter((l) => l.trim().startsWith("Grant-CsrAce "))).toHaveLength(10);
    expect(lines.join("\n")).not.toContain("Reset Password");
    expect(lines.some((l) => l.startsWith("#region") && l.includes("gmsa-acl-deny"))).toBe(false);
  });

  it("lists rules without a script for manual action", () => {
    const old: DomainFacts = { ...HEALTHY_DOMAIN, domainControllers: [{ name: "DC00", osCaption: "Windows Server 2008 R2", osBuild: 7601, rsatAdPowerShell: true }] };
    const { results, lines } = script(old, acl(FULL_GRANTS));
    expect(statusOf(results, "domain-dc-2012")).toBe("fail");
    const manual = lines.indexOf("# Needs manual action (no script can fix these):");
    expect(manual).toBeGreaterThan(0);
    expect(lines.slice(manual).some((l) => l.startsWith("#   domain-dc-2012 (blocker): At least one domain controller") && l.includes("Install-ADDSDomainController"))).toBe(true);
  });
});

describe("domainFixCoverage", () => {
  it("names the scripted steps, counts the grants and groups the rest by reason", () => {
    const domain: DomainFacts = { ...HEALTHY_DOMAIN, kdsRootKeys: [], gmsa: undefined };
    const ctx: RuleContext = { asOf: AS_OF, domain };
    const results = evaluateRules(SHARED_RULES, ctx);
    const coverage = domainFixCoverage({ domain: "corp.contoso.com", results, ctx });
    expect(coverage.steps.map((s) => s.ruleIds.join(","))).toEqual(["domain-kds-root-key"]);
    expect(coverage.grants).toBe(0);
    const noGmsa = coverage.manual.find((group) => group.reason.startsWith("The gMSA is not known"));
    expect(noGmsa?.ruleIds).toEqual(expect.arrayContaining(["gmsa-acl-read-objects", "gmsa-acl-phs"]));
    expect(coverage.manualRuleIds).toEqual(coverage.manual.flatMap((group) => group.ruleIds));

    const { plan } = script({ ...HEALTHY_DOMAIN }, acl(FULL_GRANTS.slice(0, 6)));
    const grants = domainFixCoverage({ domain: "corp.contoso.com", results: evaluateRules(SHARED_RULES, { asOf: AS_OF, domain: HEALTHY_DOMAIN, acl: acl(FULL_GRANTS.slice(0, 6)) }), ctx: { asOf: AS_OF, domain: HEALTHY_DOMAIN, acl: acl(FULL_GRANTS.slice(0, 6)) } });
    expect(plan.steps.map((s) => s.ruleIds[0])).toEqual(["gmsa-acl-groups-full-control", "gmsa-acl-create-delete-users", "gmsa-acl-phs"]);
    expect(grants.grants).toBe(4);
  });

  it("never leaves a variable that PowerShell would confuse with $script:Pending (names are case-insensitive)", () => {
    const { text } = script({ ...HEALTHY_DOMAIN, kdsRootKeys: [], schemaVersion: 56 }, undefined);
    expect(text).toContain("$script:Pending += (");
    expect(text).not.toMatch(/\$pending\b/i);
  });
});

describe("escaping of uploaded values", () => {
  const HOSTILE = ["x'; Remove-Item C:\\ -Recurse; '", "$(Invoke-Expression 'calc')", "a`nb", "line\nWrite-Host pwned", "typo\u2019; calc; \u2018"];

  it("psLiteral doubles every kind of single quote and keeps one line", () => {
    expect(psLiteral("it's")).toBe("'it''s'");
    expect(psLiteral("it\u2019s")).toBe("'it\u2019\u2019s'");
    expect(psLiteral("a\nb\r\nc")).toBe("'a b c'");
    for (const value of HOSTILE) expect(codeOf(psLiteral(value))).toBe("''");
  });

  it("refuses odd DNs and account names", () => {
    expect(safeDn("OU=Sync Scope,DC=corp,DC=contoso,DC=com")).toBe("OU=Sync Scope,DC=corp,DC=contoso,DC=com");
    expect(safeDn(DN)).toBe(DN);
    expect(safeAccount(GMSA)).toBe(GMSA);
    expect(safeAccount("provAgentgMSA$")).toBe("provAgentgMSA$");
    for (const value of HOSTILE) {
      expect(safeDn(`DC=${value},DC=com`)).toBeNull();
      expect(safeAccount(`CORP\\${value}`)).toBeNull();
    }
    expect(safeAccount("CORP\\a$b")).toBeNull();
  });

  it("never lets a hostile DN, account or domain name reach code", () => {
    for (const value of HOSTILE) {
      const domain: DomainFacts = { ...HEALTHY_DOMAIN, distinguishedName: `DC=${value},DC=com`, kdsRootKeys: [] };
      const hostileAcl = acl([], { account: `CORP\\${value}`, targetDn: `OU=${value},DC=com` });
      const { text, lines, plan } = script(domain, hostileAcl, `corp${value}.com`);
      // Every line parses at the quote level, and the hostile text never appears outside a literal or comment.
      const code = lines.map(codeOf).join("\n");
      expect(code).not.toMatch(/calc|Remove-Item C|pwned|Invoke-Expression/);
      expect(code).not.toContain("`n");
      // The ACL steps are left for manual action, saying why.
      const aclSteps = plan.steps.filter((s) => s.ruleIds.some((id) => id.startsWith("gmsa-acl-")));
      expect(aclSteps.length).toBeGreaterThan(0);
      expect(aclSteps.every((s) => s.lines === null && /characters this script does not put into PowerShell/.test(s.manual ?? ""))).toBe(true);
      expect(text).not.toContain("Grant-CsrAce -Target $GrantTarget");
      // The KDS step still runs (it needs no uploaded value).
      expect(region(lines, "domain-kds-root-key")).toContain("Add-KdsRootKey -EffectiveImmediately");
    }
  });

  it("names the file after the domain with safe characters only", () => {
    expect(domainFixScriptFileName("corp.contoso.com")).toBe("corp.contoso.com-cloudsync-domain-fix.ps1");
    expect(domainFixScriptFileName("../x y'z")).toBe("x_y_z-cloudsync-domain-fix.ps1");
  });
});

describe("dsaclsPerms", () => {
  it("derives the documented dsacls permission text from the shared AD vocabulary", () => {
    const perms = Object.fromEntries(analyzeAcl(undefined, HEALTHY_DOMAIN).permissions.map((f) => [f.id, dsaclsPerms(f.required)]));
    expect(perms).toMatchObject({
      "read-device": "RP;;device",
      "read-user": "RP;;user",
      "read-inetorgperson": "RP;;inetOrgPerson",
      "groups-full-control": "GA;;group",
      "create-delete-users": "CCDC;user",
      "phs-replicating-directory-changes": "CA;Replicating Directory Changes",
      "phs-replicating-directory-changes-all": "CA;Replicating Directory Changes All",
      "writeback-reset-password": "CA;Reset Password;user",
      "writeback-lockouttime": "WP;lockoutTime;user",
      "writeback-pwdlastset": "WP;pwdLastSet;user",
      "writeback-unexpire-password": "CA;Unexpire Password",
    });
  });
});

import { HINT } from "./domain/collect";
import { DCS_FACT, readDomainControllers, type DcView } from "./domain/domain-controllers";
import { psSingleQuoted } from "./domain/powershell";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

function evaluateRsat(ctx: RuleContext): RuleOutcome {
  const dcs = readDomainControllers(ctx);
  if (!Array.isArray(dcs)) return dcs;
  const found = dcs.map((dc) =>
    evidence(`${DCS_FACT}[${dc.index}].rsatAdPowerShell`, { name: dc.label, rsatAdPowerShell: dc.rsatAdPowerShell ?? null }, "true on at least one domain controller"),
  );
  const withModule = dcs.filter((dc) => dc.rsatAdPowerShell === true).map((dc) => dc.label);
  if (withModule.length > 0) {
    return pass(`The AD PowerShell module (RSAT-AD-PowerShell) is installed on ${withModule.join(", ")}.`, found);
  }
  const undecided = dcs.filter((dc) => dc.rsatAdPowerShell === undefined);
  if (undecided.length > 0) {
    return unknown(
      `${DCS_FACT}[${undecided[0]?.index ?? 0}].rsatAdPowerShell`,
      HINT.dcRsatAdPowerShell,
      `No domain controller is known to have RSAT-AD-PowerShell, and it was not checked on ${undecided.map((dc) => dc.label).join(", ")}.`,
      found,
    );
  }
  return fail(`None of the ${dcs.length} domain controller(s) has the AD PowerShell module (RSAT-AD-PowerShell) installed.`, found);
}

function dcNames(ctx: RuleContext): string[] {
  const dcs = readDomainControllers(ctx);
  return Array.isArray(dcs) ? dcs.filter((dc: DcView) => dc.rsatAdPowerShell !== true).map((dc) => dc.label) : [];
}

export default defineRule({
  meta: {
    id: "domain-rsat-ad-powershell",
    title: "The Active Directory module for Windows PowerShell (RSAT-AD-PowerShell) is installed on a domain controller",
    severity: "blocker",
    scope: "domain",
    rationale:
      "The gMSA prerequisites for cloud sync list the PowerShell RSAT modules on a domain controller: the gMSA is " +
      "created and managed with the Active Directory PowerShell cmdlets (New-ADServiceAccount and friends).",
    source: cite(DOCS.prerequisites, "Group Managed Service Accounts > Prerequisites for gMSA", "prerequisites-for-gmsa"),
    otherSources: [cite(DOCS.gmsaGettingStarted, "Prerequisites > Operating system (Windows PowerShell for Active Directory)", "operating-system")],
    notes: [
      "The cloud sync page says \"PowerShell RSAT modules on a domain controller\" without naming a feature; the rule " +
        "checks the Windows feature RSAT-AD-PowerShell (the Active Directory module for Windows PowerShell), which the " +
        "Windows Server gMSA page calls \"Windows PowerShell for Active Directory\" (part of the AD DS RSAT).",
      "Domain controllers promoted with -IncludeManagementTools (the Server Manager default) already have it; the rule " +
        "answers unknown rather than fail when the feature state was not collected for any DC.",
    ],
    remediation: {
      summary: "Install the RSAT-AD-PowerShell feature on at least one domain controller of the domain.",
      steps: [
        "On a domain controller, elevated: Install-WindowsFeature RSAT-AD-PowerShell",
        "Or the whole AD DS tool set: Install-WindowsFeature RSAT-AD-Tools -IncludeAllSubFeature",
        "Verify: Get-WindowsFeature RSAT-AD-PowerShell (Installed = True)",
      ],
    },
  },
  evaluate: evaluateRsat,
  remediationScript: (ctx) => {
    if (evaluateRsat(ctx).status === "pass") return null;
    const names = dcNames(ctx).map(psSingleQuoted).join(", ");
    return [
      "# Installs the Active Directory module for Windows PowerShell (RSAT-AD-PowerShell) on this domain controller.",
      "# Run elevated on one of the domain controllers listed in $reportedWithout. Safe to run twice; supports -WhatIf.",
      "[CmdletBinding(SupportsShouldProcess = $true)]",
      "param()",
      "$ErrorActionPreference = 'Stop'",
      `$reportedWithout = @(${names})`,
      "if ((Get-CimInstance -ClassName Win32_OperatingSystem).ProductType -ne 2) {",
      "    throw 'This is not a domain controller. Run the script on one of: ' + ($reportedWithout -join ', ')",
      "}",
      "$feature = Get-WindowsFeature -Name RSAT-AD-PowerShell",
      "if ($feature.Installed) {",
      "    Write-Output \"RSAT-AD-PowerShell is already installed on $env:COMPUTERNAME; nothing to do.\"",
      "    return",
      "}",
      "if ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, 'Install-WindowsFeature RSAT-AD-PowerShell')) {",
      "    $result = Install-WindowsFeature -Name RSAT-AD-PowerShell",
      "    if (-not $result.Success) { throw 'Install-WindowsFeature RSAT-AD-PowerShell did not succeed.' }",
      "    Write-Output \"RSAT-AD-PowerShell installed on $env:COMPUTERNAME (restart needed: $($result.RestartNeeded)).\"",
      "}",
      "",
    ].join("\n");
  },
  examples: [
    {
      name: "module present on one of two domain controllers",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: {
          dnsName: "corp.contoso.com",
          domainControllers: [
            { name: "DC01", osBuild: 20348, rsatAdPowerShell: false },
            { name: "DC02", osBuild: 20348, rsatAdPowerShell: true },
          ],
        },
      },
    },
    {
      name: "Server Core domain controllers without the module",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: {
          dnsName: "corp.contoso.com",
          domainControllers: [
            { name: "DC01", osBuild: 17763, rsatAdPowerShell: false },
            { name: "DC02", osBuild: 17763, rsatAdPowerShell: false },
          ],
        },
      },
    },
    {
      name: "feature state not collected",
      expect: "unknown",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: { dnsName: "corp.contoso.com", domainControllers: [{ name: "DC01", osBuild: 20348 }] },
      },
    },
  ],
});

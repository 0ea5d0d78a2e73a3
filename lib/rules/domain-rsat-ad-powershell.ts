import { HINT } from "./domain/collect";
import { DCS_FACT, readDomainControllers, type DcView } from "./domain/domain-controllers";
import { psSingleQuoted } from "./domain/powershell";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "./types";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where the collector read the domain (domain.collectedOn), as evidence; null when not recorded. */
function collectedOnEvidence(ctx: RuleContext): Evidence | null {
  const on: unknown = isRecord(ctx.domain) ? ctx.domain.collectedOn : undefined;
  if (!isRecord(on)) return null;
  const name = typeof on.fqdn === "string" ? on.fqdn : typeof on.computerName === "string" ? on.computerName : null;
  const isDc = typeof on.isDomainController === "boolean" ? on.isDomainController : null;
  const rsat = typeof on.rsatAdPowerShell === "boolean" ? on.rsatAdPowerShell : null;
  const method = typeof on.rsatMethod === "string" ? on.rsatMethod : null;
  return evidence(
    "domain.collectedOn",
    { computer: name, isDomainController: isDc, rsatAdPowerShell: rsat, detectedWith: method },
    "where the collector ran; RSAT-AD-PowerShell there counts for this rule only on a domain controller",
  );
}

function evaluateRsat(ctx: RuleContext): RuleOutcome {
  const dcs = readDomainControllers(ctx);
  if (!Array.isArray(dcs)) return dcs;
  const where = collectedOnEvidence(ctx);
  const found = dcs.map((dc) =>
    evidence(`${DCS_FACT}[${dc.index}].rsatAdPowerShell`, { name: dc.label, rsatAdPowerShell: dc.rsatAdPowerShell ?? null }, "true on at least one domain controller"),
  );
  if (where !== null) found.push(where);
  const withModule = dcs.filter((dc) => dc.rsatAdPowerShell === true).map((dc) => dc.label);
  if (withModule.length > 0) {
    return pass(`The AD PowerShell module (RSAT-AD-PowerShell) is installed on ${withModule.join(", ")}.`, found);
  }
  const undecided = dcs.filter((dc) => dc.rsatAdPowerShell === undefined);
  if (undecided.length > 0) {
    const on = where?.actual as { computer: string | null; isDomainController: boolean | null; rsatAdPowerShell: boolean | null } | undefined;
    const offDc =
      on !== undefined && on.isDomainController === false && on.rsatAdPowerShell !== null
        ? ` The collector ran on ${on.computer ?? "a member server"}, not a domain controller, where RSAT-AD-PowerShell is ${on.rsatAdPowerShell ? "installed" : "not installed"}; run it (or the collect command) on a domain controller.`
        : "";
    return unknown(
      `${DCS_FACT}[${undecided[0]?.index ?? 0}].rsatAdPowerShell`,
      HINT.dcRsatAdPowerShell,
      `No domain controller is known to have RSAT-AD-PowerShell, and it was not checked on ${undecided.map((dc) => dc.label).join(", ")}.${offDc}`,
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
      "The collector detects the module on the machine it runs on, domain controller or not (Get-WindowsFeature RSAT-AD-PowerShell on Windows Server, " +
        "Get-WindowsCapability on a Windows client) and records where (domain.collectedOn); only a domain controller's state decides this rule, " +
        "a member server's is shown as evidence.",
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

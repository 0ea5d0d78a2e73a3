import { describe, expect, it } from "vitest";
import { describePowerShellProblems, isRunnablePowerShell, lintPowerShell } from "./lint";

const ok = (code: string) => expect(describePowerShellProblems(code), code).toBe("");
const bad = (code: string, pattern: RegExp) => expect(describePowerShellProblems(code), code).toMatch(pattern);

describe("lintPowerShell", () => {
  it("accepts commands, pipelines, variables, keywords, executables and comments", () => {
    ok("Get-Service -Name VaultSvc | Select-Object Name, StartType");
    ok("(Get-CimInstance Win32_ComputerSystem).PartOfDomain");
    ok("$dn = (Get-ADDomain).DistinguishedName; Get-Acl \"AD:\\$dn\" | Select-Object -ExpandProperty Access");
    ok('dsacls "DC=corp,DC=contoso,DC=com" /I:S /G "CORP\\provAgentgMSA$:RP;;user"');
    ok("netsh winhttp show proxy\nw32tm /query /status\nreg query HKLM\\SOFTWARE\\Policies");
    ok("# Read-only\nGet-ExecutionPolicy -List");
    ok('powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1 -Cloud Public -IncludeDomain');
    ok(".\\Get-CloudSyncReadiness.ps1 -Cloud USGov");
    ok("Test-NetConnection -ComputerName login.microsoftonline.com -Port 443\nTest-NetConnection -ComputerName crl.microsoft.com -Port 80");
    ok("Get-ADObject \"CN=Partitions,$((Get-ADRootDSE).configurationNamingContext)\" -Properties msDS-Behavior-Version");
    ok("Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/domains?$select=id,isVerified'");
    ok("Get-HotFix | Where-Object { $_.HotFixID -eq 'KB5070773' } | ForEach-Object { $_.InstalledOn }");
    ok("Get-Item 'C:\\x' | % { $_.Name } | ? { $_ }");
  });

  it("accepts multi-line scripts: blocks, hashtables, here-strings, attributes, continuations", () => {
    ok(
      [
        "[CmdletBinding(SupportsShouldProcess)]",
        "param([switch]$Force)",
        "$ErrorActionPreference = 'Stop'",
        "<# A block",
        "comment. #>",
        "$values = @{",
        "  SchUseStrongCrypto = 1",
        "  Name = 'x'",
        "}",
        "foreach ($path in @('HKLM:\\A', 'HKLM:\\B')) {",
        "  if (-not (Test-Path $path)) {",
        "    New-Item -Path $path -Force | Out-Null",
        "  } elseif ($Force) {",
        "    Write-Verbose \"$path exists: $($values.Name -join \", \")\"",
        "  } else { continue }",
        "}",
        "Set-ItemProperty -Path 'HKLM:\\A' `",
        "  -Name Enabled -Value 1",
        "$text = @'",
        "Anything (or prose) goes here. It's a literal.",
        "'@",
        "function Set-Thing {",
        "  param($Name)",
        "  try { Get-Item $Name } catch { Write-Warning $_ } finally { }",
        "}",
        "$list = 'a',",
        "  'b'",
        "Get-ChildItem |",
        "  Measure-Object",
      ].join("\n"),
    );
  });

  it("rejects what the old collect hints held", () => {
    bad("Get-ExecutionPolicy -List (or run Get-CloudSyncReadiness.ps1 on the server)", /\(or \.\.\.\)/);
    bad("Test-NetConnection to each required endpoint", /bare word "to"/);
    bad("GET https://graph.microsoft.com/v1.0/domains?$select=id (Domain.Read.All)", /"GET" does not start/);
    bad("Run IdFix (https://github.com/microsoft/idfix) against the in-scope OUs, then record the attestation.", /"Run" does not start/);
    bad("Test-NetConnection -ComputerName a -Port 443; and 9 more endpoint(s)", /"and" does not start/);
    bad("Get-ADComputer SYNC01 -Properties MemberOf, then upload it.", /bare word|full stop/);
    bad("Upload the domain facts with group memberships", /"Upload" does not start/);
    bad("Microsoft Entra admin center > Cloud sync", /"Microsoft" does not start/);
    bad("Get-WindowsFeature RSAT-AD-PowerShell (Installed = True)", /"Installed" does not start/);
    bad("Get-ADObject x -Property objectVersion (87 or more)", /bare word "or"/);
  });

  it("rejects unbalanced quotes and brackets, unquoted placeholders and made-up verbs", () => {
    bad("Get-Item 'C:\\x", /unterminated single-quoted/);
    bad('Get-Item "C:\\x', /unterminated double-quoted/);
    bad("Get-Item (Get-Date", /never closed/);
    bad("Get-Item x)", /unbalanced "\)"/);
    bad("if ($x) { Get-Item x ]", /closes the "\{"/);
    bad("Install-ADDSDomainController -DomainName <domain FQDN>", /placeholder/);
    bad("Run-Collector -Now", /not an approved PowerShell verb/);
    bad("Get-Item “x”", /typographic quote/);
    expect(lintPowerShell("")).toEqual([{ line: 1, message: "empty code" }]);
  });

  it("reports the line of each problem", () => {
    expect(lintPowerShell("Get-Date\nTest-NetConnection to x\nGet-Date")).toEqual([{ line: 2, message: 'the bare word "to" reads as prose, not as an argument' }]);
    expect(isRunnablePowerShell("Get-Date")).toBe(true);
    expect(isRunnablePowerShell("Check the service")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { RULES } from "@/lib/rules";
import { hasPlaceholders, splitRemediationStep } from "./remediation-steps";

describe("splitRemediationStep", () => {
  it("puts the words before the colon outside the command", () => {
    expect(splitRemediationStep("Find the schema master: Get-ADForest | Select-Object SchemaMaster")).toEqual({
      before: "Find the schema master",
      commands: [{ code: "Get-ADForest | Select-Object SchemaMaster" }],
      after: "",
    });
  });

  it("keeps a command that is the whole step", () => {
    expect(splitRemediationStep("Set-Service -Name VaultSvc -StartupType Manual").commands).toEqual([{ code: "Set-Service -Name VaultSvc -StartupType Manual" }]);
  });

  it("moves a trailing prose parenthesis and sentence out of the box, keeping code parentheses", () => {
    expect(splitRemediationStep("Verify on the host: Test-ADServiceAccount -Identity provAgentgMSA (returns True).")).toEqual({
      before: "Verify on the host",
      commands: [{ code: "Test-ADServiceAccount -Identity provAgentgMSA" }],
      after: "(returns True)",
    });
    expect(splitRemediationStep("Add-Computer -DomainName <fqdn> -Credential (Get-Credential) and restart the server.")).toEqual({
      before: "",
      commands: [{ code: "Add-Computer -DomainName <fqdn> -Credential (Get-Credential)" }],
      after: "and restart the server.",
    });
    expect(splitRemediationStep("Lab only: Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))").commands[0]!.code).toBe("Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10))");
  });

  it("offers an '(or …)' command as an alternative box", () => {
    const step = splitRemediationStep(`Check first: Get-Acl "AD:\\<domain DN>" | Select-Object -ExpandProperty Access (or dsacls "<domain DN>" | findstr /i provAgentgMSA).`);
    expect(step.commands).toEqual([
      { code: `Get-Acl "AD:\\<domain DN>" | Select-Object -ExpandProperty Access` },
      { code: `dsacls "<domain DN>" | findstr /i provAgentgMSA`, intro: "or" },
    ]);
  });

  it("does not read English after a cmdlet name as a command", () => {
    const step = splitRemediationStep(`Or grant it on that object: Set-AADCloudSyncPermissions is domain-root only, so use dsacls "<DN>" /G "<DOMAIN>\\gmsa$:RP" (and the writeback rights you use)`);
    expect(step.commands).toEqual([{ code: `dsacls "<DN>" /G "<DOMAIN>\\gmsa$:RP"` }]);
    expect(step.after).toBe("(and the writeback rights you use)");
    expect(splitRemediationStep("Upgrade agents older than 1.1.1365.0 before denying NTLM.")).toEqual({ before: "Upgrade agents older than 1.1.1365.0 before denying NTLM.", commands: [], after: "" });
  });

  it("does not end a command at words inside quotes or braces", () => {
    const code = "Get-Acl 'AD:\\x' | Where-Object { $_.AccessControlType -eq 'Deny and more' -and $_.IdentityReference -like '*gmsa*' }";
    expect(splitRemediationStep(`List them: ${code}`).commands[0]!.code).toBe(code);
  });

  it("writes registry values as the PowerShell that sets them", () => {
    const step = splitRemediationStep("HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319: SystemDefaultTlsVersions = 1 (DWORD), SchUseStrongCrypto = 1 (DWORD)");
    expect(step.before).toBe("Set SystemDefaultTlsVersions = 1 and SchUseStrongCrypto = 1 (DWORD) in HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319");
    expect(step.commands[0]!.code.split("\n")).toEqual([
      "$key = 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319'",
      "if (-not (Test-Path $key)) { New-Item -Path $key -Force | Out-Null }",
      "Set-ItemProperty -Path $key -Name SystemDefaultTlsVersions -Value 1 -Type DWord",
      "Set-ItemProperty -Path $key -Name SchUseStrongCrypto -Value 1 -Type DWord",
    ]);
  });

  it("writes a Graph GET as Invoke-MgGraphRequest with single quotes escaped", () => {
    const step = splitRemediationStep("Verify: GET https://graph.microsoft.com/v1.0/directoryRoles(roleTemplateId='abc')/members?$select=id (Directory.Read.All)");
    expect(step.commands[0]!.code).toBe("Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/directoryRoles(roleTemplateId=''abc'')/members?$select=id'");
    expect(step.after).toContain("Directory.Read.All");
  });

  it("leaves no prose in any registered rule's command boxes", () => {
    for (const rule of RULES) {
      for (const written of rule.meta.remediation.steps ?? []) {
        for (const { code } of splitRemediationStep(written).commands) {
          expect(code, `${rule.meta.id}: ${written}`).not.toMatch(/\s(?:or|then|and|returns|expect)\s+[a-z]/);
          expect(code.endsWith("."), `${rule.meta.id}: ${written}`).toBe(false);
        }
      }
    }
  });

  it("notices placeholders", () => {
    expect(hasPlaceholders('dsacls "<domain DN>" /P:N')).toBe(true);
    expect(hasPlaceholders("Get-KdsRootKey")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import rule from "./domain-rsat-ad-powershell";
import { ctx, describeRuleContract } from "./testing/domain-kit";
import type { DomainFacts } from "@/lib/facts";

const withDcs = (domainControllers: unknown) => ctx({ domain: { domainControllers } as DomainFacts });

describe("domain-rsat-ad-powershell", () => {
  describeRuleContract(rule, "domain-rsat-ad-powershell");

  it("passes when any DC has the module", () => {
    const outcome = rule.evaluate(withDcs([{ name: "DC01", rsatAdPowerShell: false }, { name: "DC02", rsatAdPowerShell: true }]));
    expect(outcome.status).toBe("pass");
    expect(outcome.message).toContain("DC02");
  });

  it("fails when every DC was checked and none has it", () => {
    const outcome = rule.evaluate(withDcs([{ name: "DC01", rsatAdPowerShell: false }]));
    expect(outcome.status).toBe("fail");
    expect(outcome.evidence).toEqual([
      { fact: "domain.domainControllers[0].rsatAdPowerShell", actual: { name: "DC01", rsatAdPowerShell: false }, expected: expect.any(String) },
    ]);
  });

  it("answers unknown when no DC has it and some were not checked", () => {
    const outcome = rule.evaluate(withDcs([{ name: "DC01", rsatAdPowerShell: false }, { name: "DC02" }]));
    expect(outcome.status).toBe("unknown");
    expect(outcome.status === "unknown" && outcome.reason.missingFact).toBe("domain.domainControllers[1].rsatAdPowerShell");
    expect(outcome.status === "unknown" && outcome.reason.collect).toContain("Get-WindowsFeature RSAT-AD-PowerShell");
  });

  describe("where the collector ran (domain.collectedOn)", () => {
    const withOn = (domainControllers: unknown, collectedOn: unknown) => ctx({ domain: { domainControllers, collectedOn } as DomainFacts });
    const memberServer = { computerName: "SYNC01", fqdn: "sync01.corp.contoso.com", isDomainController: false, rsatAdPowerShell: true, rsatMethod: "Get-WindowsFeature RSAT-AD-PowerShell" };

    it("stays unknown when the module was found only on a member server, saying where it was collected", () => {
      const outcome = rule.evaluate(withOn([{ name: "DC01" }], memberServer));
      expect(outcome.status).toBe("unknown");
      expect(outcome.message).toMatch(/collector ran on sync01\.corp\.contoso\.com, not a domain controller, where RSAT-AD-PowerShell is installed/);
      expect(outcome.evidence.find((e) => e.fact === "domain.collectedOn")?.actual).toMatchObject({ isDomainController: false, rsatAdPowerShell: true });
    });

    it("passes on the DC's own state and shows the collection host as evidence", () => {
      const outcome = rule.evaluate(withOn([{ name: "DC01", rsatAdPowerShell: true }], { ...memberServer, computerName: "DC01", fqdn: "dc01.corp.contoso.com", isDomainController: true }));
      expect(outcome.status).toBe("pass");
      expect(outcome.evidence.at(-1)).toMatchObject({ fact: "domain.collectedOn", actual: { computer: "dc01.corp.contoso.com", isDomainController: true } });
    });

    it("fails when every DC was checked, whatever the member server has", () => {
      expect(rule.evaluate(withOn([{ name: "DC01", rsatAdPowerShell: false }], memberServer)).status).toBe("fail");
    });
  });

  it("answers unknown when the DC list is missing or empty", () => {
    expect(rule.evaluate(withDcs(undefined)).status).toBe("unknown");
    expect(rule.evaluate(withDcs([])).status).toBe("unknown");
  });

  describe("remediation script", () => {
    it("is null when a DC already has the module", () => {
      expect(rule.remediationScript?.(withDcs([{ name: "DC01", rsatAdPowerShell: true }]))).toBeNull();
    });

    it("checks the feature before installing and honours -WhatIf", () => {
      const script = rule.remediationScript?.(withDcs([{ name: "DC01", rsatAdPowerShell: false }])) ?? "";
      expect(script).toContain("Get-WindowsFeature -Name RSAT-AD-PowerShell");
      expect(script.indexOf("if ($feature.Installed)")).toBeLessThan(script.indexOf("Install-WindowsFeature -Name"));
      expect(script).toContain("$PSCmdlet.ShouldProcess(");
      expect(script).toContain("$reportedWithout = @('DC01')");
    });

    it("embeds DC names as inert single-quoted strings", () => {
      const script = rule.remediationScript?.(withDcs([{ name: "DC01'); Remove-Item C:\\ -Recurse; ('", rsatAdPowerShell: false }])) ?? "";
      expect(script).toContain("@('DC01''); Remove-Item C:\\ -Recurse; (''')");
    });
  });
});

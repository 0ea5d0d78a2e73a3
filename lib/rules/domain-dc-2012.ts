import { HINT } from "./domain/collect";
import { DCS_FACT, readDomainControllers, runs2012OrLater, WS2012_BUILD } from "./domain/domain-controllers";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule } from "./types";

export default defineRule({
  meta: {
    id: "domain-dc-2012",
    title: "At least one domain controller in the domain runs Windows Server 2012 or later (build 9200+)",
    severity: "blocker",
    scope: "domain",
    rationale:
      "gMSA passwords are computed and handed out by Windows Server 2012 or later domain controllers. Without one in " +
      "the domain where the gMSA is created, the agent's service account cannot be created or used.",
    source: cite(DOCS.prerequisites, "Group Managed Service Accounts > Prerequisites for gMSA", "prerequisites-for-gmsa"),
    otherSources: [
      cite(DOCS.gmsaGettingStarted, "Prerequisites > Operating system (gMSA account's domain DCs)", "operating-system"),
      cite(DOCS.gmsaGettingStarted, "Create Group Managed Service Accounts", "create-group-managed-service-accounts"),
    ],
    notes: [
      "Build 9200 = Windows Server 2012 (6.2.9200); 2012 R2 is 9600, 2016 14393, 2019 17763, 2022 20348, 2025 26100.",
      "When a domain controller has no build number, the rule reads the year from its OS caption (e.g. " +
        "\"Windows Server 2012 R2 Datacenter\"); a DC with neither is left undecided, and the rule answers unknown only " +
        "when no other DC already qualifies.",
      "An empty list of domain controllers is treated as a collection gap (unknown), never as \"no domain controller\".",
    ],
    remediation: {
      summary:
        "Promote a Windows Server 2012 or later (in practice 2022 or 2025) domain controller in the domain that will hold " +
        "the agent's gMSA.",
      steps: [
        "On a new domain-joined Windows Server 2022/2025: Install-WindowsFeature AD-Domain-Services -IncludeManagementTools",
        "Install-ADDSDomainController -DomainName <domain FQDN> -InstallDns -Credential (Get-Credential)",
        "Verify: Get-ADDomainController -Filter * | Select-Object Name, OperatingSystem, OperatingSystemVersion",
      ],
    },
  },
  evaluate: (ctx) => {
    const dcs = readDomainControllers(ctx);
    if (!Array.isArray(dcs)) return dcs;
    const expected = `Windows Server 2012 or later (build >= ${WS2012_BUILD})`;
    const verdicts = dcs.map((dc) => ({ dc, ok: runs2012OrLater(dc) }));
    const found = verdicts.map(({ dc }) =>
      evidence(`${DCS_FACT}[${dc.index}]`, { name: dc.label, osBuild: dc.build ?? null, osCaption: dc.caption ?? null }, expected),
    );
    const qualifying = verdicts.filter((v) => v.ok === true).map((v) => v.dc.label);
    if (qualifying.length > 0) {
      return pass(
        `${qualifying.length} of ${dcs.length} domain controller(s) run Windows Server 2012 or later: ${qualifying.join(", ")}.`,
        found,
      );
    }
    const undecided = verdicts.filter((v) => v.ok === undefined).map((v) => v.dc);
    if (undecided.length > 0) {
      return unknown(
        `${DCS_FACT}[${undecided[0]?.index ?? 0}].osBuild`,
        HINT.domainControllers,
        `No domain controller is known to run Windows Server 2012 or later, and the OS of ${undecided
          .map((dc) => dc.label)
          .join(", ")} was not collected.`,
        found,
      );
    }
    return fail(
      `None of the ${dcs.length} domain controller(s) runs Windows Server 2012 or later; gMSA creation needs at least one.`,
      found,
    );
  },
  examples: [
    {
      name: "one 2008 R2 and one 2019 domain controller",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: {
          dnsName: "corp.contoso.com",
          domainControllers: [
            { name: "DC01", osCaption: "Windows Server 2008 R2 Standard", osBuild: 7601 },
            { name: "DC02", osCaption: "Windows Server 2019 Datacenter", osBuild: 17763 },
          ],
        },
      },
    },
    {
      name: "only Windows Server 2008 R2 domain controllers",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: {
          dnsName: "legacy.contoso.com",
          domainControllers: [
            { name: "LDC01", osCaption: "Windows Server 2008 R2 Enterprise", osBuild: 7601 },
            { name: "LDC02", osCaption: "Windows Server 2008 R2 Enterprise", osBuild: 7601 },
          ],
        },
      },
    },
    {
      name: "domain controllers not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 88 } },
    },
  ],
});

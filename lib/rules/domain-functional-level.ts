import { HINT } from "./domain/collect";
import { isRecord, missingFact, prop, readCount } from "./domain/read";
import { cite, DOCS } from "./sources";
import { functionalLevelName } from "./domain/versions";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type Evidence } from "./types";

const FACT = "domain.functionalLevels";
/** msDS-Behavior-Version 5 = Windows Server 2012. */
const MINIMUM = 5;

export default defineRule({
  meta: {
    id: "domain-functional-level",
    title: "The domain and forest functional levels are Windows Server 2012 or later (msDS-Behavior-Version 5+)",
    severity: "warning",
    scope: "domain",
    rationale:
      "The Windows Server gMSA documentation lists a domain and forest functional level of Windows Server 2012 or " +
      "later as an Active Directory requirement for group Managed Service Accounts, which the provisioning agent runs as.",
    source: cite(DOCS.gmsaGettingStarted, "Prerequisites > Active Directory Domain Services", "active-directory-domain-services"),
    otherSources: [
      cite(DOCS.prerequisites, "Group Managed Service Accounts > Prerequisites for gMSA", "prerequisites-for-gmsa"),
      cite(DOCS.gmsaGettingStarted, "Create Group Managed Service Accounts", "create-group-managed-service-accounts"),
    ],
    notes: [
      "Disagreement: the cloud sync prerequisites ask only for a Windows Server 2012 or later schema (plus a 2012+ DC), " +
        "and the same Windows Server gMSA page says under \"Create Group Managed Service Accounts\" that a 2012+ schema, " +
        "a KDS root key and one 2012+ DC suffice. Only its Prerequisites section (revision 2024-08-26) adds the " +
        "functional levels, and it links to a page about raising functional levels while calling it \"updating the schema\". " +
        "The rule therefore reports a warning, never a blocker.",
      "msDS-Behavior-Version: 0 = 2000, 2 = 2003, 3 = 2008, 4 = 2008 R2, 5 = 2012, 6 = 2012 R2, 7 = 2016 (also the level " +
        "for 2019/2022), 10 = 2025. The schema version (objectVersion) and the functional levels move independently.",
      "When only one of the two levels is known and already below 2012, the rule fails; otherwise a missing level gives unknown.",
    ],
    remediation: {
      summary:
        "Raise the domain functional level, then the forest functional level, to Windows Server 2012 or later once every " +
        "domain controller runs that version or newer. This is generally one-way; plan it, do not script it blindly.",
      steps: [
        "Check every DC's OS first: Get-ADDomainController -Filter * | Select-Object Name, OperatingSystem",
        "Domain: Set-ADDomainMode -Identity <domain FQDN> -DomainMode Windows2012Domain (or Windows2016Domain)",
        "Forest (after all domains): Set-ADForestMode -Identity <forest FQDN> -ForestMode Windows2012Forest (or Windows2016Forest)",
        "Verify: (Get-ADDomain).DomainMode; (Get-ADForest).ForestMode",
      ],
    },
  },
  evaluate: (ctx) => {
    const raw = ctx.domain?.functionalLevels;
    if (!isRecord(raw)) {
      return missingFact(FACT, HINT.functionalLevels, raw, "The domain and forest functional levels");
    }
    const levels = [
      { which: "domain", level: readCount(prop(raw, "domain")) },
      { which: "forest", level: readCount(prop(raw, "forest")) },
    ];
    const expected = `>= ${MINIMUM} (${functionalLevelName(MINIMUM)})`;
    const found: Evidence[] = levels.map(({ which, level }) => evidence(`${FACT}.${which}`, level ?? null, expected));
    const describe = ({ which, level }: { which: string; level?: number }) =>
      `${which} ${level} (${functionalLevelName(level ?? 0)})`;
    const low = levels.filter((l) => l.level !== undefined && l.level < MINIMUM);
    if (low.length > 0) {
      return fail(`Functional level below Windows Server 2012: ${low.map(describe).join(", ")}.`, found);
    }
    const missing = levels.find((l) => l.level === undefined);
    if (missing) {
      return unknown(`${FACT}.${missing.which}`, HINT.functionalLevels, `The ${missing.which} functional level was not collected.`, found);
    }
    return pass(`Functional levels meet Windows Server 2012: ${levels.map(describe).join(", ")}.`, found);
  },
  examples: [
    {
      name: "domain and forest at Windows Server 2016",
      expect: "pass",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", functionalLevels: { domain: 7, forest: 7 } } },
    },
    {
      name: "forest still at Windows Server 2008 R2",
      expect: "fail",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", functionalLevels: { domain: 6, forest: 4 } } },
    },
    {
      name: "functional levels not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", domain: { dnsName: "corp.contoso.com", schemaVersion: 88 } },
    },
  ],
});

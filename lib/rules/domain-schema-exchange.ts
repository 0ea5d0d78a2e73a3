import { featureUse, usedBecause } from "./feature/use";
import { isRecord, prop } from "./domain/read";
import { HINT } from "./domain/collect";
import { evidence, fail, pass, unknown } from "./outcome";
import { cite, DOCS } from "./sources";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const FACT = "domain.exchangeSchemaVersion";
const EXPECTED = "the rangeUpper of ms-Exch-Schema-Version-Pt (any Exchange schema version): the forest schema is extended for Exchange";

function evaluate(ctx: RuleContext): RuleOutcome {
  const use = featureUse(ctx, "exchangeHybridWriteback");
  const lead = use.used ? `${usedBecause(use, "exchangeHybridWriteback")} ` : "";
  const raw = isRecord(ctx?.domain) ? prop(ctx.domain, "exchangeSchemaVersion") : undefined;
  if (raw === null) {
    return fail(`${lead}The forest schema has no ms-Exch-Schema-Version-Pt attribute: it was never extended for Exchange, so Exchange hybrid writeback cannot be enabled.`, [
      evidence(FACT, null, EXPECTED),
      ...use.evidence,
    ]);
  }
  if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 0) {
    return unknown(FACT, HINT.exchangeSchemaVersion, `${lead}The forest's Exchange schema version (rangeUpper of ms-Exch-Schema-Version-Pt) was not collected.`, use.evidence);
  }
  return pass(`${lead}The forest schema is extended for Exchange (ms-Exch-Schema-Version-Pt rangeUpper ${raw}).`, [evidence(FACT, raw, EXPECTED), ...use.evidence]);
}

const exchangeOn = { featuresUsed: { exchangeHybridWriteback: true } };

export default defineRule({
  meta: {
    id: "domain-schema-exchange",
    title: "The Active Directory schema is extended for Exchange (Exchange hybrid writeback)",
    severity: "blocker",
    scope: "domain",
    rationale:
      "Exchange hybrid writeback writes Exchange Online attributes (msExch…) back to AD; they exist only in a schema extended by Exchange setup. " +
      "Without them the Exchange hybrid writeback option stays disabled in the admin center.",
    source: cite(DOCS.exchangeHybrid, "Prerequisites"),
    otherSources: [cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions) > Exchange hybrid")],
    notes: [
      "Applies only when the tenant facts (featuresUsed.exchangeHybridWriteback) or a sync configuration of this domain (exchangeHybridWriteback) say Exchange hybrid writeback is used; otherwise not applicable (feature/use.ts).",
      "Reads domain.exchangeSchemaVersion, the rangeUpper of CN=ms-Exch-Schema-Version-Pt in the schema naming context (the collector's Get-ExchangeSchemaVersion): null means the attribute does not exist (schema not extended). The page names no minimum Exchange schema version, so any version passes.",
      "If the schema was extended after the agent was installed, restart the provisioning agent so it detects the Exchange attributes.",
    ],
    remediation: {
      summary: "Extend the forest schema with Exchange setup (/PrepareSchema), then restart the provisioning agents.",
      steps: [
        "On a computer in the forest root domain's site, as Schema Admins and Enterprise Admins: Setup.exe /IAcceptExchangeServerLicenseTerms_DiagnosticDataOFF /PrepareSchema (see Prepare Active Directory and domains for Exchange Server).",
        "Wait for schema replication, then Restart-Service AADConnectProvisioningAgent on every agent server.",
        "Check: Get-ADObject -SearchBase (Get-ADRootDSE).schemaNamingContext -LDAPFilter \"(cn=ms-Exch-Schema-Version-Pt)\" -Properties rangeUpper",
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "exchangeHybridWriteback").used,
  evaluate,
  examples: [
    { name: "Exchange 2019 CU schema (17003)", expect: "pass", context: { asOf: "2026-08-01T00:00:00Z", tenant: exchangeOn, domain: { dnsName: "corp.contoso.com", exchangeSchemaVersion: 17003 } } },
    { name: "schema never extended for Exchange", expect: "fail", context: { asOf: "2026-08-01T00:00:00Z", tenant: exchangeOn, domain: { dnsName: "corp.contoso.com", exchangeSchemaVersion: null } } },
    { name: "Exchange schema version not collected", expect: "unknown", context: { asOf: "2026-08-01T00:00:00Z", tenant: exchangeOn, domain: { dnsName: "corp.contoso.com" } } },
  ],
});

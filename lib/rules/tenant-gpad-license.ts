import { readBoolean } from "./domain/read";
import { featureUse, usedBecause } from "./feature/use";
import { evidence, fail, pass, unknown } from "./outcome";
import { cite, DOCS } from "./sources";
import { FEATURE_HINT } from "./tenant/collect";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const FACT = "tenant.entraIdP1";
const GPAD_SECTION = "Provision Microsoft Entra ID to Active Directory Domain Services - Prerequisites";

function evaluate(ctx: RuleContext): RuleOutcome {
  const use = featureUse(ctx, "groupProvisioning", false);
  const lead = use.used ? `${usedBecause(use, "groupProvisioning")} ` : "";
  const raw: unknown = ctx?.tenant?.entraIdP1;
  const licensed = readBoolean(raw);
  if (licensed === undefined) {
    return unknown(FACT, FEATURE_HINT.entraIdP1, `${lead}Whether the tenant holds a Microsoft Entra ID P1 licence was not recorded (${FACT}).`, use.evidence);
  }
  const found = [evidence(FACT, licensed, "true (Microsoft Entra ID P1, or a licence that includes it)"), ...use.evidence];
  return licensed
    ? pass(`${lead}The tenant holds Microsoft Entra ID P1.`, found)
    : fail(`${lead}The tenant has no Microsoft Entra ID P1 licence, which group provisioning to AD requires.`, found);
}

export default defineRule({
  meta: {
    id: "tenant-gpad-license",
    title: "The tenant holds Microsoft Entra ID P1 for group provisioning to Active Directory",
    severity: "blocker",
    scope: "tenant",
    rationale: "Group provisioning to AD is a Microsoft Entra ID P1 feature: without the licence the provisioning configuration cannot be used.",
    source: cite(DOCS.prerequisites, GPAD_SECTION),
    otherSources: [],
    notes: [
      "Applies only when the tenant facts (featuresUsed.groupProvisioning) or any sync configuration (groupProvisioning) say group provisioning to AD is used; otherwise not applicable (feature/use.ts).",
      "The licence is a tenant fact (entraIdP1), recorded from Microsoft Graph subscribedSkus: a P2 or a suite that includes P1 counts as P1.",
    ],
    remediation: {
      summary: "Buy or assign Microsoft Entra ID P1 (or a licence that includes it) before configuring group provisioning to AD.",
      steps: [
        "Check the tenant's subscriptions: Microsoft Entra admin center > Billing > Licenses, or Graph subscribedSkus (service plan AAD_PREMIUM).",
        "Acquire Microsoft Entra ID P1 (or P2, Microsoft 365 E3/E5, EMS E3/E5), then record entraIdP1 = true with the tenant facts.",
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "groupProvisioning", false).used,
  evaluate,
  examples: [
    {
      name: "P1 licensed tenant that provisions groups to AD",
      expect: "pass",
      context: { asOf: "2026-08-01T00:00:00Z", tenant: { featuresUsed: { groupProvisioning: true }, entraIdP1: true } },
    },
    {
      name: "free tenant planning group provisioning",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        tenant: { entraIdP1: false },
        scope: { configurations: [{ name: "groups-to-ad", domain: "corp.contoso.com", groupProvisioning: true }] },
      },
    },
    {
      name: "licence not recorded",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", tenant: { featuresUsed: { groupProvisioning: true } } },
    },
  ],
});

import { aclFacts, CUSTOM_GMSA_ACES, exampleContext, EXCHANGE_HYBRID_ACES, SCOPE_EXCHANGE_HYBRID, without } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { CHECK_FIRST_STEP, dsaclsSteps, grantRemediation } from "./acl/remediation";
import { EXCHANGE_HYBRID_PERMISSIONS } from "./acl/required";
import { permissionsOutcome, prepareAcl } from "./acl/rule-kit";
import { cite, DOCS } from "./sources";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { featureUse, usedBecause } from "./feature/use";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const IDS = EXCHANGE_HYBRID_PERMISSIONS.map((p) => p.id);

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const findings = prepared.analysis.permissions.filter((f) => IDS.includes(f.id));
  const use = featureUse(ctx, "exchangeHybridWriteback");
  return permissionsOutcome(
    prepared,
    findings,
    "the Exchange hybrid writeback rights (Read/write all properties on descendant User, InetOrgPerson, Group and Contact objects)",
    use.used ? usedBecause(use, "exchangeHybridWriteback") : "",
  );
}

export default defineRule({
  meta: {
    id: "gmsa-acl-exchange-hybrid",
    title: "The gMSA can read and write all properties of users, InetOrgPersons, groups and contacts for Exchange hybrid writeback",
    severity: "blocker",
    scope: "gmsa-acl",
    rationale:
      "Exchange hybrid writeback writes Exchange Online attributes back to the on-premises user, InetOrgPerson, group and contact objects " +
      "as the gMSA. Without write access to those objects the writeback fails and hybrid mail flow and free/busy break.",
    source: cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions) > Exchange hybrid"),
    otherSources: [
      cite(DOCS.gmsaCmdlets, "Set-AADCloudSyncPermissions -PermissionType HybridExchangePermissions"),
      cite(DOCS.adDsConnectorAccount, "Permissions for Exchange hybrid deployment"),
      cite(DOCS.exchangeHybrid, "Prerequisites"),
    ],
    notes: [
      "Applies only when the tenant facts (featuresUsed.exchangeHybridWriteback) or a sync configuration of this domain (exchangeHybridWriteback) say Exchange hybrid writeback is used; otherwise not applicable (feature/use.ts). Exchange hybrid writeback is off by default.",
      "The installer's ALL permission set and Entra Connect's ADSyncConfig (`RPWP;;user|inetorgperson|group|contact`, /I:S) agree on Read/Write all properties on the four descendant classes.",
      "Full control on descendant groups (the custom gMSA table) covers the group row.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary: "Grant the gMSA Read/write all properties on descendant User, InetOrgPerson, Group and Contact objects (`/I:S`) at the domain root.",
      steps: [
        CHECK_FIRST_STEP,
        ...dsaclsSteps(EXCHANGE_HYBRID_PERMISSIONS),
        "Alternatively, with the agent installed: Import-Module \"C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\Microsoft.CloudSync.Powershell.dll\"; " +
          "Set-AADCloudSyncPermissions -PermissionType HybridExchangePermissions -TargetDomain <FQDN> -TargetDomainCredential (Get-Credential)",
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "exchangeHybridWriteback").used,
  evaluate,
  remediationScript: (ctx) =>
    grantRemediation(ctx, EXCHANGE_HYBRID_PERMISSIONS, "Grants the gMSA the Exchange hybrid writeback rights (gmsa-acl-exchange-hybrid)."),
  examples: [
    {
      name: "custom gMSA table plus the Exchange hybrid set, writeback on",
      expect: "pass",
      context: exampleContext({ scope: SCOPE_EXCHANGE_HYBRID, acl: aclFacts([...CUSTOM_GMSA_ACES, ...EXCHANGE_HYBRID_ACES]) }),
    },
    {
      name: "contacts cannot be written",
      expect: "fail",
      context: exampleContext({
        scope: SCOPE_EXCHANGE_HYBRID,
        acl: aclFacts([...CUSTOM_GMSA_ACES, ...without(EXCHANGE_HYBRID_ACES, (a) => a.inheritedObjectType === GUIDS.contact)]),
      }),
    },
    {
      name: "ACL export of the gMSA not uploaded",
      expect: "unknown",
      context: exampleContext({ scope: SCOPE_EXCHANGE_HYBRID }),
    },
  ],
});

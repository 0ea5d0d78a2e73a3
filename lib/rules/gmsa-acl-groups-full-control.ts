import { ace, aclFacts, CUSTOM_GMSA_ACES, EXAMPLE_DOMAIN, exampleContext, without } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { CHECK_FIRST_STEP, dsaclsSteps, grantRemediation } from "./acl/remediation";
import { CUSTOM_GMSA_PERMISSIONS } from "./acl/required";
import { AD_RIGHTS } from "@/lib/facts";
import { permissionsOutcome, prepareAcl } from "./acl/rule-kit";
import { cite, DOCS } from "./sources";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const IDS = ["groups-full-control"];
const PERMS = CUSTOM_GMSA_PERMISSIONS.filter((p) => IDS.includes(p.id));

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const findings = prepared.analysis.permissions.filter((f) => IDS.includes(f.id));
  return permissionsOutcome(prepared, findings, "Full control on descendant group objects");
}

const isGroupFullControl = (a: { inheritedObjectType: string; rights: number }) =>
  a.inheritedObjectType === GUIDS.group && a.rights === AD_RIGHTS.GenericAll;

export default defineRule({
  meta: {
    id: "gmsa-acl-groups-full-control",
    title: "The gMSA has Full control on descendant group objects",
    severity: "blocker",
    scope: "gmsa-acl",
    rationale:
      "Cloud sync creates, updates and deletes group objects and their memberships in AD (group provisioning to AD) and writes " +
      "back attributes on groups; the documented custom gMSA permissions give it Full control on descendant group objects.",
    source: cite(DOCS.prerequisites, "Group Managed Service Accounts > Custom gMSA account", "custom-gmsa-account"),
    otherSources: [
      cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions) > Group Writeback"),
      cite(DOCS.adDsConnectorAccount, "Configure Basic Read-Only Permissions"),
    ],
    notes: [
      "Sources differ: the cloud sync custom gMSA table asks for Full control on descendant groups, while Entra Connect's BasicRead (which Set-AADCloudSyncPermissions -PermissionType BasicRead mirrors) grants only Read all properties on groups. The rule encodes the cloud sync table.",
      "Full control means every right (GenericAll, 0xF01FF); the installer's group-writeback grant (Generic Read/Write, Create/Delete child, Delete/Delete tree) is less than Full control and does not satisfy this row on its own.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary: "Grant the gMSA Full control on descendant group objects at the domain root (dsacls `GA;;group` with `/I:S`).",
      steps: [CHECK_FIRST_STEP, ...dsaclsSteps(PERMS)],
    },
  },
  evaluate,
  remediationScript: (ctx) => grantRemediation(ctx, PERMS, "Grants the gMSA Full control on descendant group objects (gmsa-acl-groups-full-control)."),
  examples: [
    {
      name: "Full control on descendant groups, as the custom gMSA table documents",
      expect: "pass",
      context: exampleContext({ acl: aclFacts(CUSTOM_GMSA_ACES) }),
    },
    {
      name: "Full control granted to a group the gMSA belongs to",
      expect: "pass",
      context: exampleContext({
        domain: { ...EXAMPLE_DOMAIN, groupMemberships: { "CORP\\provAgentgMSA$": ["CORP\\Cloud Sync Agents"] } },
        acl: aclFacts([
          ...without(CUSTOM_GMSA_ACES, isGroupFullControl),
          ace({ identity: "CORP\\Cloud Sync Agents", rights: AD_RIGHTS.GenericAll, inheritanceType: "Descendents", inheritedObjectType: GUIDS.group }),
        ]),
      }),
    },
    {
      name: "only the group-writeback rights (Generic Read/Write, Create/Delete child) on groups",
      expect: "fail",
      context: exampleContext({
        acl: aclFacts([
          ...without(CUSTOM_GMSA_ACES, isGroupFullControl),
          ace({
            rights: AD_RIGHTS.GenericRead | AD_RIGHTS.GenericWrite | AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild,
            inheritanceType: "Descendents",
            inheritedObjectType: GUIDS.group,
          }),
        ]),
      }),
    },
    {
      name: "ACL export without the gMSA's name and no gMSA on record",
      expect: "unknown",
      context: exampleContext({ domain: { dnsName: "corp.contoso.com" }, acl: aclFacts(CUSTOM_GMSA_ACES, { account: undefined }) }),
    },
  ],
});

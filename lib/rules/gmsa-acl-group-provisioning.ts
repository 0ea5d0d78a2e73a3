import { aclFacts, CUSTOM_GMSA_ACES, exampleContext, GROUP_PROVISIONING_ACES, SCOPE_GROUP_PROVISIONING, without } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { CHECK_FIRST_STEP, dsaclsSteps, grantRemediation } from "./acl/remediation";
import { GROUP_PROVISIONING_PERMISSIONS } from "./acl/required";
import { permissionsOutcome, prepareAcl } from "./acl/rule-kit";
import { cite, DOCS } from "./sources";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { featureUse, usedBecause } from "./feature/use";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const IDS = GROUP_PROVISIONING_PERMISSIONS.map((p) => p.id);

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const findings = prepared.analysis.permissions.filter((f) => IDS.includes(f.id));
  const use = featureUse(ctx, "groupProvisioning");
  return permissionsOutcome(
    prepared,
    findings,
    "the group provisioning to AD rights (create/delete User and Group objects; read/write all properties of descendant users and groups)",
    use.used ? usedBecause(use, "groupProvisioning") : "",
  );
}

export default defineRule({
  meta: {
    id: "gmsa-acl-group-provisioning",
    title: "The gMSA can create, delete, read and write users and groups for group provisioning to Active Directory",
    severity: "blocker",
    scope: "gmsa-acl",
    rationale:
      "Group provisioning to AD writes Entra ID security groups into the target OUs and maintains their members as the gMSA. " +
      "Without create/delete and read/write rights on groups and users there, provisioning fails for every group.",
    source: cite(DOCS.prerequisites, "Provision Microsoft Entra ID to Active Directory Domain Services - Prerequisites"),
    otherSources: [
      cite(DOCS.gmsaCmdlets, "Set-AADCloudSyncPermissions -PermissionType UserGroupCreateDelete"),
      cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions) > UserGroupCreateDelete"),
    ],
    notes: [
      "Applies only when the tenant facts (featuresUsed.groupProvisioning) or a sync configuration of this domain (groupProvisioning) say group provisioning to AD is used; otherwise not applicable (feature/use.ts).",
      "The prerequisites page asks for the gMSA's Read, Write, Create and Delete all properties on descendant Groups and Users in the target OUs; the gMSA cmdlets page defines UserGroupCreateDelete as Create/delete User objects and Create/delete Group objects on this object and all descendants. The rule requires both: create/delete of users and groups, and read/write of all properties on descendant users and groups.",
      "The installer assigns these permissions only on a clean install; an upgraded agent needs Set-AADCloudSyncPermissions -PermissionType UserGroupCreateDelete. They are not applied to AdminSDHolder by default.",
      "The export judged is the domain root's: grants there reach every target OU. Grants made only on the target OUs are not visible in it; upload an export of each target OU to judge those.",
      "Full control on descendant groups (the custom gMSA table) already covers read/write of groups.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary:
        "Grant the gMSA Create/delete User and Group objects (this object and all descendants) and Read/write all properties on descendant users and groups, at the domain root or on each target OU.",
      steps: [
        CHECK_FIRST_STEP,
        ...dsaclsSteps(GROUP_PROVISIONING_PERMISSIONS),
        "Alternatively, with the agent installed: Import-Module \"C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\Microsoft.CloudSync.Powershell.dll\"; " +
          "Set-AADCloudSyncPermissions -PermissionType UserGroupCreateDelete -TargetDomain <FQDN> -TargetDomainCredential (Get-Credential)",
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "groupProvisioning").used,
  evaluate,
  remediationScript: (ctx) =>
    grantRemediation(ctx, GROUP_PROVISIONING_PERMISSIONS, "Grants the gMSA the group provisioning to AD rights (gmsa-acl-group-provisioning)."),
  examples: [
    {
      name: "custom gMSA table plus UserGroupCreateDelete, group provisioning on",
      expect: "pass",
      context: exampleContext({ scope: SCOPE_GROUP_PROVISIONING, acl: aclFacts([...CUSTOM_GMSA_ACES, ...GROUP_PROVISIONING_ACES]) }),
    },
    {
      name: "upgraded agent: Create/delete Group objects never granted",
      expect: "fail",
      context: exampleContext({
        scope: SCOPE_GROUP_PROVISIONING,
        acl: aclFacts([...CUSTOM_GMSA_ACES, ...without(GROUP_PROVISIONING_ACES, (a) => a.objectType === GUIDS.group)]),
      }),
    },
    {
      name: "ACL export of the gMSA not uploaded",
      expect: "unknown",
      context: exampleContext({ scope: SCOPE_GROUP_PROVISIONING }),
    },
  ],
});

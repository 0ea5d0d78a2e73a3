import { ace, aclFacts, CUSTOM_GMSA_ACES, exampleContext, without } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { CHECK_FIRST_STEP, dsaclsSteps, grantRemediation } from "./acl/remediation";
import { CUSTOM_GMSA_PERMISSIONS } from "./acl/required";
import { AD_RIGHTS } from "@/lib/facts";
import { permissionsOutcome, prepareAcl } from "./acl/rule-kit";
import { cite, DOCS } from "./sources";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const IDS = ["create-delete-users"];
const PERMS = CUSTOM_GMSA_PERMISSIONS.filter((p) => IDS.includes(p.id));
const CCDC = AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild;

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const findings = prepared.analysis.permissions.filter((f) => IDS.includes(f.id));
  return permissionsOutcome(prepared, findings, "Create/delete User objects on this object and all descendant objects");
}

const isCreateDeleteUsers = (a: { objectType: string }) => a.objectType === GUIDS.user;

export default defineRule({
  meta: {
    id: "gmsa-acl-create-delete-users",
    title: "The gMSA can create and delete User objects on the domain root and all descendant objects",
    severity: "blocker",
    scope: "gmsa-acl",
    rationale:
      "The custom gMSA table requires Create/delete User objects on this object and all descendant objects, so the agent can " +
      "create and remove user objects anywhere under the domain root.",
    source: cite(DOCS.prerequisites, "Group Managed Service Accounts > Custom gMSA account", "custom-gmsa-account"),
    otherSources: [
      cite(DOCS.gmsaCmdlets, "Set-AADCloudSyncPermissions -PermissionType UserGroupCreateDelete"),
      cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions) > UserGroupCreateDelete (CloudHR)"),
    ],
    notes: [
      "Mapped to CreateChild and DeleteChild with ObjectType = user (bf967aba-…), InheritanceType All (§3.5 mapping, derived). An ACE with an empty ObjectType (any child class) also covers it, and so can two ACEs together (e.g. one for this object and one for descendants, or CreateChild and DeleteChild separately).",
      "Descendents alone (sub-objects only) misses the domain root itself; SelfAndChildren misses nested OUs. Both fail.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary: "Grant the gMSA Create/delete child objects of class user on the domain root and all descendants (dsacls `CCDC;user` with `/I:T`).",
      steps: [
        CHECK_FIRST_STEP,
        ...dsaclsSteps(PERMS),
        "Alternatively, with the agent installed: Set-AADCloudSyncPermissions -PermissionType UserGroupCreateDelete -TargetDomain <FQDN> -TargetDomainCredential (Get-Credential) (also grants create/delete of group objects).",
      ],
    },
  },
  evaluate,
  remediationScript: (ctx) => grantRemediation(ctx, PERMS, "Grants the gMSA Create/delete User objects on this object and all descendants (gmsa-acl-create-delete-users)."),
  examples: [
    {
      name: "CreateChild, DeleteChild for user, this object and all descendants",
      expect: "pass",
      context: exampleContext({ acl: aclFacts(CUSTOM_GMSA_ACES) }),
    },
    {
      name: "granted as two ACEs: this object only and descendants only",
      expect: "pass",
      context: exampleContext({
        acl: aclFacts([
          ...without(CUSTOM_GMSA_ACES, isCreateDeleteUsers),
          ace({ rights: CCDC, objectType: GUIDS.user, inheritanceType: "None" }),
          ace({ rights: CCDC, objectType: GUIDS.user, inheritanceType: "Descendents" }),
        ]),
      }),
    },
    {
      name: "descendants only (dsacls /I:S): the domain root itself is not covered",
      expect: "fail",
      context: exampleContext({
        acl: aclFacts([...without(CUSTOM_GMSA_ACES, isCreateDeleteUsers), ace({ rights: CCDC, objectType: GUIDS.user, inheritanceType: "Descendents" })]),
      }),
    },
    {
      name: "CreateChild without DeleteChild",
      expect: "fail",
      context: exampleContext({
        acl: aclFacts([
          ...without(CUSTOM_GMSA_ACES, isCreateDeleteUsers),
          ace({ rights: AD_RIGHTS.CreateChild, objectType: GUIDS.user, inheritanceType: "All" }),
        ]),
      }),
    },
    {
      name: "ACL export has no access rules",
      expect: "unknown",
      context: exampleContext({ acl: { targetDn: "DC=corp,DC=contoso,DC=com", account: "CORP\\provAgentgMSA$" } }),
    },
  ],
});

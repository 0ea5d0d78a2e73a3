import { GUIDS } from "@/lib/facts";
import { ace, aclFacts, CUSTOM_GMSA_ACES, exampleContext, GMSA, without } from "./acl/examples";
import { CHECK_FIRST_STEP, dsaclsSteps, grantRemediation } from "./acl/remediation";
import { CUSTOM_GMSA_PERMISSIONS } from "./acl/required";
import { AD_RIGHTS } from "@/lib/facts";
import { permissionsOutcome, prepareAcl } from "./acl/rule-kit";
import { cite, DOCS } from "./sources";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const IDS = ["read-device", "read-inetorgperson", "read-computer", "read-foreignsecurityprincipal", "read-user", "read-contact"];
const PERMS = CUSTOM_GMSA_PERMISSIONS.filter((p) => IDS.includes(p.id));
const WHAT = "Read all properties on descendant device, InetOrgPerson, computer, foreignSecurityPrincipal, user and contact objects";

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const findings = prepared.analysis.permissions.filter((f) => IDS.includes(f.id));
  return permissionsOutcome(prepared, findings, WHAT);
}

export default defineRule({
  meta: {
    id: "gmsa-acl-read-objects",
    title: "The gMSA can read all properties of descendant device, InetOrgPerson, computer, foreignSecurityPrincipal, user and contact objects",
    severity: "blocker",
    scope: "gmsa-acl",
    rationale:
      "The provisioning agent reads users, contacts, InetOrgPersons, computers, devices and foreign security principals from AD " +
      "with its gMSA. Without Read all properties on these descendant objects, objects or attributes are silently missing from sync.",
    source: cite(DOCS.prerequisites, "Group Managed Service Accounts > Custom gMSA account", "custom-gmsa-account"),
    otherSources: [
      cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions)"),
      cite(DOCS.gmsaCmdlets, "Grant permissions to a specific domain"),
      cite(DOCS.adDsConnectorAccount, "Configure Basic Read-Only Permissions"),
    ],
    notes: [
      "Which class 'device' means is not documented: ADSyncConfig's `RP;;device` resolves to the X.500 device class (bf967a8e-0de6-11d0-a285-00aa003049e2); " +
        "the cloud sync installer is closed source and might use msDS-Device (5df2b673-6d41-4774-b3e8-d52e8ee9ff99). The rule accepts either.",
      "A Read grant to all descendants of every class (InheritedObjectType empty), GenericRead or GenericAll also covers these rows; the status then says covered-by-inheritance.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary:
        "Grant the gMSA Read all properties on descendant device, InetOrgPerson, computer, foreignSecurityPrincipal, user and contact objects at the domain root, " +
        "with dsacls like ADSyncConfig does (`/I:S` = descendant objects only).",
      steps: [
        CHECK_FIRST_STEP,
        ...dsaclsSteps(PERMS),
        "Alternatively, with the agent installed: Import-Module \"C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\Microsoft.CloudSync.Powershell.dll\"; " +
          "Set-AADCloudSyncPermissions -PermissionType BasicRead -TargetDomain <FQDN> -TargetDomainCredential (Get-Credential) (BasicRead also grants Read on groups and Replicating Directory Changes).",
      ],
    },
  },
  evaluate,
  remediationScript: (ctx) =>
    grantRemediation(ctx, PERMS, "Grants the gMSA Read all properties on the descendant object classes cloud sync reads (gmsa-acl-read-objects)."),
  examples: [
    {
      name: "installer-style grants for all six classes",
      expect: "pass",
      context: exampleContext({ acl: aclFacts(CUSTOM_GMSA_ACES) }),
    },
    {
      name: "read granted through msDS-Device and a domain-wide Read on every class",
      expect: "pass",
      context: exampleContext({
        acl: aclFacts([
          ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.msDsDevice }),
          ace({ rights: AD_RIGHTS.GenericRead, inheritanceType: "All" }),
        ]),
      }),
    },
    {
      name: "contact and foreignSecurityPrincipal grants missing",
      expect: "fail",
      context: exampleContext({
        acl: aclFacts(
          without(CUSTOM_GMSA_ACES, (a) => a.inheritedObjectType === GUIDS.contact || a.inheritedObjectType === GUIDS.foreignSecurityPrincipal),
        ),
      }),
    },
    {
      name: "read granted to immediate children only (SelfAndChildren)",
      expect: "fail",
      context: exampleContext({ acl: aclFacts([ace({ identity: GMSA, rights: AD_RIGHTS.ReadProperty, inheritanceType: "SelfAndChildren" })]) }),
    },
    {
      name: "no ACL export uploaded",
      expect: "unknown",
      context: exampleContext({}),
    },
  ],
});

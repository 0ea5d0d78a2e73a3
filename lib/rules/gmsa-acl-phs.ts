import { ace, aclFacts, CUSTOM_GMSA_ACES, exampleContext, GMSA, PHS_ACES, SCOPE_PHS_ONLY } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { CHECK_FIRST_STEP, dsaclsSteps, grantRemediation } from "./acl/remediation";
import { PHS_PERMISSIONS } from "./acl/required";
import { AD_RIGHTS } from "@/lib/facts";
import { permissionsOutcome, prepareAcl } from "./acl/rule-kit";
import { cite, DOCS } from "./sources";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { syncFeatures } from "./acl/sync-features";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const IDS = PHS_PERMISSIONS.map((p) => p.id);

/** Why the rule applies, said up front when it rests on the default rather than on the scope facts. */
function preface(ctx: RuleContext): string {
  const features = syncFeatures(ctx);
  if (!features.scopeCollected) {
    return "Sync scope facts were not provided; password hash sync is on by default in cloud sync, so the replication rights are required.";
  }
  if (features.domainNotConfigured) {
    return `No sync configuration for ${features.domainName ?? "this domain"} is in the scope facts; password hash sync is on by default, so the replication rights are required.`;
  }
  return "";
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const findings = prepared.analysis.permissions.filter((f) => IDS.includes(f.id));
  return permissionsOutcome(
    prepared,
    findings,
    "Replicating Directory Changes and Replicating Directory Changes All on the domain root (password hash sync)",
    preface(ctx),
  );
}

export default defineRule({
  meta: {
    id: "gmsa-acl-phs",
    title: "The gMSA has Replicating Directory Changes and Replicating Directory Changes All on the domain root for password hash sync",
    severity: "blocker",
    scope: "gmsa-acl",
    rationale:
      "Password hash synchronization reads password hashes through directory replication, which needs both replication extended " +
      "rights on the domain root. Without them password hash sync fails for the whole domain.",
    source: cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions) > Password Hash Sync", "password-hash-sync"),
    otherSources: [
      cite(DOCS.gmsaCmdlets, "Set-AADCloudSyncPermissions -PermissionType PasswordHashSync"),
      cite(DOCS.adDsConnectorAccount, "Permissions for Password Hash Synchronization"),
    ],
    notes: [
      "Applies unless every sync configuration of this domain in the scope facts has password hash sync switched off. Without scope facts it applies, because password hash sync is on by default in cloud sync, and the message says so.",
      "The prerequisites page's custom gMSA table does not list these rights; they come from the installer's \"ALL\" set ([GMSA-CS]) and Set-AADCloudSyncPermissions -PermissionType PasswordHashSync.",
      "Granted on the domain root, this object only (no inheritance). An ACE granting all extended rights (ObjectType empty) or GenericAll on the root also covers them and is reported by gmsa-acl-excess.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary:
        "Grant the gMSA Replicating Directory Changes and Replicating Directory Changes All on the domain root, this object only (dsacls without /I, like ADSyncConfig).",
      steps: [
        CHECK_FIRST_STEP,
        ...dsaclsSteps(PHS_PERMISSIONS),
        "Alternatively, with the agent installed: Import-Module \"C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\Microsoft.CloudSync.Powershell.dll\"; " +
          "Set-AADCloudSyncPermissions -PermissionType PasswordHashSync -TargetDomain <FQDN> -TargetDomainCredential (Get-Credential)",
      ],
    },
  },
  appliesTo: (ctx) => syncFeatures(ctx).passwordHashSync,
  evaluate,
  remediationScript: (ctx) =>
    grantRemediation(ctx, PHS_PERMISSIONS, "Grants the gMSA the replication rights password hash sync needs on the domain root (gmsa-acl-phs)."),
  examples: [
    {
      name: "both replication rights, password hash sync on",
      expect: "pass",
      context: exampleContext({ scope: SCOPE_PHS_ONLY, acl: aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES]) }),
    },
    {
      name: "both replication rights, no scope facts (password hash sync on by default)",
      expect: "pass",
      context: exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES]) }),
    },
    {
      name: "only Replicating Directory Changes (Entra Connect BasicRead), not ...All",
      expect: "fail",
      context: exampleContext({
        scope: SCOPE_PHS_ONLY,
        acl: aclFacts([...CUSTOM_GMSA_ACES, ace({ identity: GMSA, rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChanges })]),
      }),
    },
    {
      name: "replication rights granted to descendants only, not to the domain root object itself",
      expect: "fail",
      context: exampleContext({
        acl: aclFacts([...PHS_ACES.map((a) => ({ ...a, inheritanceType: "Descendents" as const }))]),
      }),
    },
    {
      name: "no ACL export uploaded",
      expect: "unknown",
      context: exampleContext({ scope: SCOPE_PHS_ONLY }),
    },
  ],
});

import { aclFacts, CUSTOM_GMSA_ACES, exampleContext, SCOPE_WRITEBACK_ON, WRITEBACK_ACES, without } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { CHECK_FIRST_STEP, dsaclsSteps, grantRemediation } from "./acl/remediation";
import { WRITEBACK_PERMISSIONS } from "./acl/required";
import { permissionsOutcome, prepareAcl } from "./acl/rule-kit";
import { cite, DOCS } from "./sources";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { syncFeatures } from "./acl/sync-features";
import { defineRule, type RuleContext, type RuleOutcome } from "./types";

const IDS = WRITEBACK_PERMISSIONS.map((p) => p.id);

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const findings = prepared.analysis.permissions.filter((f) => IDS.includes(f.id));
  const features = syncFeatures(ctx);
  const preface =
    features.scopeCollected && features.passwordWriteback
      ? `Password writeback is on (${features.configurations.join(", ")}).`
      : "";
  return permissionsOutcome(
    prepared,
    findings,
    "the password writeback rights (Reset Password, Write lockoutTime and pwdLastSet on descendant users; Unexpire Password on the domain root)",
    preface,
  );
}

export default defineRule({
  meta: {
    id: "gmsa-acl-writeback",
    title: "The gMSA has the password writeback rights: Reset Password, Write lockoutTime and Write pwdLastSet on descendant users, Unexpire Password on the domain root",
    severity: "blocker",
    scope: "gmsa-acl",
    rationale:
      "With password writeback (SSPR writeback) the agent resets on-premises passwords, unlocks accounts and clears the must-change flag " +
      "as the gMSA. Without these rights password changes made in the cloud fail to reach AD.",
    source: cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions) > Password Writeback", "password-writeback"),
    otherSources: [
      cite(DOCS.gmsaCmdlets, "Set-AADCloudSyncPermissions -PermissionType PasswordWriteBack"),
      cite(DOCS.adDsConnectorAccount, "Permissions for Password Writeback"),
    ],
    notes: [
      "Decision: password writeback is opt-in, so the rule applies only when the scope facts show a configuration of this domain with password writeback on. Without scope facts it does not apply (it would otherwise block every domain that never uses writeback); upload the sync scope to evaluate it.",
      "Sources differ: the cloud sync gMSA page and the cloud sync SSPR writeback tutorial list Unexpire Password on the domain root; Entra Connect's ADSyncConfig password-writeback set has only the three descendant-user rights. The rule requires all four, as cloud sync documents.",
      "The SSPR tutorial warns that changed permissions can take an hour or more to replicate, and that writeback fails for accounts whose inheritance is disabled (see domain-protected-objects).",
      "A WriteProperty grant on the Account Restrictions property set (4c164200-…) covers pwdLastSet; lockoutTime is in no property set.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary:
        "Grant the gMSA Reset Password, Write lockoutTime and Write pwdLastSet on descendant user objects (`/I:S`) and Unexpire Password on the domain root (no /I).",
      steps: [
        CHECK_FIRST_STEP,
        ...dsaclsSteps(WRITEBACK_PERMISSIONS),
        "Alternatively, with the agent installed: Import-Module \"C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\Microsoft.CloudSync.Powershell.dll\"; " +
          "Set-AADCloudSyncPermissions -PermissionType PasswordWriteBack -TargetDomain <FQDN> -TargetDomainCredential (Get-Credential)",
        "Allow an hour or more for the permission change to replicate before testing writeback.",
      ],
    },
  },
  appliesTo: (ctx) => syncFeatures(ctx).passwordWriteback,
  evaluate,
  remediationScript: (ctx) =>
    grantRemediation(ctx, WRITEBACK_PERMISSIONS, "Grants the gMSA the password writeback rights (gmsa-acl-writeback)."),
  examples: [
    {
      name: "all four writeback rights, writeback on",
      expect: "pass",
      context: exampleContext({ scope: SCOPE_WRITEBACK_ON, acl: aclFacts([...CUSTOM_GMSA_ACES, ...WRITEBACK_ACES]) }),
    },
    {
      name: "Entra Connect's writeback set: Unexpire Password missing",
      expect: "fail",
      context: exampleContext({
        scope: SCOPE_WRITEBACK_ON,
        acl: aclFacts([...CUSTOM_GMSA_ACES, ...without(WRITEBACK_ACES, (a) => a.objectType === GUIDS.unexpirePassword)]),
      }),
    },
    {
      name: "ACL export of the gMSA not uploaded",
      expect: "unknown",
      context: exampleContext({ scope: SCOPE_WRITEBACK_ON }),
    },
  ],
});

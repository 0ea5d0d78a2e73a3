import type { DenyFinding } from "./acl/analyze";
import { ace, aclFacts, CUSTOM_GMSA_ACES, EXAMPLE_DOMAIN, exampleContext, PHS_ACES } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { removalRemediation } from "./acl/remediation";
import { REQUIRED_PERMISSIONS, type PermissionSetId } from "./acl/required";
import { AD_RIGHTS } from "@/lib/facts";
import { prepareAcl, UNKNOWN_INHERITANCE_FACT } from "./acl/rule-kit";
import { collectUnresolved, UNRESOLVED_FACT } from "./acl/unresolved";
import { cite, DOCS } from "./sources";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { syncFeatures } from "./acl/sync-features";
import { featureUse } from "./feature/use";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "./types";

/** The permission sets that matter for this domain: the custom gMSA table, plus PHS / writeback when they apply. */
function applicableSets(ctx: RuleContext): PermissionSetId[] {
  const features = syncFeatures(ctx);
  return [
    "custom-gmsa",
    ...(features.passwordHashSync ? (["password-hash-sync"] as const) : []),
    ...(features.passwordWriteback ? (["password-writeback"] as const) : []),
    ...(featureUse(ctx, "groupProvisioning").used ? (["group-provisioning"] as const) : []),
    ...(featureUse(ctx, "exchangeHybridWriteback").used ? (["exchange-hybrid"] as const) : []),
  ];
}

function relevantCancels(deny: DenyFinding, sets: PermissionSetId[]): DenyFinding["cancels"] {
  const ids = new Set(REQUIRED_PERMISSIONS.filter((p) => sets.includes(p.set)).map((p) => p.id));
  return deny.cancels.filter((c) => ids.has(c.permissionId));
}

function denyEvidence(deny: DenyFinding, cancels: DenyFinding["cancels"]): Evidence {
  return evidence(
    `acl.aces[${deny.ace.index}]`,
    {
      ace: deny.ace.summary,
      via: deny.ace.via,
      cancels: cancels.map((c) => `${c.label}${c.partial ? " (partly)" : ""}`),
      ...(deny.harmless === undefined ? {} : { harmless: deny.harmless }),
      ...(deny.outranked.length === 0 ? {} : { outrankedBy: `an Allow evaluated first grants ${deny.outranked.map((c) => c.label).join("; ")}` }),
    },
    "no Deny ACE for the gMSA or its groups that takes away a required permission",
  );
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const { analysis, account } = prepared;
  const sets = applicableSets(ctx);
  const cancelling = analysis.denies.map((d) => ({ deny: d, cancels: relevantCancels(d, sets) })).filter((x) => x.cancels.length > 0);
  const harmless = analysis.denies.filter((d) => relevantCancels(d, sets).length === 0);
  const harmlessEvidence = harmless.map((d) => denyEvidence(d, []));
  const maybe = analysis.denies.filter((d) => d.maybeCancels.some((c) => relevantCancels({ ...d, cancels: [{ ...c, partial: false }] }, sets).length > 0));
  if (cancelling.length === 0 && maybe.length > 0) {
    // Deny ACEs whose inheritance was not exported: whether they reach a required permission is unknown.
    const labels = [...new Set(maybe.flatMap((d) => d.maybeCancels.map((c) => c.label)))];
    return unknown(
      UNKNOWN_INHERITANCE_FACT,
      prepared.collectInheritance,
      `${maybe.length} Deny ACE(s) for ${account} may take away required permissions (${labels.join("; ")}), depending on where they apply, ` +
        "which the export did not say (no InheritanceType column).",
      [...maybe.map((d) => denyEvidence(d, [])), ...prepared.context],
    );
  }
  const ids = new Set(REQUIRED_PERMISSIONS.filter((p) => sets.includes(p.set)).map((p) => p.id));
  const unresolvedMaybe = analysis.unresolvedDenies.filter((d) => d.mayCancel.some((c) => ids.has(c.permissionId)));
  if (cancelling.length === 0 && unresolvedMaybe.length > 0) {
    // Deny ACEs naming something outside the default schema: they take a permission away if the name is its object.
    const labels = [...new Set(unresolvedMaybe.flatMap((d) => d.mayCancel.filter((c) => ids.has(c.permissionId)).map((c) => c.label)))];
    return unknown(
      UNRESOLVED_FACT,
      collectUnresolved(unresolvedMaybe.map((d) => d.ace)),
      `${unresolvedMaybe.length} Deny ACE(s) for ${account} name something not in the default schema (${unresolvedMaybe
        .map((d) => `acl.aces[${d.ace.index}]: ${d.ace.summary}`)
        .join("; ")}) and may take away required permissions (${labels.join("; ")}).`,
      [...unresolvedMaybe.map((d) => evidence(`acl.aces[${d.ace.index}]`, { ace: d.ace.summary, via: d.ace.via }, "no Deny ACE for the gMSA or its groups that takes away a required permission")), ...prepared.context],
    );
  }
  if (cancelling.length === 0) {
    const tail = harmless.length > 0 ? ` (${harmless.length} Deny ACE(s) for it touch no required permission)` : "";
    return pass(`No Deny ACE for ${account} takes away a required permission${tail}.`, [...harmlessEvidence, ...prepared.context]);
  }
  const labels = [...new Set(cancelling.flatMap((x) => x.cancels.map((c) => `${c.label}${c.partial ? " (partly)" : ""}`)))];
  const onlyPartly = cancelling.every((x) => x.cancels.every((c) => c.partial));
  return fail(
    `${cancelling.length} Deny ACE(s) for ${account} take away ${onlyPartly ? "part of " : ""}required permissions: ${labels.join("; ")}. ` +
      (onlyPartly
        ? "Each removes only one property, right, class or level out of a broader grant: the agent fails only where it needs that part. Remove them unless that is intended."
        : "Remove the Deny ACEs."),
    [...cancelling.map((x) => denyEvidence(x.deny, x.cancels)), ...harmlessEvidence, ...prepared.context],
    onlyPartly ? "warning" : undefined,
  );
}

export default defineRule({
  meta: {
    id: "gmsa-acl-deny",
    title: "No Deny ACE takes away a permission the gMSA needs",
    severity: "blocker",
    scope: "gmsa-acl",
    rationale:
      "A Deny ACE for the gMSA (or a group it belongs to) cancels the documented Allow grants it overlaps, so the agent fails to read, " +
      "write or replicate even though the Allow ACEs look right.",
    source: cite(DOCS.prerequisites, "Group Managed Service Accounts > Custom gMSA account", "custom-gmsa-account"),
    otherSources: [cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions)")],
    notes: [
      "Checks the custom gMSA table always, the password hash sync rights when password hash sync applies (on by default), and the writeback rights when the scope facts show writeback on.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary: "Remove the Deny ACEs for the gMSA (or take the gMSA out of the denied group), then make sure the documented Allow grants exist.",
      steps: [
        "List them: Get-Acl \"AD:\\<domain DN>\" | Select-Object -ExpandProperty Access | Where-Object { $_.AccessControlType -eq 'Deny' -and $_.IdentityReference -like '*provAgentgMSA*' }",
        "Remove one: $acl = Get-Acl \"AD:\\<domain DN>\"; $acl.RemoveAccessRuleSpecific($rule); Set-Acl \"AD:\\<domain DN>\" -AclObject $acl (the generated script does this for each deny, idempotently).",
        "dsacls cannot remove a single ACE (`dsacls /R` removes every ACE of the account); use Get-Acl/Set-Acl or the ACL editor (Advanced Security Settings).",
      ],
    },
  },
  evaluate,
  remediationScript: (ctx) =>
    removalRemediation(
      ctx,
      (analysis) => {
        const sets = applicableSets(ctx);
        return analysis.denies.filter((d) => relevantCancels(d, sets).length > 0).map((d) => d.ace);
      },
      (analysis) => {
        const sets = applicableSets(ctx);
        const ids = new Set(analysis.denies.flatMap((d) => relevantCancels(d, sets).map((c) => c.permissionId)));
        return REQUIRED_PERMISSIONS.filter((p) => ids.has(p.id));
      },
      "Removes Deny ACEs that take permissions away from the gMSA, then makes sure those permissions are granted (gmsa-acl-deny).",
    ),
  examples: [
    {
      name: "no Deny ACE for the gMSA",
      expect: "pass",
      context: exampleContext({ acl: aclFacts([...CUSTOM_GMSA_ACES, ...PHS_ACES]) }),
    },
    {
      name: "a Deny on an attribute the agent does not need (msDS-KeyCredentialLink on computers)",
      expect: "pass",
      context: exampleContext({
        acl: aclFacts([
          ...CUSTOM_GMSA_ACES,
          ...PHS_ACES,
          ace({
            accessType: "deny",
            rights: AD_RIGHTS.WriteProperty,
            objectType: GUIDS.msDsKeyCredentialLink,
            inheritanceType: "Descendents",
            inheritedObjectType: GUIDS.computer,
          }),
        ]),
      }),
    },
    {
      name: "Deny Read all properties on descendant users for the gMSA",
      expect: "fail",
      context: exampleContext({
        acl: aclFacts([
          ...CUSTOM_GMSA_ACES,
          ...PHS_ACES,
          ace({ accessType: "deny", rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.user }),
        ]),
      }),
    },
    {
      name: "Deny replication to a group the gMSA belongs to",
      expect: "fail",
      context: exampleContext({
        domain: { ...EXAMPLE_DOMAIN, groupMemberships: { "CORP\\provAgentgMSA$": ["CORP\\Tier1 Service Accounts"] } },
        acl: aclFacts([
          ...CUSTOM_GMSA_ACES,
          ...PHS_ACES,
          ace({ identity: "CORP\\Tier1 Service Accounts", accessType: "deny", rights: AD_RIGHTS.ExtendedRight, objectType: GUIDS.replicatingDirectoryChangesAll }),
        ]),
      }),
    },
    {
      name: "no ACL export uploaded",
      expect: "unknown",
      context: exampleContext({}),
    },
  ],
});

import type { ExcessFinding } from "./acl/analyze";
import { ace, aclFacts, EXAMPLE_DOMAIN, exampleContext, INSTALLER_ACES } from "./acl/examples";
import { GUIDS } from "@/lib/facts";
import { removalRemediation } from "./acl/remediation";
import { REQUIRED_PERMISSIONS } from "./acl/required";
import { AD_RIGHTS } from "@/lib/facts";
import { prepareAcl, UNKNOWN_INHERITANCE_FACT } from "./acl/rule-kit";
import { collectUnresolved, UNRESOLVED_FACT } from "./acl/unresolved";
import { cite, DOCS } from "./sources";
import { EXCHANGE_PUBLIC_FOLDER_CLASS } from "./acl/exchange-schema";
import { COMMON_ACL_NOTES } from "./acl/sources";
import { syncFeatures } from "./acl/sync-features";
import { featureUse } from "./feature/use";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "./types";

const EXPECTED = "only the documented cloud sync grants (custom gMSA table and the installer's \"ALL\" set)";

function excessEvidence(finding: ExcessFinding): Evidence {
  return evidence(
    `acl.aces[${finding.ace.index}]`,
    { ace: finding.ace.summary, via: finding.ace.via, excessRights: finding.excessRightsNames, risk: finding.risk, reason: finding.reason },
    EXPECTED,
  );
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const prepared = prepareAcl(ctx);
  if (!prepared.ok) return prepared.outcome;
  const { analysis, account } = prepared;
  if (analysis.excess.length === 0 && analysis.undeterminedExcess.length > 0) {
    // Whether these grant too much depends on where they apply, which the export did not say.
    const open = analysis.undeterminedExcess.map((f) =>
      evidence(`acl.aces[${f.ace.index}]`, { ace: f.ace.summary, via: f.ace.via, excessRights: f.excessRightsNames, reason: f.reason }, EXPECTED),
    );
    return unknown(
      UNKNOWN_INHERITANCE_FACT,
      prepared.collectInheritance,
      `Whether ${account} holds rights beyond the documented set depends on ${open.length} ACE(s) whose inheritance the export did not carry: ${analysis.undeterminedExcess[0].reason}`,
      [...open, ...prepared.context],
    );
  }
  if (analysis.excess.length === 0 && analysis.unresolvedExcess.length > 0) {
    // ACEs naming something outside the default schema: excess unless the name is a documented grant's object.
    const open = analysis.unresolvedExcess.map((f) => evidence(`acl.aces[${f.ace.index}]`, { ace: f.ace.summary, via: f.ace.via, reason: f.reason }, EXPECTED));
    return unknown(
      UNRESOLVED_FACT,
      collectUnresolved(analysis.unresolvedExcess.map((f) => f.ace)),
      `Whether ${account} holds rights beyond the documented set depends on ${open.length} ACE(s) naming something not in the default schema: ${analysis.unresolvedExcess[0].reason}`,
      [...open, ...prepared.context],
    );
  }
  if (analysis.excess.length === 0) {
    return pass(`${account} holds no rights on ${analysis.targetDn ?? "the exported object"} beyond the documented set.`, prepared.context);
  }
  const high = analysis.excess.filter((f) => f.risk === "high");
  const items = [...analysis.excess.map(excessEvidence), ...prepared.context];
  if (high.length === 0) {
    return fail(
      `${account} has ${analysis.excess.length} read-only grant(s) beyond the documented set: ${analysis.excess.map((f) => f.reason).join(" ")}`,
      items,
      "info",
    );
  }
  return fail(
    `${account} has ${high.length} grant(s) beyond the documented set that can change the directory: ${high.map((f) => f.reason).join(" ")} ` +
      "Anyone who controls the agent host can use them.",
    items,
  );
}

/** The documented grants to (re)establish after removing excess ACEs: what applies to this domain. */
function applicablePermissions(ctx: RuleContext) {
  const features = syncFeatures(ctx);
  return REQUIRED_PERMISSIONS.filter(
    (p) =>
      p.set === "custom-gmsa" ||
      (p.set === "password-hash-sync" && features.passwordHashSync) ||
      (p.set === "password-writeback" && features.passwordWriteback) ||
      (p.set === "group-provisioning" && featureUse(ctx, "groupProvisioning").used) ||
      (p.set === "exchange-hybrid" && featureUse(ctx, "exchangeHybridWriteback").used),
  );
}

export default defineRule({
  meta: {
    id: "gmsa-acl-excess",
    title: "The gMSA holds no rights beyond the documented cloud sync permissions",
    severity: "warning",
    scope: "gmsa-acl",
    rationale:
      "The agent host is a Tier 0 asset because its gMSA holds powerful rights; anything beyond the documented set (GenericAll, " +
      "WriteDacl or WriteOwner on the domain root, Full control on every descendant, membership of privileged groups) widens what an attacker " +
      "who controls the host can do, without helping sync.",
    source: cite(DOCS.prerequisites, "Group Managed Service Accounts > Custom gMSA account", "custom-gmsa-account"),
    otherSources: [
      cite(DOCS.gmsaCloudSync, "Permissions set on a gMSA account (ALL permissions)"),
      cite(DOCS.adDsConnectorAccount, "Configure AD DS Connector Account Permissions"),
    ],
    notes: [
      "The allowed set is the custom gMSA table plus everything the installer's \"ALL\" set grants (ms-DS-ConsistencyGuid, msDS-KeyCredentialLink, password hash sync, password writeback, group writeback, Exchange hybrid, UserGroupCreateDelete) and Entra Connect's BasicRead, so installer-made ACEs are never flagged.",
      "Exchange mail public folder read (Read all properties on descendant publicFolder objects, ADSyncConfig's RP;;publicFolder, part of the installer's \"ALL\" set) is an expected grant: publicFolder is the Exchange schema extension's class f0f8ffac-1191-11d0-a060-00aa006c33ed, matched by GUID (Get-Acl exports) or by the name publicFolder/Public-Folder (dsacls text). Some public GUID tables print that GUID under other names (Shared-Folder, Read-Only-Replication-Secret-Synchronization); the Exchange schema names it public-folder. Any right beyond Read on publicFolder objects is still excess.",
      "Read-only excess (ListChildren, ReadProperty, ListObject, ReadControl) is reported with severity info; anything that can change objects, ACLs or owners is a warning.",
      "Grants to groups count only with membership data; broad groups (Everyone, Authenticated Users, Users, Pre-Windows 2000 Compatible Access, Domain Users, Domain Computers) are left out of this check.",
      ...COMMON_ACL_NOTES,
    ],
    remediation: {
      summary:
        "Remove the ACEs that grant more than documented (or take the gMSA out of the group that carries them), after making sure the documented grants exist as their own ACEs.",
      steps: [
        "Grant the documented permissions first (see gmsa-acl-read-objects, gmsa-acl-groups-full-control, gmsa-acl-create-delete-users, gmsa-acl-phs, gmsa-acl-writeback), so removing a broad ACE does not remove rights the agent needs.",
        "Remove each excess ACE: $acl = Get-Acl \"AD:\\<domain DN>\"; $acl.RemoveAccessRuleSpecific($rule); Set-Acl \"AD:\\<domain DN>\" -AclObject $acl (the generated script does this idempotently and re-grants the documented set).",
        "For grants through a group: Remove-ADGroupMember -Identity '<group>' -Members 'provAgentgMSA$', then restart the agent host or the AADConnectProvisioningAgent service so the gMSA gets a new token.",
      ],
    },
  },
  evaluate,
  remediationScript: (ctx) =>
    removalRemediation(
      ctx,
      (analysis) => analysis.excess.map((f) => f.ace),
      () => applicablePermissions(ctx),
      "Removes gMSA ACEs that grant more than the documented cloud sync permissions, then re-grants the documented set (gmsa-acl-excess).",
    ),
  examples: [
    {
      name: "exactly what the installer grants",
      expect: "pass",
      context: exampleContext({ acl: aclFacts(INSTALLER_ACES) }),
    },
    {
      name: "GenericAll on the domain root and all descendants",
      expect: "fail",
      context: exampleContext({ acl: aclFacts([...INSTALLER_ACES, ace({ rights: AD_RIGHTS.GenericAll, inheritanceType: "All" })]) }),
    },
    {
      name: "gMSA is a member of Domain Admins",
      expect: "fail",
      context: exampleContext({
        domain: { ...EXAMPLE_DOMAIN, groupMemberships: { "CORP\\provAgentgMSA$": ["CORP\\Domain Admins"] } },
        acl: aclFacts(INSTALLER_ACES),
      }),
    },
    {
      name: "extra Read all properties on organizational units (read-only: info)",
      expect: "fail",
      context: exampleContext({
        acl: aclFacts([
          ...INSTALLER_ACES,
          ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: GUIDS.organizationalUnit }),
        ]),
      }),
    },
    {
      name: "the installer's Exchange mail public folder read (Read all properties on descendant publicFolder objects)",
      expect: "pass",
      context: exampleContext({
        acl: aclFacts([
          ...INSTALLER_ACES,
          ace({ rights: AD_RIGHTS.ReadProperty, inheritanceType: "Descendents", inheritedObjectType: EXCHANGE_PUBLIC_FOLDER_CLASS }),
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

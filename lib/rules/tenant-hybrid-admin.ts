import { missingFact, readArray } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { GLOBAL_ADMIN_ROLE_ID, HINT, HYBRID_IDENTITY_ADMIN_ROLE_ID } from "./tenant/collect";
import { assessAdmin, countWords, holdingWords } from "./tenant/hybrid-admins";
import { defineRule } from "./types";

const FACT = "tenant.hybridIdentityAdmins";
const EXPECTED =
  "role Hybrid Identity Administrator or Global Administrator (active or PIM-eligible, direct or through a group), userType Member, onPremisesSyncEnabled not true (cloud-only), accountEnabled true";

export default defineRule({
  meta: {
    id: "tenant-hybrid-admin",
    title: "A cloud-only, non-guest Hybrid Identity Administrator or Global Administrator account exists in the tenant",
    severity: "blocker",
    scope: "tenant",
    rationale:
      "Installing and configuring the agent needs a Hybrid Identity Administrator that isn't a guest (a Global Administrator " +
      "holds the same permissions). Microsoft asks for a cloud-only one so the tenant's sync configuration can still be managed " +
      "when on-premises AD is unavailable; it is the break-glass path that prevents a lock-out.",
    source: cite(DOCS.prerequisites, "In the Microsoft Entra admin center", "in-the-microsoft-entra-admin-center"),
    otherSources: [
      cite(DOCS.prerequisites, "Cloud provisioning agent requirements", "cloud-provisioning-agent-requirements"),
      cite(DOCS.agentVersionHistory, "1.1.2102.0 (the installer activates an eligible PIM role)"),
    ],
    notes: [
      "Two statements combined: the agent requirements ask for a Hybrid Identity Administrator \"that isn't a guest " +
        "user\"; the admin-center step asks to create a cloud-only one. A qualifying account must be a Member, not " +
        "synced (onPremisesSyncEnabled null or false: null = never synced, false = no longer synced) and enabled.",
      `Accepted roles: Hybrid Identity Administrator (${HYBRID_IDENTITY_ADMIN_ROLE_ID}) or Global Administrator (${GLOBAL_ADMIN_ROLE_ID}), ` +
        "which holds every permission of it; the documents name only the former, the GPAD section says \"at least\" a Hybrid Identity Administrator. " +
        "Only tenant-wide assignments (directoryScopeId \"/\") count.",
      "PIM-eligible assignments count (agent 1.1.2102.0 activates an eligible role during install), and so do members of a " +
        "role-assignable group that holds the role; the result says how each qualifying account holds it (active or eligible, direct or through which group).",
      "The role members list (directoryRoles/.../members) shows only active, direct holders of one role; upload role " +
        "assignments and eligibility schedules (the collect command) so that eligible, group-based and Global Administrator holders are seen.",
    ],
    remediation: {
      summary:
        "Create a cloud-only member account (UPN on the tenant's onmicrosoft.com or a verified domain, not synced from AD), " +
        "protect it with MFA, and assign it the Hybrid Identity Administrator role (directly or PIM-eligible).",
      steps: [
        "Create the user in the Microsoft Entra admin center (Users > New user > Create new user), or New-MgUser with a cloud-only UPN",
        `Assign the role: New-MgRoleManagementDirectoryRoleAssignment -PrincipalId <user id> -RoleDefinitionId ${HYBRID_IDENTITY_ADMIN_ROLE_ID} -DirectoryScopeId '/' (or make it PIM-eligible in Privileged Identity Management)`,
        "Require MFA for the account (Conditional Access) and store its credentials as a break-glass secret",
        "Verify with the collect command (role assignments and eligibility schedules of both roles) and upload its JSON",
      ],
    },
  },
  evaluate: (ctx) => {
    const raw = ctx.tenant?.hybridIdentityAdmins;
    const list = readArray(raw);
    if (list === undefined) return missingFact(FACT, HINT.hybridIdentityAdmins, raw, "The Hybrid Identity Administrator and Global Administrator role holders");
    if (list.length === 0) {
      return fail("Nobody holds the Hybrid Identity Administrator or Global Administrator role in the upload; assign Hybrid Identity Administrator to a cloud-only member account.", [
        evidence(FACT, [], `at least one account with ${EXPECTED}`),
      ]);
    }
    const candidates = list.map(assessAdmin);
    const found = candidates.map((c) =>
      evidence(
        `${FACT}[${c.index}]`,
        {
          userPrincipalName: c.upn,
          role: c.role,
          assignment: c.assignment,
          viaGroup: c.viaGroup,
          doesNotQualifyBecause: c.disqualified,
          notCollected: c.undecided,
        },
        EXPECTED,
      ),
    );
    const qualifying = candidates.filter((c) => c.disqualified.length === 0 && c.undecided.length === 0);
    if (qualifying.length > 0) {
      const accounts = new Set(qualifying.map((c) => c.upn)).size;
      return pass(
        `${accounts} cloud-only admin account(s) qualify, ${countWords(qualifying)}: ${qualifying.map((c) => `${c.upn} (${holdingWords(c)})`).join(", ")}.`,
        found,
      );
    }
    const undecided = candidates.find((c) => c.undecided.length > 0);
    if (undecided) {
      return unknown(
        `${FACT}[${undecided.index}].${undecided.undecided[0] ?? "userType"}`,
        HINT.hybridIdentityAdmins,
        `No role holder is known to be a cloud-only member; for ${undecided.upn} (${holdingWords(undecided)}) ${undecided.undecided.join(", ")} was not collected.`,
        found,
      );
    }
    const reasons = candidates.map((c) => `${c.upn} (${holdingWords(c)}): ${c.disqualified.join("; ")}`).join(" | ");
    return fail(`No Hybrid Identity Administrator or Global Administrator is a cloud-only, enabled member account. ${reasons}`, found);
  },
  examples: [
    {
      name: "a cloud-only admin next to a synced one",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        tenant: {
          hybridIdentityAdmins: [
            { userPrincipalName: "jdoe@contoso.com", userType: "Member", onPremisesSyncEnabled: true, accountEnabled: true },
            { userPrincipalName: "hybrid-admin@contoso.onmicrosoft.com", userType: "Member", onPremisesSyncEnabled: null, accountEnabled: true },
          ],
        },
      },
    },
    {
      name: "only a PIM-eligible cloud-only Global Administrator, through a role-assignable group",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        tenant: {
          hybridIdentityAdmins: [
            { userPrincipalName: "jdoe@contoso.com", userType: "Member", onPremisesSyncEnabled: true, accountEnabled: true },
            {
              userPrincipalName: "breakglass@contoso.onmicrosoft.com",
              userType: "Member",
              onPremisesSyncEnabled: null,
              accountEnabled: true,
              role: "Global Administrator",
              assignment: "eligible",
              viaGroup: "Tier0-Admins",
            },
          ],
        },
      },
    },
    {
      name: "only a synced admin and a guest consultant",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        tenant: {
          hybridIdentityAdmins: [
            { userPrincipalName: "jdoe@contoso.com", userType: "Member", onPremisesSyncEnabled: true, accountEnabled: true },
            {
              userPrincipalName: "consultant_fabrikam.com#EXT#@contoso.onmicrosoft.com",
              userType: "Guest",
              onPremisesSyncEnabled: null,
              accountEnabled: true,
            },
          ],
        },
      },
    },
    {
      name: "role members not collected",
      expect: "unknown",
      context: { asOf: "2026-08-01T00:00:00Z", tenant: { tenantId: "00000000-0000-0000-0000-0000000000aa" } },
    },
  ],
});

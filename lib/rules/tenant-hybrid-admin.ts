import { missingFact, readArray } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { COLLECT, HINT, HYBRID_IDENTITY_ADMIN_ROLE_ID } from "./tenant/collect";
import { assessAdmin } from "./tenant/hybrid-admins";
import { defineRule } from "./types";

const FACT = "tenant.hybridIdentityAdmins";
const EXPECTED = "userType Member, onPremisesSyncEnabled not true (cloud-only), accountEnabled true";

export default defineRule({
  meta: {
    id: "tenant-hybrid-admin",
    title: "A cloud-only, non-guest Hybrid Identity Administrator account exists in the tenant",
    severity: "blocker",
    scope: "tenant",
    rationale:
      "Installing and configuring the agent needs a Hybrid Identity Administrator that isn't a guest. Microsoft asks " +
      "for a cloud-only one so the tenant's sync configuration can still be managed when on-premises AD is unavailable; " +
      "it is the break-glass path that prevents a lock-out.",
    source: cite(DOCS.prerequisites, "In the Microsoft Entra admin center", "in-the-microsoft-entra-admin-center"),
    otherSources: [cite(DOCS.prerequisites, "Cloud provisioning agent requirements", "cloud-provisioning-agent-requirements")],
    notes: [
      "Two statements combined: the agent requirements ask for a Hybrid Identity Administrator \"that isn't a guest " +
        "user\"; the admin-center step asks to create a cloud-only one. A qualifying account must be a Member, not " +
        "synced (onPremisesSyncEnabled null or false: null = never synced, false = no longer synced) and enabled.",
      `Reads direct members of the role (template ${HYBRID_IDENTITY_ADMIN_ROLE_ID}). PIM-eligible assignments and ` +
        "members of role-assignable groups are not in that list; agent 1.1.2102.0 activates an eligible role during " +
        "install, so a tenant relying on PIM may show a false fail - collect eligible assignments too or waive.",
      "Global Administrators can also configure cloud sync, but the documents ask for a Hybrid Identity Administrator; the rule checks that role only.",
    ],
    remediation: {
      summary:
        "Create a cloud-only member account (UPN on the tenant's onmicrosoft.com or a verified domain, not synced from AD), " +
        "protect it with MFA, and assign it the Hybrid Identity Administrator role.",
      steps: [
        "Create the user in the Microsoft Entra admin center (Users > New user > Create new user), or New-MgUser with a cloud-only UPN",
        `Assign the role: New-MgRoleManagementDirectoryRoleAssignment -PrincipalId <user id> -RoleDefinitionId ${HYBRID_IDENTITY_ADMIN_ROLE_ID} -DirectoryScopeId '/'`,
        "Require MFA for the account (Conditional Access) and store its credentials as a break-glass secret",
        "Verify: " + COLLECT.hybridIdentityAdmins,
      ],
    },
  },
  evaluate: (ctx) => {
    const raw = ctx.tenant?.hybridIdentityAdmins;
    const list = readArray(raw);
    if (list === undefined) return missingFact(FACT, HINT.hybridIdentityAdmins, raw, "The Hybrid Identity Administrator role members");
    if (list.length === 0) {
      return fail("Nobody holds the Hybrid Identity Administrator role; assign it to a cloud-only member account.", [
        evidence(FACT, [], `at least one account with ${EXPECTED}`),
      ]);
    }
    const candidates = list.map(assessAdmin);
    const found = candidates.map((c) =>
      evidence(
        `${FACT}[${c.index}]`,
        { userPrincipalName: c.upn, doesNotQualifyBecause: c.disqualified, notCollected: c.undecided },
        EXPECTED,
      ),
    );
    const qualifying = candidates.filter((c) => c.disqualified.length === 0 && c.undecided.length === 0);
    if (qualifying.length > 0) {
      return pass(`Cloud-only Hybrid Identity Administrator(s): ${qualifying.map((c) => c.upn).join(", ")}.`, found);
    }
    const undecided = candidates.find((c) => c.undecided.length > 0);
    if (undecided) {
      return unknown(
        `${FACT}[${undecided.index}].${undecided.undecided[0] ?? "userType"}`,
        HINT.hybridIdentityAdmins,
        `No Hybrid Identity Administrator is known to be a cloud-only member; for ${undecided.upn} ${undecided.undecided.join(", ")} was not collected.`,
        found,
      );
    }
    const reasons = candidates.map((c) => `${c.upn}: ${c.disqualified.join("; ")}`).join(" | ");
    return fail(`No Hybrid Identity Administrator is a cloud-only, enabled member account. ${reasons}`, found);
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

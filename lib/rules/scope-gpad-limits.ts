import { isRecord, readArray, readBoolean, readCount, readString } from "./domain/read";
import { featureUse } from "./feature/use";
import { evidence, fail, pass, unknown } from "./outcome";
import { GPAD_SCOPE_HINT } from "./scope/collect";
import { cite, DOCS } from "./sources";
import { defineRule, type Evidence, type RuleContext, type RuleOutcome } from "./types";

/** [PRE-2026] Group provisioning to AD: supported scale per scoping mode. */
export const GPAD_LIMITS = {
  maxGroupMembers: 50_000,
  selectedGroups: { groups: 10_000, memberships: 250_000 },
  allGroupsWithFilter: { groups: 20_000, memberships: 500_000 },
  /** "All security groups" is supported only for tenants below these sizes. */
  allGroupsTenantBelow: { users: 200_000, groups: 40_000, memberships: 1_000_000 },
} as const;

const n = (value: number) => value.toLocaleString("en-US");

interface Checked {
  problems: string[];
  missing: string[];
  items: Evidence[];
}

function judge(name: string, index: number, raw: unknown): Checked {
  const fact = `scope.configurations[${index}].groupProvisioningScope`;
  const out: Checked = { problems: [], missing: [], items: [] };
  if (!isRecord(raw)) {
    out.missing.push(`${name}: the scoping mode and sizes (${fact})`);
    return out;
  }
  const mode = readString(raw.mode);
  const figure = (key: string, limit: number, label: string, below = false) => {
    const value = readCount(raw[key]);
    const expected = below ? `< ${n(limit)}` : `<= ${n(limit)}`;
    out.items.push(evidence(`${fact}.${key}`, value ?? null, `${expected} ${label}`));
    if (value === undefined) out.missing.push(`${name}: ${key}`);
    else if (below ? value >= limit : value > limit) out.problems.push(`${name}: ${n(value)} ${label} (supported: ${expected})`);
  };
  figure("largestGroupMembers", GPAD_LIMITS.maxGroupMembers, "members in the largest group");
  if (mode === "selected-groups") {
    figure("groupCount", GPAD_LIMITS.selectedGroups.groups, "groups in scope");
    figure("membershipCount", GPAD_LIMITS.selectedGroups.memberships, "direct memberships in scope");
  } else if (mode === "all-groups") {
    const filtered = readBoolean(raw.attributeFilter);
    out.items.push(evidence(`${fact}.attributeFilter`, filtered ?? null, "true: All security groups is supported only with at least one attribute filter"));
    if (filtered === false) out.problems.push(`${name}: All security groups without an attribute scoping filter is not supported`);
    else if (filtered === undefined) out.missing.push(`${name}: attributeFilter`);
    figure("groupCount", GPAD_LIMITS.allGroupsWithFilter.groups, "groups in scope");
    figure("membershipCount", GPAD_LIMITS.allGroupsWithFilter.memberships, "direct memberships in scope");
    figure("tenantUsers", GPAD_LIMITS.allGroupsTenantBelow.users, "users in the tenant", true);
    figure("tenantGroups", GPAD_LIMITS.allGroupsTenantBelow.groups, "groups in the tenant", true);
    figure("tenantMemberships", GPAD_LIMITS.allGroupsTenantBelow.memberships, "memberships in the tenant", true);
  } else {
    out.items.push(evidence(`${fact}.mode`, raw.mode ?? null, "selected-groups or all-groups"));
    out.missing.push(`${name}: mode`);
  }
  return out;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const list = readArray(isRecord(ctx?.scope) ? ctx.scope.configurations : undefined) ?? [];
  const gpad = list.flatMap((entry, index) =>
    isRecord(entry) && entry.groupProvisioning === true
      ? [{ index, name: readString(entry.name) ?? `configuration #${index + 1}`, raw: entry.groupProvisioningScope }]
      : [],
  );
  if (gpad.length === 0) {
    return unknown(
      "scope.configurations[].groupProvisioning",
      GPAD_SCOPE_HINT,
      "Group provisioning to AD is used (tenant facts), but no sync configuration in the scope facts is marked as provisioning groups to AD, so its scope cannot be judged.",
    );
  }
  const results = gpad.map((c) => judge(c.name, c.index, c.raw));
  const items = results.flatMap((r) => r.items);
  const problems = results.flatMap((r) => r.problems);
  const missing = results.flatMap((r) => r.missing);
  if (problems.length > 0) {
    return fail(`Group provisioning to AD is beyond its documented limits: ${problems.join("; ")}.`, items);
  }
  if (missing.length > 0) {
    const first = gpad[0];
    return unknown(
      `scope.configurations[${first.index}].groupProvisioningScope`,
      GPAD_SCOPE_HINT,
      `The group provisioning scope was not fully recorded: ${missing.join("; ")}.`,
      items,
    );
  }
  return pass(`Group provisioning to AD is within the documented limits (${gpad.map((c) => c.name).join(", ")}).`, items);
}

const config = (groupProvisioningScope: Record<string, unknown>) => ({
  asOf: "2026-08-01T00:00:00Z",
  scope: { configurations: [{ name: "groups-to-ad", domain: "corp.contoso.com", groupProvisioning: true, groupProvisioningScope }] },
});

export default defineRule({
  meta: {
    id: "scope-gpad-limits",
    title: "Group provisioning to Active Directory stays within the documented scale limits of its scoping mode",
    severity: "blocker",
    scope: "sync-scope",
    rationale:
      "Group provisioning to AD supports a documented number of groups and memberships per scoping mode; beyond them, or with an " +
      "unsupported scope, provisioning cycles do not complete reliably.",
    source: cite(DOCS.prerequisites, "Provision Microsoft Entra ID to Active Directory Domain Services - Prerequisites"),
    otherSources: [],
    notes: [
      "Applies only when the tenant facts (featuresUsed.groupProvisioning) or any sync configuration (groupProvisioning) say group provisioning to AD is used; otherwise not applicable (feature/use.ts).",
      `Limits as documented: groups of more than ${n(GPAD_LIMITS.maxGroupMembers)} members are not supported; "Selected security groups": up to ${n(GPAD_LIMITS.selectedGroups.groups)} groups and ${n(GPAD_LIMITS.selectedGroups.memberships)} direct memberships; "All security groups" is supported only with at least one attribute filter, up to ${n(GPAD_LIMITS.allGroupsWithFilter.groups)} groups and ${n(GPAD_LIMITS.allGroupsWithFilter.memberships)} memberships, and only for tenants with fewer than ${n(GPAD_LIMITS.allGroupsTenantBelow.users)} users, ${n(GPAD_LIMITS.allGroupsTenantBelow.groups)} groups and ${n(GPAD_LIMITS.allGroupsTenantBelow.memberships)} memberships.`,
      "The portal selects and shows at most 999 groups; beyond that, assign groups with Microsoft Graph (appRoleAssignedTo). That is a tooling limit, not a scale limit, so the rule does not judge it.",
      "A figure at the limit passes (\"up to\"); the tenant-size conditions are strict (\"fewer than\").",
      "Only configurations marked groupProvisioning = true are judged; the provisioning job runs every 20 minutes.",
    ],
    remediation: {
      summary: "Reduce the groups in scope (select fewer groups, or add attribute filters) or split large groups so that each mode's documented limits hold.",
      steps: [
        "Selected security groups: keep to 10,000 groups and 250,000 direct memberships; assign beyond 999 groups with Microsoft Graph (appRoleAssignedTo).",
        "All security groups: add at least one attribute scoping filter; keep to 20,000 groups and 500,000 memberships, and use it only in tenants under 200,000 users, 40,000 groups and 1,000,000 memberships.",
        "Split any group above 50,000 members.",
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "groupProvisioning", false).used,
  evaluate,
  examples: [
    {
      name: "1,200 selected groups",
      expect: "pass",
      context: config({ mode: "selected-groups", groupCount: 1200, membershipCount: 84_000, largestGroupMembers: 9_800 }),
    },
    {
      name: "all security groups without an attribute filter",
      expect: "fail",
      context: config({
        mode: "all-groups",
        attributeFilter: false,
        groupCount: 4_100,
        membershipCount: 210_000,
        largestGroupMembers: 12_000,
        tenantUsers: 38_000,
        tenantGroups: 4_100,
        tenantMemberships: 210_000,
      }),
    },
    { name: "scope sizes not recorded", expect: "unknown", context: config({ mode: "selected-groups" }) },
  ],
});

import { prop, readBoolean, readString } from "@/lib/rules/domain/read";

/** The roles that can install and configure cloud sync (lib/facts/tenant.ts TENANT_ADMIN_ROLES). */
export const QUALIFYING_ROLES = ["Hybrid Identity Administrator", "Global Administrator"] as const;
export type QualifyingRole = (typeof QUALIFYING_ROLES)[number];

/** Why a role holder does, does not, or might qualify as the cloud-only, non-guest admin. */
export interface AdminCandidate {
  index: number;
  upn: string;
  /** The role held (absent in the facts = Hybrid Identity Administrator, the role members list). */
  role: string;
  /** "active" or "eligible" (PIM); absent in the facts = active. */
  assignment: string;
  /** The role-assignable group it is held through; null = assigned directly. */
  viaGroup: string | null;
  /** Reasons it does not qualify (empty when it qualifies or is undecided). */
  disqualified: string[];
  /** Facts that were not collected and would decide it. */
  undecided: string[];
}

function isQualifyingRole(role: string): role is QualifyingRole {
  return (QUALIFYING_ROLES as readonly string[]).includes(role);
}

export function assessAdmin(entry: unknown, index: number): AdminCandidate {
  const upn = readString(prop(entry, "userPrincipalName")) ?? `#${index}`;
  const role = readString(prop(entry, "role")) ?? "Hybrid Identity Administrator";
  const assignment = readString(prop(entry, "assignment"))?.toLowerCase() ?? "active";
  const viaGroup = readString(prop(entry, "viaGroup")) ?? null;
  const userType = readString(prop(entry, "userType"));
  const rawSync = prop(entry, "onPremisesSyncEnabled");
  const synced = rawSync === null ? false : readBoolean(rawSync);
  const enabled = readBoolean(prop(entry, "accountEnabled"));
  const disqualified: string[] = [];
  const undecided: string[] = [];

  if (!isQualifyingRole(role)) disqualified.push(`holds ${role}, which is neither Hybrid Identity Administrator nor Global Administrator`);
  if (assignment !== "active" && assignment !== "eligible") disqualified.push(`assignment is ${assignment} (neither active nor PIM-eligible)`);

  if (userType === undefined) undecided.push("userType");
  else if (userType.toLowerCase() !== "member") disqualified.push(`userType is ${userType} (guest accounts don't qualify)`);

  if (synced === undefined) undecided.push("onPremisesSyncEnabled");
  else if (synced) disqualified.push("synced from on-premises AD (onPremisesSyncEnabled = true), not cloud-only");

  if (enabled === undefined) undecided.push("accountEnabled");
  else if (!enabled) disqualified.push("account is disabled");

  return { index, upn, role, assignment, viaGroup, disqualified, undecided: disqualified.length > 0 ? [] : undecided };
}

/** "Global Administrator, PIM-eligible, through group Tier0-Admins" / "Hybrid Identity Administrator, active, direct". */
export function holdingWords(c: Pick<AdminCandidate, "role" | "assignment" | "viaGroup">): string {
  const how = c.assignment === "eligible" ? "PIM-eligible" : c.assignment;
  return `${c.role}, ${how}, ${c.viaGroup === null ? "direct" : `through group ${c.viaGroup}`}`;
}

/** "2 active (1 through a group), 1 PIM-eligible": how the qualifying accounts hold their role. */
export function countWords(candidates: readonly AdminCandidate[]): string {
  const active = candidates.filter((c) => c.assignment !== "eligible");
  const eligible = candidates.filter((c) => c.assignment === "eligible");
  const part = (list: readonly AdminCandidate[], label: string) => {
    const grouped = list.filter((c) => c.viaGroup !== null).length;
    return `${list.length} ${label}${grouped > 0 ? ` (${grouped} through a group)` : ""}`;
  };
  return [active.length > 0 ? part(active, "active") : null, eligible.length > 0 ? part(eligible, "PIM-eligible") : null].filter((p) => p !== null).join(", ");
}

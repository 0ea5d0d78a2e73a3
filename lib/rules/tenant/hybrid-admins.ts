import { prop, readBoolean, readString } from "@/lib/rules/domain/read";

/** Why a Hybrid Identity Administrator does, does not, or might qualify as the cloud-only, non-guest admin. */
export interface AdminCandidate {
  index: number;
  upn: string;
  /** Reasons it does not qualify (empty when it qualifies or is undecided). */
  disqualified: string[];
  /** Facts that were not collected and would decide it. */
  undecided: string[];
}

export function assessAdmin(entry: unknown, index: number): AdminCandidate {
  const upn = readString(prop(entry, "userPrincipalName")) ?? `#${index}`;
  const userType = readString(prop(entry, "userType"));
  const rawSync = prop(entry, "onPremisesSyncEnabled");
  const synced = rawSync === null ? false : readBoolean(rawSync);
  const enabled = readBoolean(prop(entry, "accountEnabled"));
  const disqualified: string[] = [];
  const undecided: string[] = [];

  if (userType === undefined) undecided.push("userType");
  else if (userType.toLowerCase() !== "member") disqualified.push(`userType is ${userType} (guest accounts don't qualify)`);

  if (synced === undefined) undecided.push("onPremisesSyncEnabled");
  else if (synced) disqualified.push("synced from on-premises AD (onPremisesSyncEnabled = true), not cloud-only");

  if (enabled === undefined) undecided.push("accountEnabled");
  else if (!enabled) disqualified.push("account is disabled");

  return { index, upn, disqualified, undecided: disqualified.length > 0 ? [] : undecided };
}

/**
 * Well-known security identifiers and the names Windows prints for them (MS-DTYP §2.4.2.4).
 * Shared by the parsers, the rules and the demo fleet.
 */
export const WELL_KNOWN_SIDS = {
  everyone: "S-1-1-0",
  authenticatedUsers: "S-1-5-11",
  builtinUsers: "S-1-5-32-545",
  preWindows2000CompatibleAccess: "S-1-5-32-554",
  builtinWindowsAuthorizationAccessGroup: "S-1-5-32-560",
} as const;

/** Relative identifiers of a domain's own well-known groups ("S-1-5-21-<domain>-<rid>"). */
export const DOMAIN_RIDS = { domainUsers: 513, domainComputers: 515 } as const;

/** Groups nearly every account is a member of: a grant to one of them is a grant to everyone. */
export const BROAD_GROUP_SIDS: readonly string[] = [
  WELL_KNOWN_SIDS.everyone,
  WELL_KNOWN_SIDS.authenticatedUsers,
  WELL_KNOWN_SIDS.builtinUsers,
  WELL_KNOWN_SIDS.preWindows2000CompatibleAccess,
];

/** Domain SIDs of the broad domain groups (Domain Users, Domain Computers). */
export const BROAD_DOMAIN_GROUP_SID = new RegExp(`^S-1-5-21-\\d+-\\d+-\\d+-(${DOMAIN_RIDS.domainUsers}|${DOMAIN_RIDS.domainComputers})$`);

/** The names (lower-case) the broad groups are printed with. */
export const BROAD_GROUP_NAMES: readonly string[] = [
  "everyone",
  "authenticated users",
  "users",
  "pre-windows 2000 compatible access",
  "domain users",
  "domain computers",
];

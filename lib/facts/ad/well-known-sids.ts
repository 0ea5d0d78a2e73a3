/**
 * Well-known security identifiers and the names Windows prints for them (MS-DTYP §2.4.2.4; "Well-known SIDs" in the
 * Windows security docs). Shared by the parsers, the rules and the demo fleet.
 */
export const WELL_KNOWN_SIDS = {
  everyone: "S-1-1-0",
  authenticatedUsers: "S-1-5-11",
  thisOrganization: "S-1-5-15",
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
  WELL_KNOWN_SIDS.thisOrganization,
];

/**
 * Groups Windows adds to the token of every account that signs in to the domain over the network (MS-DTYP §2.4.2.4;
 * "Special identity groups"): the gMSA holds them without any membership data, so their Allow and Deny ACEs are its
 * own. (Domain Users / Domain Computers are primary groups, not token-wide: they stay membership data.)
 */
export const TOKEN_GROUP_SIDS: readonly string[] = [WELL_KNOWN_SIDS.everyone, WELL_KNOWN_SIDS.authenticatedUsers, WELL_KNOWN_SIDS.thisOrganization];

/** The names (lower-case, without "NT AUTHORITY\\") the token groups are printed with. */
export const TOKEN_GROUP_NAMES: readonly string[] = ["everyone", "authenticated users", "this organization"];

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
  "this organization",
];

/**
 * Machine-independent well-known SIDs -> the name an English Windows prints for them (Get-Acl's IdentityReference,
 * dsacls), e.g. an unresolved "S-1-5-32-548" in an export is "BUILTIN\Account Operators".
 */
export const WELL_KNOWN_SID_NAMES: ReadonlyMap<string, string> = new Map([
  ["S-1-0-0", "NULL SID"],
  ["S-1-1-0", "Everyone"],
  ["S-1-2-0", "LOCAL"],
  ["S-1-2-1", "CONSOLE LOGON"],
  ["S-1-3-0", "CREATOR OWNER"],
  ["S-1-3-1", "CREATOR GROUP"],
  ["S-1-3-4", "OWNER RIGHTS"],
  ["S-1-5-1", "NT AUTHORITY\\DIALUP"],
  ["S-1-5-2", "NT AUTHORITY\\NETWORK"],
  ["S-1-5-3", "NT AUTHORITY\\BATCH"],
  ["S-1-5-4", "NT AUTHORITY\\INTERACTIVE"],
  ["S-1-5-6", "NT AUTHORITY\\SERVICE"],
  ["S-1-5-7", "NT AUTHORITY\\ANONYMOUS LOGON"],
  ["S-1-5-8", "NT AUTHORITY\\PROXY"],
  ["S-1-5-9", "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS"],
  ["S-1-5-10", "NT AUTHORITY\\SELF"],
  ["S-1-5-11", "NT AUTHORITY\\Authenticated Users"],
  ["S-1-5-12", "NT AUTHORITY\\RESTRICTED"],
  ["S-1-5-13", "NT AUTHORITY\\TERMINAL SERVER USER"],
  ["S-1-5-14", "NT AUTHORITY\\REMOTE INTERACTIVE LOGON"],
  ["S-1-5-15", "NT AUTHORITY\\This Organization"],
  ["S-1-5-17", "NT AUTHORITY\\IUSR"],
  ["S-1-5-18", "NT AUTHORITY\\SYSTEM"],
  ["S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE"],
  ["S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE"],
  ["S-1-5-33", "NT AUTHORITY\\WRITE RESTRICTED"],
  ["S-1-5-32-544", "BUILTIN\\Administrators"],
  ["S-1-5-32-545", "BUILTIN\\Users"],
  ["S-1-5-32-546", "BUILTIN\\Guests"],
  ["S-1-5-32-547", "BUILTIN\\Power Users"],
  ["S-1-5-32-548", "BUILTIN\\Account Operators"],
  ["S-1-5-32-549", "BUILTIN\\Server Operators"],
  ["S-1-5-32-550", "BUILTIN\\Print Operators"],
  ["S-1-5-32-551", "BUILTIN\\Backup Operators"],
  ["S-1-5-32-552", "BUILTIN\\Replicator"],
  ["S-1-5-32-554", "BUILTIN\\Pre-Windows 2000 Compatible Access"],
  ["S-1-5-32-555", "BUILTIN\\Remote Desktop Users"],
  ["S-1-5-32-556", "BUILTIN\\Network Configuration Operators"],
  ["S-1-5-32-557", "BUILTIN\\Incoming Forest Trust Builders"],
  ["S-1-5-32-558", "BUILTIN\\Performance Monitor Users"],
  ["S-1-5-32-559", "BUILTIN\\Performance Log Users"],
  ["S-1-5-32-560", "BUILTIN\\Windows Authorization Access Group"],
  ["S-1-5-32-561", "BUILTIN\\Terminal Server License Servers"],
  ["S-1-5-32-562", "BUILTIN\\Distributed COM Users"],
  ["S-1-5-32-568", "BUILTIN\\IIS_IUSRS"],
  ["S-1-5-32-569", "BUILTIN\\Cryptographic Operators"],
  ["S-1-5-32-573", "BUILTIN\\Event Log Readers"],
  ["S-1-5-32-574", "BUILTIN\\Certificate Service DCOM Access"],
  ["S-1-5-32-575", "BUILTIN\\RDS Remote Access Servers"],
  ["S-1-5-32-576", "BUILTIN\\RDS Endpoint Servers"],
  ["S-1-5-32-577", "BUILTIN\\RDS Management Servers"],
  ["S-1-5-32-578", "BUILTIN\\Hyper-V Administrators"],
  ["S-1-5-32-579", "BUILTIN\\Access Control Assistance Operators"],
  ["S-1-5-32-580", "BUILTIN\\Remote Management Users"],
  ["S-1-5-84-0-0-0-0-0", "NT AUTHORITY\\USER MODE DRIVERS"],
  ["S-1-15-2-1", "APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES"],
  ["S-1-16-4096", "Mandatory Label\\Low Mandatory Level"],
  ["S-1-16-8192", "Mandatory Label\\Medium Mandatory Level"],
  ["S-1-16-8448", "Mandatory Label\\Medium Plus Mandatory Level"],
  ["S-1-16-12288", "Mandatory Label\\High Mandatory Level"],
  ["S-1-16-16384", "Mandatory Label\\System Mandatory Level"],
  ["S-1-18-2", "Service asserted identity"],
]);

/**
 * Names of a domain's well-known accounts and groups by RID ("S-1-5-21-<domain>-<rid>"). Which domain a SID belongs to
 * is not known from the SID alone, so these name the group only; 498, 518, 519 and 527 exist in the forest root domain.
 */
export const DOMAIN_RID_NAMES: ReadonlyMap<number, string> = new Map([
  [498, "Enterprise Read-only Domain Controllers"],
  [500, "Administrator"],
  [501, "Guest"],
  [502, "krbtgt"],
  [512, "Domain Admins"],
  [513, "Domain Users"],
  [514, "Domain Guests"],
  [515, "Domain Computers"],
  [516, "Domain Controllers"],
  [517, "Cert Publishers"],
  [518, "Schema Admins"],
  [519, "Enterprise Admins"],
  [520, "Group Policy Creator Owners"],
  [521, "Read-only Domain Controllers"],
  [522, "Cloneable Domain Controllers"],
  [525, "Protected Users"],
  [526, "Key Admins"],
  [527, "Enterprise Key Admins"],
  [553, "RAS and IAS Servers"],
]);

const SID = /^S-1-\d+(?:-\d+)+$/i;

/** True for a SID string such as "S-1-5-32-548" (any case). */
export function isSidString(value: string): boolean {
  return SID.test(value.trim());
}

/**
 * The name Windows prints for a machine-independent well-known SID ("S-1-5-32-548" -> "BUILTIN\Account Operators"),
 * undefined for any other SID (domain accounts keep their SID: the domain's name is not known from it).
 */
export function wellKnownSidName(sid: string): string | undefined {
  return WELL_KNOWN_SID_NAMES.get(sid.trim().toUpperCase());
}

/** An IdentityReference as exported -> the well-known name when it is an unresolved well-known SID, else unchanged. */
export function resolveWellKnownIdentity(identity: string): string {
  const trimmed = identity.trim();
  if (!isSidString(trimmed)) return trimmed;
  return wellKnownSidName(trimmed) ?? trimmed.toUpperCase();
}

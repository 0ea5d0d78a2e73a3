import { EMPTY_GUID } from "../common";

/**
 * Schema GUIDs the gMSA permission checks use, with the names people and tools print for them.
 * Source: cloud-sync-requirements.md §3.6 (MS-ADSC / MS-ADA2 / ADSchema pages). Lower-case, no braces.
 *
 * Traps seen in public code (and tested here): bf967a0a-… is the pwdLastSet *attribute*, not "contact";
 * 5df2b673-… is the msDS-Device *class*, not "ms-DS-Security-Settings".
 */
export const GUIDS = {
  // Classes (schemaIDGUID)
  user: "bf967aba-0de6-11d0-a285-00aa003049e2",
  group: "bf967a9c-0de6-11d0-a285-00aa003049e2",
  computer: "bf967a86-0de6-11d0-a285-00aa003049e2",
  contact: "5cb41ed0-0e4c-11d0-a286-00aa003049e2",
  inetOrgPerson: "4828cc14-1437-45bc-9b07-ad6f015e5f28",
  foreignSecurityPrincipal: "89e31c12-8530-11d0-afda-00c04fd930c9",
  device: "bf967a8e-0de6-11d0-a285-00aa003049e2",
  msDsDevice: "5df2b673-6d41-4774-b3e8-d52e8ee9ff99",
  organizationalUnit: "bf967aa5-0de6-11d0-a285-00aa003049e2",
  groupManagedServiceAccount: "7b8b558a-93a5-4af7-adca-c017e67f1057",
  domainDns: "19195a5b-6da0-11d0-afd3-00c04fd930c9",
  // Extended rights (rightsGuid)
  replicatingDirectoryChanges: "1131f6aa-9c07-11d1-f79f-00c04fc2dcd2",
  replicatingDirectoryChangesAll: "1131f6ad-9c07-11d1-f79f-00c04fc2dcd2",
  replicatingDirectoryChangesInFilteredSet: "89e95b76-444d-4c62-991a-0facbeda640c",
  resetPassword: "00299570-246d-11d0-a768-00aa006e0529",
  changePassword: "ab721a53-1e2f-11d0-9819-00aa0040529b",
  unexpirePassword: "ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501",
  // Attributes (schemaIDGUID)
  lockoutTime: "28630ebf-41d5-11d1-a9c1-0000f80367c1",
  pwdLastSet: "bf967a0a-0de6-11d0-a285-00aa003049e2",
  msDsConsistencyGuid: "23773dc2-b63a-11d2-90e1-00c04fd91ab1",
  msDsKeyCredentialLink: "5b47d60f-6090-40b2-9f37-2a4de88f3063",
  msDsExternalDirectoryObjectId: "bd29bf90-66ad-40e1-887b-10df070419a6",
  // Property sets (rightsGuid)
  accountRestrictions: "4c164200-20c0-11d0-a768-00aa006e0529",
} as const;

export type GuidKey = keyof typeof GUIDS;
export type GuidKind = "class" | "extended-right" | "attribute" | "property-set";

export interface GuidEntry {
  guid: string;
  kind: GuidKind;
  /** lDAPDisplayName for classes and attributes; the CN for extended rights and property sets. */
  ldapDisplayName: string;
  /** What dsacls and the ACL editors print: "user", "Reset Password", "pwdLastSet", "Account Restrictions". */
  displayName: string;
  /** The schema CN, e.g. "User-Force-Change-Password". */
  cn: string;
  /** Property sets only: the attributes they contain. */
  members?: readonly string[];
}

export const GUID_TABLE: readonly GuidEntry[] = [
  { guid: GUIDS.user, kind: "class", ldapDisplayName: "user", displayName: "user", cn: "User" },
  { guid: GUIDS.group, kind: "class", ldapDisplayName: "group", displayName: "group", cn: "Group" },
  { guid: GUIDS.computer, kind: "class", ldapDisplayName: "computer", displayName: "computer", cn: "Computer" },
  { guid: GUIDS.contact, kind: "class", ldapDisplayName: "contact", displayName: "contact", cn: "Contact" },
  {
    guid: GUIDS.inetOrgPerson,
    kind: "class",
    ldapDisplayName: "inetOrgPerson",
    displayName: "inetOrgPerson",
    cn: "inetOrgPerson",
  },
  {
    guid: GUIDS.foreignSecurityPrincipal,
    kind: "class",
    ldapDisplayName: "foreignSecurityPrincipal",
    displayName: "foreignSecurityPrincipal",
    cn: "Foreign-Security-Principal",
  },
  { guid: GUIDS.device, kind: "class", ldapDisplayName: "device", displayName: "device", cn: "Device" },
  { guid: GUIDS.msDsDevice, kind: "class", ldapDisplayName: "msDS-Device", displayName: "msDS-Device", cn: "ms-DS-Device" },
  {
    guid: GUIDS.organizationalUnit,
    kind: "class",
    ldapDisplayName: "organizationalUnit",
    displayName: "organizationalUnit",
    cn: "Organizational-Unit",
  },
  {
    guid: GUIDS.groupManagedServiceAccount,
    kind: "class",
    ldapDisplayName: "msDS-GroupManagedServiceAccount",
    displayName: "msDS-GroupManagedServiceAccount",
    cn: "ms-DS-Group-Managed-Service-Account",
  },
  { guid: GUIDS.domainDns, kind: "class", ldapDisplayName: "domainDNS", displayName: "domainDNS", cn: "Domain-DNS" },
  {
    guid: GUIDS.replicatingDirectoryChanges,
    kind: "extended-right",
    ldapDisplayName: "DS-Replication-Get-Changes",
    displayName: "Replicating Directory Changes",
    cn: "DS-Replication-Get-Changes",
  },
  {
    guid: GUIDS.replicatingDirectoryChangesAll,
    kind: "extended-right",
    ldapDisplayName: "DS-Replication-Get-Changes-All",
    displayName: "Replicating Directory Changes All",
    cn: "DS-Replication-Get-Changes-All",
  },
  {
    guid: GUIDS.replicatingDirectoryChangesInFilteredSet,
    kind: "extended-right",
    ldapDisplayName: "DS-Replication-Get-Changes-In-Filtered-Set",
    displayName: "Replicating Directory Changes In Filtered Set",
    cn: "DS-Replication-Get-Changes-In-Filtered-Set",
  },
  {
    guid: GUIDS.resetPassword,
    kind: "extended-right",
    ldapDisplayName: "User-Force-Change-Password",
    displayName: "Reset Password",
    cn: "User-Force-Change-Password",
  },
  {
    guid: GUIDS.changePassword,
    kind: "extended-right",
    ldapDisplayName: "User-Change-Password",
    displayName: "Change Password",
    cn: "User-Change-Password",
  },
  {
    guid: GUIDS.unexpirePassword,
    kind: "extended-right",
    ldapDisplayName: "Unexpire-Password",
    displayName: "Unexpire Password",
    cn: "Unexpire-Password",
  },
  { guid: GUIDS.lockoutTime, kind: "attribute", ldapDisplayName: "lockoutTime", displayName: "lockoutTime", cn: "Lockout-Time" },
  { guid: GUIDS.pwdLastSet, kind: "attribute", ldapDisplayName: "pwdLastSet", displayName: "pwdLastSet", cn: "Pwd-Last-Set" },
  {
    guid: GUIDS.msDsConsistencyGuid,
    kind: "attribute",
    ldapDisplayName: "mS-DS-ConsistencyGuid",
    displayName: "mS-DS-ConsistencyGuid",
    cn: "ms-DS-Consistency-Guid",
  },
  {
    guid: GUIDS.msDsKeyCredentialLink,
    kind: "attribute",
    ldapDisplayName: "msDS-KeyCredentialLink",
    displayName: "msDS-KeyCredentialLink",
    cn: "ms-DS-Key-Credential-Link",
  },
  {
    guid: GUIDS.msDsExternalDirectoryObjectId,
    kind: "attribute",
    ldapDisplayName: "msDS-ExternalDirectoryObjectId",
    displayName: "msDS-ExternalDirectoryObjectId",
    cn: "ms-DS-External-Directory-Object-Id",
  },
  {
    // ADSchema r-user-account-restrictions: members include Pwd-Last-Set (not Lockout-Time).
    guid: GUIDS.accountRestrictions,
    kind: "property-set",
    ldapDisplayName: "User-Account-Restrictions",
    displayName: "Account Restrictions",
    cn: "User-Account-Restrictions",
    members: [GUIDS.pwdLastSet],
  },
];

const BY_GUID = new Map(GUID_TABLE.map((entry) => [entry.guid, entry]));

const BY_NAME = new Map<string, string>();
for (const entry of GUID_TABLE) {
  for (const name of [entry.ldapDisplayName, entry.displayName, entry.cn]) {
    BY_NAME.set(name.toLowerCase(), entry.guid);
  }
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lower-cases a GUID and strips braces: "{BF967ABA-…}" -> "bf967aba-…". Null when it is not a GUID. */
export function normalizeGuid(input: string): string | null {
  const trimmed = input.trim().replace(/^\{(.*)\}$/, "$1").toLowerCase();
  return GUID_PATTERN.test(trimmed) ? trimmed : null;
}

export function isEmptyGuid(guid: string): boolean {
  return guid === EMPTY_GUID;
}

/** The table entry for a GUID (any casing, with or without braces). */
export function guidEntry(guid: string): GuidEntry | undefined {
  const normalized = normalizeGuid(guid);
  return normalized === null ? undefined : BY_GUID.get(normalized);
}

/** Display name for evidence ("user", "Reset Password"); the GUID itself when unknown or empty. */
export function guidName(guid: string): string {
  return guidEntry(guid)?.displayName ?? guid;
}

/**
 * Name -> GUID for parsers of dsacls text and hand-written grants. Case-insensitive; accepts the
 * lDAPDisplayName ("inetOrgPerson", "pwdLastSet"), the display name dsacls prints ("Reset Password",
 * "Replicating Directory Changes") and the schema CN ("User-Force-Change-Password").
 */
export function guidForDisplayName(name: string): string | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/** Attributes a property set contains (empty for anything else). */
export function propertySetMembers(guid: string): readonly string[] {
  return guidEntry(guid)?.members ?? [];
}

import { EMPTY_GUID } from "../common";
import { schemaEntryByGuid, schemaEntryByName, type SchemaEntry, type SchemaKind } from "./schema-lookup";

/**
 * Named schema GUIDs the gMSA permission checks use (cloud-sync-requirements.md §3.6). Lower-case, no braces.
 * Names, kinds and property-set members come from the generated schema data (schema-lookup.ts), which knows
 * every class, attribute and control access right of the default schema.
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
/** The kinds of schema GUID: class, attribute, property set, extended right, validated write. */
export type GuidKind = SchemaKind;
/** One schema object or control access right (see schema-lookup.ts). */
export type GuidEntry = SchemaEntry;

/**
 * The entries the named constants above stand for, from the generated schema data (schema-lookup.ts);
 * schema-guids.test.ts proves each constant is the object its name says.
 */
export const GUID_TABLE: readonly GuidEntry[] = Object.values(GUIDS).map((guid) => {
  const entry = schemaEntryByGuid(guid);
  if (entry === undefined) throw new Error(`GUIDS holds ${guid}, which the schema data does not define`);
  return entry;
});

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lower-cases a GUID and strips braces: "{BF967ABA-…}" -> "bf967aba-…". Null when it is not a GUID. */
export function normalizeGuid(input: string): string | null {
  const trimmed = input.trim().replace(/^\{(.*)\}$/, "$1").toLowerCase();
  return GUID_PATTERN.test(trimmed) ? trimmed : null;
}

export function isEmptyGuid(guid: string): boolean {
  return guid === EMPTY_GUID;
}

/** The schema entry for a GUID (any casing, with or without braces), from the whole default schema. */
export function guidEntry(guid: string): GuidEntry | undefined {
  return schemaEntryByGuid(guid);
}

/** Display name for evidence ("user", "Reset Password", "userAccountControl"); the GUID itself when unknown or empty. */
export function guidName(guid: string): string {
  return guidEntry(guid)?.displayName ?? guid;
}

/**
 * Name -> GUID for parsers of dsacls text and hand-written grants. Case-insensitive; accepts the
 * lDAPDisplayName ("inetOrgPerson", "pwdLastSet"), the display name dsacls prints ("Reset Password",
 * "Replicating Directory Changes") and the schema CN ("User-Force-Change-Password").
 */
export function guidForDisplayName(name: string): string | undefined {
  return schemaEntryByName(name)?.guid;
}

/** Attributes a property set contains (empty for anything else). */
export function propertySetMembers(guid: string): readonly string[] {
  return schemaEntryByGuid(guid, ["property-set"])?.members ?? [];
}

import { AD_RIGHTS } from "./rights";
import {
  SCHEMA_ATTRIBUTES,
  SCHEMA_CLASSES,
  SCHEMA_EXTENDED_RIGHTS,
  SCHEMA_PROPERTY_SETS,
  SCHEMA_SOURCE,
  SCHEMA_VALIDATED_WRITES,
  type SchemaRightRow,
} from "./schema-data.generated";

/**
 * The default Active Directory schema by name and by GUID: every class and attribute (schemaIDGUID) and every
 * control access right (rightsGuid: property sets, extended rights, validated writes), read from the generated
 * data file (scripts/generate-ad-schema.ts; decision 012). Names are case-insensitive.
 *
 * One GUID can name two kinds: a validated write shares its GUID with the attribute it validates
 * (Validated-SPN = servicePrincipalName), and the DNS-Host-Name-Attributes property set with the
 * Validated-DNS-Host-Name validated write. `schemaEntryForRights` picks by the ACE's rights.
 */

export { SCHEMA_SOURCE };

/**
 * Stands in for a name a text export printed that no default schema object or right has (a custom schema
 * extension): the ACE's `unresolved` field carries the name. No schema object has this GUID, and it is never
 * EMPTY_GUID, so an unresolved entry can never read as "all properties" or "every class".
 */
export const UNRESOLVED_GUID = "ffffffff-ffff-ffff-ffff-ffffffffffff";

export type SchemaKind = "class" | "attribute" | "property-set" | "extended-right" | "validated-write";

export interface SchemaEntry {
  kind: SchemaKind;
  /** schemaIDGUID (classes, attributes) or rightsGuid (rights); lower-case, no braces. */
  guid: string;
  /** lDAPDisplayName for classes and attributes; the CN for rights. */
  ldapDisplayName: string;
  /** What dsacls and the ACL editors print: the lDAPDisplayName ("pwdLastSet"), a right's Windows display name ("Reset Password"). */
  displayName: string;
  /** The schema or Extended-Rights CN, e.g. "Pwd-Last-Set", "User-Force-Change-Password". */
  cn: string;
  /** Further names it answers to: an adminDisplayName that differs from the CN, a right's MS-ADTS display name. */
  aliases: readonly string[];
  /** Attributes: the rightsGuid of the property set they belong to. */
  propertySet?: string;
  /** Property sets: the schemaIDGUIDs of their member attributes. */
  members?: readonly string[];
}

/** Kinds in the order a GUID or name shared by two kinds is resolved when nothing else decides. */
const KIND_ORDER: readonly SchemaKind[] = ["class", "attribute", "property-set", "extended-right", "validated-write"];

function rightEntries(rows: readonly SchemaRightRow[], kind: SchemaKind): SchemaEntry[] {
  return rows.map(([cn, displayName, guid, adts]) => ({ kind, guid, ldapDisplayName: cn, displayName, cn, aliases: adts === undefined ? [] : [adts] }));
}

function buildEntries(): SchemaEntry[] {
  const classes: SchemaEntry[] = SCHEMA_CLASSES.map(([ldap, cn, guid, admin]) => ({
    kind: "class",
    guid,
    ldapDisplayName: ldap,
    displayName: ldap,
    cn,
    aliases: admin === undefined ? [] : [admin],
  }));
  const members = new Map<string, string[]>();
  const attributes: SchemaEntry[] = SCHEMA_ATTRIBUTES.map(([ldap, cn, guid, propertySet, admin]) => {
    const entry: SchemaEntry = { kind: "attribute", guid, ldapDisplayName: ldap, displayName: ldap, cn, aliases: admin === undefined ? [] : [admin] };
    if (typeof propertySet === "string") {
      entry.propertySet = propertySet;
      const list = members.get(propertySet) ?? [];
      list.push(guid);
      members.set(propertySet, list);
    }
    return entry;
  });
  const propertySets = rightEntries(SCHEMA_PROPERTY_SETS, "property-set").map((entry) => ({ ...entry, members: members.get(entry.guid) ?? [] }));
  return [
    ...classes,
    ...attributes,
    ...propertySets,
    ...rightEntries(SCHEMA_EXTENDED_RIGHTS, "extended-right"),
    ...rightEntries(SCHEMA_VALIDATED_WRITES, "validated-write"),
  ];
}

/** Every entry: classes, attributes, property sets, extended rights, validated writes. */
export const SCHEMA_ENTRIES: readonly SchemaEntry[] = buildEntries();

/** Lower-case, single spaces, no trailing period ("Validated write to computer attributes." is printed either way). */
export function schemaNameKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").replace(/\.$/, "").toLowerCase();
}

const BY_GUID = new Map<string, SchemaEntry[]>();
/** Name -> entries, best match first: the printed name (lDAPDisplayName / display name), then the CN, then aliases. */
const BY_NAME = new Map<string, SchemaEntry[]>();

function index(): void {
  const ranked: Array<{ key: string; rank: number; entry: SchemaEntry }> = [];
  for (const entry of SCHEMA_ENTRIES) {
    const list = BY_GUID.get(entry.guid) ?? [];
    list.push(entry);
    BY_GUID.set(entry.guid, list);
    ranked.push({ key: schemaNameKey(entry.displayName), rank: 0, entry });
    ranked.push({ key: schemaNameKey(entry.ldapDisplayName), rank: 0, entry });
    ranked.push({ key: schemaNameKey(entry.cn), rank: 1, entry });
    for (const alias of entry.aliases) ranked.push({ key: schemaNameKey(alias), rank: 2, entry });
  }
  ranked.sort((a, b) => a.rank - b.rank || KIND_ORDER.indexOf(a.entry.kind) - KIND_ORDER.indexOf(b.entry.kind));
  for (const { key, entry } of ranked) {
    const list = BY_NAME.get(key) ?? [];
    if (!list.includes(entry)) list.push(entry);
    BY_NAME.set(key, list);
  }
  for (const list of BY_GUID.values()) list.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}
index();

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function guidKey(guid: string): string {
  return guid.trim().replace(/^\{(.*)\}$/, "$1").toLowerCase();
}

/** Every entry with this GUID (any casing, braces allowed), schema objects before rights. */
export function schemaEntriesByGuid(guid: string): readonly SchemaEntry[] {
  const key = guidKey(guid);
  return GUID_PATTERN.test(key) ? (BY_GUID.get(key) ?? []) : [];
}

/** The entry with this GUID, of one of `kinds` when given. */
export function schemaEntryByGuid(guid: string, kinds?: readonly SchemaKind[]): SchemaEntry | undefined {
  return schemaEntriesByGuid(guid).find((entry) => kinds === undefined || kinds.includes(entry.kind));
}

/**
 * The entry an ACE's ObjectType names, told apart by its rights when a GUID names two kinds: Self (validated
 * write) picks the validated write, ReadProperty/WriteProperty the attribute or property set, ExtendedRight the
 * extended right, CreateChild/DeleteChild the class.
 */
export function schemaEntryForRights(guid: string, rights: number): SchemaEntry | undefined {
  const entries = schemaEntriesByGuid(guid);
  if (entries.length <= 1) return entries[0];
  const prefer: SchemaKind[] = [];
  if ((rights & (AD_RIGHTS.ReadProperty | AD_RIGHTS.WriteProperty)) !== 0) prefer.push("attribute", "property-set");
  if ((rights & AD_RIGHTS.Self) !== 0) prefer.push("validated-write");
  if ((rights & AD_RIGHTS.ExtendedRight) !== 0) prefer.push("extended-right");
  if ((rights & (AD_RIGHTS.CreateChild | AD_RIGHTS.DeleteChild)) !== 0) prefer.push("class");
  for (const kind of prefer) {
    const hit = entries.find((entry) => entry.kind === kind);
    if (hit !== undefined) return hit;
  }
  return entries[0];
}

/** Entries answering to a name (case-insensitive), best match first; only `kinds` when given. */
export function schemaEntriesByName(name: string, kinds?: readonly SchemaKind[]): readonly SchemaEntry[] {
  const found = BY_NAME.get(schemaNameKey(name)) ?? [];
  return kinds === undefined ? found : found.filter((entry) => kinds.includes(entry.kind));
}

/** The best entry for a name: "pwdLastSet", "Pwd-Last-Set", "Reset Password", "User-Force-Change-Password". */
export function schemaEntryByName(name: string, kinds?: readonly SchemaKind[]): SchemaEntry | undefined {
  return schemaEntriesByName(name, kinds)[0];
}

/** How many entries of each kind the data holds. */
export function schemaCounts(): Record<SchemaKind, number> {
  const counts: Record<SchemaKind, number> = { class: 0, attribute: 0, "property-set": 0, "extended-right": 0, "validated-write": 0 };
  for (const entry of SCHEMA_ENTRIES) counts[entry.kind]++;
  return counts;
}

/**
 * `npm run generate:ad-schema -- <dir>` — writes lib/facts/ad/schema-data.generated.ts: every class and attribute of
 * the default Active Directory schema (Windows Server 2016) and every control access right (property sets,
 * extended rights, validated writes), from Microsoft's published specifications as Samba redistributes them.
 *
 * Getting the input (the raw files are not committed; see docs/decisions/012-ad-schema-data.md):
 *   apt-get download samba-ad-provision && dpkg-deb -x samba-ad-provision_*.deb /tmp/samba
 *   npm run generate:ad-schema -- /tmp/samba
 * `<dir>` is the extracted package root (with usr/share/samba/setup) or the setup directory itself. Reads:
 * - ad-schema/AD_DS_Attributes__Windows_Server_2016.ldf (MS-ADA1, MS-ADA2, MS-ADA3) and
 *   ad-schema/AD_DS_Classes__Windows_Server_2016.ldf (MS-ADSC): cn, lDAPDisplayName, adminDisplayName,
 *   schemaIDGUID (base64 of the Windows binary GUID), attributeSecurityGUID (the attribute's property set);
 * - extended-rights.ldif (MS-ADTS 6.1.1.2.7): cn, displayName, rightsGuid, validAccesses (48 property set,
 *   256 extended right, 8 validated write; `${INC2012}`-prefixed lines are Windows Server 2012 additions, kept);
 * - usr/share/doc/samba-ad-provision/changelog.Debian.gz, when present, for the package version.
 *
 * MS-ADTS gives many rights a displayName that differs from the one Windows stores and dsacls prints
 * ("DS Replication Get Changes" vs "Replicating Directory Changes"); WINDOWS_DISPLAY_NAMES below corrects them
 * from Microsoft's AD schema reference pages, and the MS-ADTS name is kept as an alias.
 *
 * Output is deterministic (sorted, no timestamps). `--check` writes nothing and exits 1 when the file differs.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUTPUT_PATH = "lib/facts/ad/schema-data.generated.ts";

const ATTRIBUTES_FILE = "ad-schema/AD_DS_Attributes__Windows_Server_2016.ldf";
const CLASSES_FILE = "ad-schema/AD_DS_Classes__Windows_Server_2016.ldf";
const RIGHTS_FILE = "extended-rights.ldif";

/**
 * The Display-Name Windows gives a control access right where MS-ADTS (and so Samba's file) differs, by CN.
 * Source: Microsoft's AD schema reference, MicrosoftDocs/win32 desktop-src/ADSchema/r-<cn>.md ("Display-Name").
 */
export const WINDOWS_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  "Allowed-To-Authenticate": "Allowed to Authenticate",
  "Certificate-Enrollment": "Enroll",
  "DS-Check-Stale-Phantoms": "Check Stale Phantoms",
  "DS-Execute-Intentions-Script": "Execute Forest Update Script",
  "DS-Install-Replica": "Add/Remove Replica In Domain",
  "DS-Query-Self-Quota": "Query Self Quota",
  "DS-Replication-Get-Changes": "Replicating Directory Changes",
  "DS-Replication-Get-Changes-All": "Replicating Directory Changes All",
  "DS-Replication-Get-Changes-In-Filtered-Set": "Replicating Directory Changes In Filtered Set",
  "DS-Replication-Manage-Topology": "Manage Replication Topology",
  "DS-Replication-Monitor-Topology": "Monitor Active Directory Replication",
  "DS-Replication-Synchronize": "Replication Synchronization",
  "Generate-RSoP-Logging": "Generate Resultant Set of Policy (Logging)",
  "Generate-RSoP-Planning": "Generate Resultant Set of Policy (Planning)",
  "Manage-Optional-Features": "Manage Optional Features for Active Directory",
  "msmq-Open-Connector": "Open Connector Queue",
  "msmq-Peek": "Peek Message",
  "msmq-Peek-computer-Journal": "Peek Computer Journal",
  "msmq-Peek-Dead-Letter": "Peek Dead Letter",
  "msmq-Receive": "Receive Message",
  "msmq-Receive-computer-Journal": "Receive Computer Journal",
  "msmq-Receive-Dead-Letter": "Receive Dead Letter",
  "msmq-Receive-journal": "Receive Journal",
  "msmq-Send": "Send Message",
  "Open-Address-Book": "Open Address List",
  "Refresh-Group-Cache": "Refresh Group Cache for Logons",
  "Reload-SSL-Certificate": "Reload SSL/TLS Certificate",
  "SAM-Enumerate-Entire-Domain": "Enumerate Entire SAM Domain",
  "Self-Membership": "Add/Remove self as member",
  "User-Change-Password": "Change Password",
  "User-Force-Change-Password": "Reset Password",
  "Validated-DNS-Host-Name": "Validated write to DNS host name",
  "Validated-SPN": "Validated write to service principal name",
};

/**
 * Control access rights of the Windows Server 2016 schema that Samba 4.17's extended-rights.ldif (MS-ADTS of
 * 2017 plus the Windows Server 2012 changes) lacks. Added only when the file does not define them.
 * DS-Validated-Write-Computer: created by Windows Server 2016 adprep (domain-wide update operation 86 grants it,
 * `(OA;CIIO;SW;9b026da6-…;bf967a86-…;PS)`); it is msDS-KeyCredentialLink's attributeSecurityGUID in the 2016
 * attribute file; displayName as in later Samba releases' extended-rights.ldif.
 */
export const SUPPLEMENTARY_RIGHTS: readonly (RightRow & { kind: "validated-write" })[] = [
  { cn: "DS-Validated-Write-Computer", displayName: "Validated write to computer attributes.", guid: "9b026da6-0d3c-465c-8bee-5199d7165cba", kind: "validated-write" },
];

type Record_ = Map<string, string[]>;

/**
 * LDIF records: blank-line separated, continuation lines (leading space) joined. Attribute names are
 * case-insensitive in LDIF (the rights file has a `displayname:`), so keys are lower-cased; `attr:: base64`
 * is kept as `attr::`.
 */
export function parseLdif(text: string, options: { stripPrefix?: RegExp } = {}): Record_[] {
  const records: Record_[] = [];
  let current: Record_ = new Map();
  let last: { key: string; index: number } | null = null;
  const flush = () => {
    if (current.size > 0) records.push(current);
    current = new Map();
    last = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = options.stripPrefix ? raw.replace(options.stripPrefix, "") : raw;
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (line.startsWith("#")) continue;
    if (line.startsWith(" ")) {
      if (last === null) throw new Error(`LDIF continuation line without an attribute: ${line.slice(0, 60)}`);
      const values = current.get(last.key)!;
      values[last.index] += line.slice(1);
      continue;
    }
    const match = /^([A-Za-z][\w;-]*)(::?)\s?(.*)$/.exec(line);
    if (match === null) throw new Error(`Not an LDIF line: ${line.slice(0, 60)}`);
    const name = match[1].toLowerCase();
    const key = match[2] === "::" ? `${name}::` : name;
    const values = current.get(key) ?? [];
    values.push(match[3]);
    current.set(key, values);
    last = { key, index: values.length - 1 };
  }
  flush();
  return records;
}

/** Base64 of a Windows binary GUID (first three fields little-endian) -> "bf967915-0de6-11d0-a285-00aa003049e2". */
export function binaryGuid(base64: string): string {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length !== 16) throw new Error(`A GUID must be 16 bytes, got ${bytes.length} (${base64})`);
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, "0")).join("");
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function one(record: Record_, key: string, file: string): string {
  const values = record.get(key);
  if (values === undefined || values.length !== 1 || values[0].trim() === "") {
    throw new Error(`${file}: ${record.get("dn")?.[0] ?? "a record"} has no single ${key}`);
  }
  return values[0].trim();
}

function optional(record: Record_, key: string): string | undefined {
  return record.get(key)?.[0]?.trim();
}

export interface SchemaObjectRow {
  ldapDisplayName: string;
  cn: string;
  guid: string;
  /** Only when it differs from cn (case-insensitively). */
  adminDisplayName?: string;
  /** Attributes only: the property set's rightsGuid. */
  propertySet?: string;
}

export interface RightRow {
  cn: string;
  displayName: string;
  guid: string;
  /** The MS-ADTS displayName when Windows uses another one. */
  adtsDisplayName?: string;
}

export interface SchemaData {
  version: string | null;
  classes: SchemaObjectRow[];
  attributes: SchemaObjectRow[];
  propertySets: RightRow[];
  extendedRights: RightRow[];
  validatedWrites: RightRow[];
}

function schemaObjects(text: string, file: string, objectClass: string): SchemaObjectRow[] {
  const rows: SchemaObjectRow[] = [];
  for (const record of parseLdif(text)) {
    if (!(record.get("objectclass") ?? []).includes(objectClass)) continue;
    const cn = one(record, "cn", file);
    const row: SchemaObjectRow = { ldapDisplayName: one(record, "ldapdisplayname", file), cn, guid: binaryGuid(one(record, "schemaidguid::", file)) };
    const admin = optional(record, "admindisplayname");
    if (admin !== undefined && admin.toLowerCase() !== cn.toLowerCase()) row.adminDisplayName = admin;
    const security = optional(record, "attributesecurityguid::");
    if (security !== undefined) row.propertySet = binaryGuid(security);
    rows.push(row);
  }
  return rows.sort((a, b) => a.ldapDisplayName.localeCompare(b.ldapDisplayName, "en"));
}

function rights(text: string): { propertySets: RightRow[]; extendedRights: RightRow[]; validatedWrites: RightRow[] } {
  const out = { propertySets: [] as RightRow[], extendedRights: [] as RightRow[], validatedWrites: [] as RightRow[] };
  const seen = new Set<string>();
  for (const record of parseLdif(text, { stripPrefix: /^\$\{INC2012\}/ })) {
    if (!(record.get("objectclass") ?? []).includes("controlAccessRight")) continue;
    const dn = one(record, "dn", RIGHTS_FILE);
    const cn = /^CN=([^,]+),/i.exec(dn)?.[1];
    if (cn === undefined) throw new Error(`${RIGHTS_FILE}: no CN in ${dn}`);
    const adts = one(record, "displayname", RIGHTS_FILE);
    const guid = one(record, "rightsguid", RIGHTS_FILE).toLowerCase();
    if (!GUID.test(guid)) throw new Error(`${RIGHTS_FILE}: ${cn} has rightsGuid ${guid}`);
    seen.add(cn);
    const windows = WINDOWS_DISPLAY_NAMES[cn];
    const row: RightRow = { cn, displayName: windows ?? adts, guid };
    // Keep the MS-ADTS name as an alias (a Samba DC stores it).
    if (windows !== undefined && windows.toLowerCase() !== adts.toLowerCase()) row.adtsDisplayName = adts;
    const access = one(record, "validaccesses", RIGHTS_FILE);
    if (access === "48") out.propertySets.push(row);
    else if (access === "256") out.extendedRights.push(row);
    else if (access === "8") out.validatedWrites.push(row);
    else throw new Error(`${RIGHTS_FILE}: ${cn} has validAccesses ${access}`);
  }
  for (const { kind, ...row } of SUPPLEMENTARY_RIGHTS) {
    if (seen.has(row.cn)) continue;
    seen.add(row.cn);
    if (kind === "validated-write") out.validatedWrites.push(row);
  }
  for (const cn of Object.keys(WINDOWS_DISPLAY_NAMES)) {
    if (!seen.has(cn)) throw new Error(`WINDOWS_DISPLAY_NAMES names ${cn}, which ${RIGHTS_FILE} does not define`);
  }
  const byCn = (a: RightRow, b: RightRow) => a.cn.localeCompare(b.cn, "en");
  out.propertySets.sort(byCn);
  out.extendedRights.sort(byCn);
  out.validatedWrites.sort(byCn);
  return out;
}

function setupDir(dir: string): string {
  const nested = path.join(dir, "usr/share/samba/setup");
  return existsSync(nested) ? nested : dir;
}

function packageVersion(dir: string): string | null {
  const changelog = path.join(dir, "usr/share/doc/samba-ad-provision/changelog.Debian.gz");
  if (!existsSync(changelog)) return null;
  const first = gunzipSync(readFileSync(changelog)).toString("utf8").split("\n")[0];
  return /\(([^)]+)\)/.exec(first)?.[1] ?? null;
}

/** Reads and cross-checks the source files. Throws on anything unexpected. */
export function readSchema(dir: string): SchemaData {
  const setup = setupDir(dir);
  // The files carry a Windows-1252 licence header; the records themselves are ASCII.
  const read = (file: string) => readFileSync(path.join(setup, file), "latin1");
  const classes = schemaObjects(read(CLASSES_FILE), CLASSES_FILE, "classSchema");
  const attributes = schemaObjects(read(ATTRIBUTES_FILE), ATTRIBUTES_FILE, "attributeSchema");
  const { propertySets, extendedRights, validatedWrites } = rights(read(RIGHTS_FILE));
  // attributeSecurityGUID names the property set an attribute belongs to. A few attributes carry a GUID that is
  // no property set (msDS-KeyCredentialLink: the DS-Validated-Write-Computer validated write; domainPolicyReference
  // and others: GUIDs no control access right defines); those are left out, as granting on them reaches nothing.
  const propertySetGuids = new Set(propertySets.map((p) => p.guid));
  const outside: string[] = [];
  for (const attribute of attributes) {
    if (attribute.propertySet !== undefined && !propertySetGuids.has(attribute.propertySet)) {
      outside.push(attribute.ldapDisplayName);
      delete attribute.propertySet;
    }
  }
  if (outside.length > 0) console.warn(`attributeSecurityGUID that is no property set, left out: ${outside.join(", ")}`);
  // Names must identify one object per kind family: lDAPDisplayNames across classes and attributes, right names.
  const unique = (what: string, names: string[]) => {
    const seen = new Set<string>();
    for (const name of names) {
      const key = name.toLowerCase();
      if (seen.has(key)) throw new Error(`Two ${what} share the name ${name}`);
      seen.add(key);
    }
  };
  unique("schema objects", [...classes, ...attributes].map((o) => o.ldapDisplayName));
  unique("schema objects", [...classes, ...attributes].map((o) => o.cn));
  const allRights = [...propertySets, ...extendedRights, ...validatedWrites];
  unique("control access rights", allRights.map((r) => r.displayName));
  unique("control access rights", allRights.map((r) => r.cn));
  unique("schema GUIDs", [...classes, ...attributes].map((o) => o.guid));
  // A GUID can name objects of different kinds: a validated write shares its GUID with the attribute it validates
  // (Validated-SPN = servicePrincipalName) and DNS-Host-Name-Attributes (property set) = Validated-DNS-Host-Name.
  // The ACE's rights tell them apart (Self vs ReadProperty/WriteProperty). Within one kind they are unique.
  for (const [what, rows] of [["property set", propertySets], ["extended right", extendedRights], ["validated write", validatedWrites]] as const) {
    unique(`${what} GUIDs`, rows.map((r) => r.guid));
  }
  return { version: packageVersion(dir), classes, attributes, propertySets, extendedRights, validatedWrites };
}

const q = (value: string) => JSON.stringify(value);

function objectRow(row: SchemaObjectRow, withPropertySet: boolean): string {
  const cells = [q(row.ldapDisplayName), q(row.cn), q(row.guid)];
  if (withPropertySet && (row.propertySet !== undefined || row.adminDisplayName !== undefined)) cells.push(row.propertySet === undefined ? "null" : q(row.propertySet));
  if (row.adminDisplayName !== undefined) cells.push(q(row.adminDisplayName));
  return `  [${cells.join(", ")}],`;
}

function rightRow(row: RightRow): string {
  const cells = [q(row.cn), q(row.displayName), q(row.guid)];
  if (row.adtsDisplayName !== undefined) cells.push(q(row.adtsDisplayName));
  return `  [${cells.join(", ")}],`;
}

/** The generated module's text. */
export function renderSchema(data: SchemaData): string {
  const version = data.version ?? "unknown version";
  return [
    "// GENERATED FILE: do not edit. Regenerate with `npm run generate:ad-schema -- <dir>` (scripts/generate-ad-schema.ts).",
    "//",
    "// Source: Microsoft's published Active Directory schema specifications, Windows Server 2016 schema:",
    "// MS-ADA1, MS-ADA2, MS-ADA3 (attributes), MS-ADSC (classes) and MS-ADTS 6.1.1.2.7 (control access rights),",
    `// as redistributed in Samba's setup files (Debian package samba-ad-provision ${version}:`,
    `// ${ATTRIBUTES_FILE}, ${CLASSES_FILE}, ${RIGHTS_FILE}).`,
    "// Rights' Windows display names from Microsoft's AD schema reference (MicrosoftDocs/win32 desktop-src/ADSchema).",
    "// Licence: Microsoft Open Specifications notice in those files: schema portions may be distributed in an implementation.",
    "",
    "/** [lDAPDisplayName, cn, schemaIDGUID, adminDisplayName when it differs from cn] */",
    "export type SchemaClassRow = readonly [string, string, string, string?];",
    "/** [lDAPDisplayName, cn, schemaIDGUID, property set rightsGuid (attributeSecurityGUID) or null, adminDisplayName when it differs from cn] */",
    "export type SchemaAttributeRow = readonly [string, string, string, (string | null)?, string?];",
    "/** [cn, Windows displayName, rightsGuid, MS-ADTS displayName when Windows uses another] */",
    "export type SchemaRightRow = readonly [string, string, string, string?];",
    "",
    `export const SCHEMA_SOURCE = { package: "samba-ad-provision", version: ${q(version)}, schema: "Windows Server 2016" } as const;`,
    "",
    `export const SCHEMA_CLASSES: readonly SchemaClassRow[] = [`,
    ...data.classes.map((r) => objectRow(r, false)),
    "];",
    "",
    `export const SCHEMA_ATTRIBUTES: readonly SchemaAttributeRow[] = [`,
    ...data.attributes.map((r) => objectRow(r, true)),
    "];",
    "",
    "/** Control access rights with validAccesses 48. */",
    `export const SCHEMA_PROPERTY_SETS: readonly SchemaRightRow[] = [`,
    ...data.propertySets.map(rightRow),
    "];",
    "",
    "/** Control access rights with validAccesses 256. */",
    `export const SCHEMA_EXTENDED_RIGHTS: readonly SchemaRightRow[] = [`,
    ...data.extendedRights.map(rightRow),
    "];",
    "",
    "/** Control access rights with validAccesses 8. */",
    `export const SCHEMA_VALIDATED_WRITES: readonly SchemaRightRow[] = [`,
    ...data.validatedWrites.map(rightRow),
    "];",
    "",
  ].join("\n");
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const dir = argv.find((a) => !a.startsWith("--"));
  if (dir === undefined) {
    console.error("Usage: npm run generate:ad-schema -- <extracted samba-ad-provision dir> [--check]");
    console.error("  apt-get download samba-ad-provision && dpkg-deb -x samba-ad-provision_*.deb /tmp/samba");
    return 2;
  }
  const data = readSchema(path.resolve(dir));
  const text = renderSchema(data);
  const target = path.join(ROOT, OUTPUT_PATH);
  const counts = `${data.classes.length} classes, ${data.attributes.length} attributes, ${data.propertySets.length} property sets, ${data.extendedRights.length} extended rights, ${data.validatedWrites.length} validated writes`;
  if (check) {
    const current = existsSync(target) ? readFileSync(target, "utf8") : "";
    if (current !== text) {
      console.error(`${OUTPUT_PATH} is out of date (${counts}).`);
      return 1;
    }
    console.log(`${OUTPUT_PATH} is up to date (${counts}).`);
    return 0;
  }
  writeFileSync(target, text);
  console.log(`Wrote ${OUTPUT_PATH}: ${counts}.`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}

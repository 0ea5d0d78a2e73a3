import { domainAttestationKeySchema, domainFactsSchema, type DomainFacts } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { maxRowsOf } from "../limits";
import { namesCollector } from "../json/collector-marker";
import { looksLikeJson } from "../json/parse-json";
import { readJsonFile } from "../json/read-json";
import { asText, field, isObject, jsonPath, unwrapValue, type JsonObject } from "../json/access";
import { lowercaseSample } from "../detect-sample";
import { displayValue } from "../text/display";
import { normalizeDnsName, normalizeNetbiosName } from "../identity";
import { parseDateTime } from "../values/dates";
import { normalizeGuidText } from "../values/guid";
import { parseNonNegativeInteger } from "../values/numbers";
import { parseOsVersion } from "../values/os-version";
import { parseBoolean } from "../values/booleans";
import { normalizeTargetDn } from "../acl/assemble";

/**
 * Standalone domain facts as JSON: an object shaped like DomainFacts (or { "domain": {...} }, or an array), with
 * lenient names: Get-ADDomain / Get-ADForest properties (DNSRoot, NetBIOSName, DomainMode, ForestMode), objectVersion
 * for the schema version, DCs as Get-ADDomainController objects (Name, HostName, OperatingSystem,
 * OperatingSystemVersion "10.0 (20348)"), KDS keys as Get-KdsRootKey objects (KeyId, EffectiveTime, CreationTime;
 * ISO dates or Windows PowerShell "/Date(1700000000000)/"), functional levels as names or msDS-Behavior-Version numbers.
 */

const FORMAT = "domain-json";

const MARKERS = [
  '"schemaversion"',
  '"objectversion"',
  '"kdsrootkeys"',
  '"kdsrootkey"',
  '"domainmode"',
  '"forestmode"',
  '"dnsroot"',
  '"netbiosname"',
  '"domaincontrollers"',
  '"functionallevels"',
  '"groupmemberships"',
  '"effectivetime"',
];

function detect(input: ParseInput): number {
  if (!looksLikeJson(input.text)) return 0;
  const sample = lowercaseSample(input);
  if (namesCollector(sample)) return 0;
  if (sample.includes('"@odata.context"') || sample.includes('"activedirectoryrights"')) return 0;
  const hits = MARKERS.filter((m) => sample.includes(m)).length;
  // A collector file also carries hosts; leave it to the collector format.
  if (sample.includes('"hosts"')) return hits > 0 ? 0.3 : 0;
  if (hits >= 2) return 0.9;
  return hits === 1 ? 0.6 : 0;
}

/** msDS-Behavior-Version by ADDomainMode / ADForestMode name. */
const LEVELS: ReadonlyMap<string, number> = new Map([
  ["2000", 0],
  ["2003interim", 1],
  ["2003", 2],
  ["2008", 3],
  ["2008r2", 4],
  ["2012", 5],
  ["2012r2", 6],
  ["2016", 7],
  ["2025", 10],
]);

function functionalLevel(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const numeric = parseNonNegativeInteger(text);
  if (numeric !== undefined && /^\d+$/.test(text)) return numeric;
  const match = /^(?:Windows)?\s*(?:Server\s*)?(2000|2003\s*Interim|2003|2008\s*R2|2008|2012\s*R2|2012|2016|2025)\s*(?:Domain|Forest)?$/i.exec(text);
  return match ? LEVELS.get(match[1].toLowerCase().replace(/\s/g, "")) : undefined;
}

interface Ctx {
  sink: IssueSink;
  row: number;
  errors: number;
  assumedUtc: boolean;
}

function fail(ctx: Ctx, column: string, message: string): void {
  ctx.sink.error(`${message} The domain record was skipped.`, { row: ctx.row, column });
  ctx.errors++;
}

function date(ctx: Ctx, value: unknown, column: string): string | undefined {
  // Windows PowerShell 5.1 may wrap a DateTime with its extended properties: { "value": "/Date(ms)/", "DateTime": "…" }.
  const parsed = parseDateTime(unwrapValue(value));
  if (!parsed.ok) {
    fail(ctx, column, `${parsed.message}.`);
    return undefined;
  }
  if (parsed.assumedUtc) ctx.assumedUtc = true;
  return parsed.iso;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  // Windows PowerShell 5.1 wraps an array held in a PSObject as { "value": [...], "Count": n }.
  const wrapped = isObject(value) ? field(value, "Value") : undefined;
  if (wrapped !== undefined && Array.isArray(wrapped.value) && field(value as JsonObject, "Count") !== undefined) return wrapped.value;
  return [value];
}

function stringList(value: unknown): string[] {
  return list(value)
    .map((item) => asText(unwrapValue(isObject(item) ? (field(item, "Name", "SamAccountName", "DistinguishedName")?.value ?? item) : item)))
    .filter((s): s is string => s !== undefined);
}

function readDomainControllers(value: unknown, path: string, ctx: Ctx): DomainFacts["domainControllers"] {
  const out: NonNullable<DomainFacts["domainControllers"]> = [];
  list(value).forEach((item, i) => {
    const itemPath = Array.isArray(value) ? jsonPath(path, i) : path;
    if (typeof item === "string") {
      if (item.trim() !== "") out.push({ name: normalizeDnsName(item) });
      return;
    }
    if (!isObject(item)) {
      fail(ctx, itemPath, "Expected a domain controller object (Name, HostName, OperatingSystem, OperatingSystemVersion).");
      return;
    }
    const nameRaw = asText(field(item, "HostName", "DNSHostName", "name", "Name")?.value);
    if (nameRaw === undefined) {
      fail(ctx, itemPath, "The domain controller has no Name or HostName.");
      return;
    }
    const dc: NonNullable<DomainFacts["domainControllers"]>[number] = { name: normalizeDnsName(nameRaw) };
    const caption = asText(field(item, "osCaption", "OperatingSystem")?.value);
    if (caption !== undefined) dc.osCaption = caption;
    const buildField = field(item, "osBuild", "OperatingSystemVersion", "OsVersion", "BuildNumber");
    if (buildField !== undefined && buildField.value !== null) {
      const build =
        typeof buildField.value === "number" ? buildField.value : parseOsVersion(asText(buildField.value) ?? "")?.build;
      if (build === undefined || !Number.isInteger(build) || build < 0) {
        fail(ctx, jsonPath(itemPath, buildField.key), `${displayValue(String(buildField.value))} is not an OS build such as "10.0 (20348)".`);
      } else dc.osBuild = build;
    }
    const rsat = field(item, "rsatAdPowerShell", "RsatAdPowerShell", "RSAT-AD-PowerShell");
    if (rsat !== undefined && rsat.value !== null) {
      const installed = parseBoolean(rsat.value);
      if (installed === undefined) fail(ctx, jsonPath(itemPath, rsat.key), "rsatAdPowerShell must be true or false.");
      else dc.rsatAdPowerShell = installed;
    }
    out.push(dc);
  });
  return out;
}

function readKdsKeys(value: unknown, path: string, ctx: Ctx): DomainFacts["kdsRootKeys"] {
  const out: NonNullable<DomainFacts["kdsRootKeys"]> = [];
  list(value).forEach((item, i) => {
    const itemPath = Array.isArray(value) ? jsonPath(path, i) : path;
    if (!isObject(item)) {
      fail(ctx, itemPath, "Expected a KDS root key object (KeyId, EffectiveTime).");
      return;
    }
    const effective = field(item, "effectiveTime", "EffectiveTime");
    if (effective === undefined || effective.value === null) {
      fail(ctx, jsonPath(itemPath, "EffectiveTime"), "The KDS root key has no EffectiveTime.");
      return;
    }
    const effectiveTime = date(ctx, effective.value, jsonPath(itemPath, effective.key));
    if (effectiveTime === undefined) return;
    const key: NonNullable<DomainFacts["kdsRootKeys"]>[number] = { effectiveTime };
    const id = asText(unwrapValue(field(item, "id", "KeyId")?.value));
    if (id !== undefined) key.id = normalizeGuidText(id) ?? id;
    const created = field(item, "createdTime", "CreationTime", "Created");
    if (created !== undefined && created.value !== null) {
      const createdTime = date(ctx, created.value, jsonPath(itemPath, created.key));
      if (createdTime !== undefined) key.createdTime = createdTime;
    }
    out.push(key);
  });
  return out;
}

function readDomain(obj: JsonObject, path: string, ctx: Ctx): DomainFacts {
  const facts: DomainFacts = {};
  const dns = asText(field(obj, "dnsName", "DNSRoot", "dnsDomainName", "DnsDomain", "fqdn")?.value);
  if (dns !== undefined) facts.dnsName = normalizeDnsName(dns);
  const netbios = asText(field(obj, "netbiosName", "NetBIOSName", "NetBiosDomainName")?.value);
  if (netbios !== undefined) facts.netbiosName = normalizeNetbiosName(netbios);
  const dnField = field(obj, "distinguishedName", "DistinguishedName", "DN");
  const dnText = asText(dnField?.value);
  if (dnField !== undefined && dnText !== undefined) {
    const dn = normalizeTargetDn(dnText);
    if (dn === undefined) fail(ctx, jsonPath(path, dnField.key), `${displayValue(dnText)} is not a distinguished name such as DC=corp,DC=contoso,DC=com.`);
    else facts.distinguishedName = dn;
  }

  const forestField = field(obj, "forestName", "Forest");
  let forestObj: JsonObject | undefined;
  if (forestField !== undefined) {
    if (isObject(forestField.value)) {
      forestObj = forestField.value;
      const name = asText(field(forestField.value, "Name", "RootDomain", "forestName")?.value);
      if (name !== undefined) facts.forestName = normalizeDnsName(name);
    } else {
      const name = asText(forestField.value);
      if (name !== undefined) facts.forestName = normalizeDnsName(name);
    }
  }

  const schema = field(obj, "schemaVersion", "objectVersion", "SchemaObjectVersion") ?? (forestObj ? field(forestObj, "schemaVersion", "objectVersion") : undefined);
  if (schema !== undefined && schema.value !== null) {
    const version = typeof schema.value === "number" ? schema.value : parseNonNegativeInteger(asText(schema.value) ?? "");
    if (version === undefined || !Number.isInteger(version) || version < 0) {
      fail(ctx, jsonPath(path, schema.key), `${displayValue(String(schema.value))} is not a schema objectVersion (e.g. 88).`);
    } else facts.schemaVersion = version;
  }

  const dcs = field(obj, "domainControllers", "DCs", "DomainControllers", "ReplicaDirectoryServers");
  if (dcs !== undefined && dcs.value !== null) facts.domainControllers = readDomainControllers(dcs.value, jsonPath(path, dcs.key), ctx);

  const kds = field(obj, "kdsRootKeys", "KdsRootKey", "KdsRootKeys", "kdsKeys") ?? (forestObj ? field(forestObj, "kdsRootKeys", "KdsRootKey") : undefined);
  // null means "could not tell" (as in the collector's report), not "no key": the KDS rule then answers Unknown.
  if (kds !== undefined && kds.value !== null) facts.kdsRootKeys = readKdsKeys(kds.value, jsonPath(path, kds.key), ctx);

  const levels = field(obj, "functionalLevels");
  const domainLevelField = levels && isObject(levels.value) ? field(levels.value, "domain") : field(obj, "DomainMode", "domainFunctionalLevel");
  const forestLevelField =
    levels && isObject(levels.value)
      ? field(levels.value, "forest")
      : (field(obj, "ForestMode", "forestFunctionalLevel") ?? (forestObj ? field(forestObj, "ForestMode") : undefined));
  const functionalLevels: NonNullable<DomainFacts["functionalLevels"]> = {};
  for (const [which, found] of [
    ["domain", domainLevelField],
    ["forest", forestLevelField],
  ] as const) {
    if (found === undefined || found.value === null) continue;
    const level = functionalLevel(found.value);
    if (level === undefined) {
      fail(ctx, jsonPath(path, found.key), `${displayValue(String(found.value))} is not a functional level (e.g. Windows2016Domain or 7).`);
    } else functionalLevels[which] = level;
  }
  if (functionalLevels.domain !== undefined || functionalLevels.forest !== undefined) facts.functionalLevels = functionalLevels;

  const protectedField = field(obj, "protectedObjects");
  if (protectedField !== undefined && isObject(protectedField.value)) {
    const p = protectedField.value;
    const out: NonNullable<DomainFacts["protectedObjects"]> = {};
    const disabled = field(p, "inheritanceDisabledCount")?.value;
    const adminCount = field(p, "adminCountCount")?.value;
    if (typeof disabled === "number") out.inheritanceDisabledCount = disabled;
    if (typeof adminCount === "number") out.adminCountCount = adminCount;
    const samples = field(p, "samples")?.value;
    if (samples !== undefined) out.samples = stringList(samples);
    facts.protectedObjects = out;
  }

  const gmsaField = field(obj, "gmsa", "ServiceAccount");
  if (gmsaField !== undefined && isObject(gmsaField.value)) {
    const g = gmsaField.value;
    const gmsa: NonNullable<DomainFacts["gmsa"]> = {};
    const sam = asText(field(g, "samAccountName", "SamAccountName")?.value);
    if (sam !== undefined) gmsa.samAccountName = sam;
    const dn = asText(field(g, "distinguishedName", "DistinguishedName")?.value);
    if (dn !== undefined) gmsa.distinguishedName = dn;
    const sid = asText(unwrapValue(field(g, "sid", "SID", "objectSid")?.value));
    if (sid !== undefined) gmsa.sid = sid;
    const principals = field(g, "principalsAllowedToRetrievePassword", "PrincipalsAllowedToRetrieveManagedPassword");
    if (principals !== undefined) gmsa.principalsAllowedToRetrievePassword = stringList(principals.value);
    facts.gmsa = gmsa;
  }

  const memberships = field(obj, "groupMemberships");
  if (memberships !== undefined && isObject(memberships.value)) {
    const out: Record<string, string[]> = {};
    for (const [principal, groups] of Object.entries(memberships.value)) out[principal] = stringList(groups);
    facts.groupMemberships = out;
  }

  // Exchange schema version (rangeUpper of ms-Exch-Schema-Version-Pt); null = the schema was never extended for Exchange.
  const exchange = field(obj, "exchangeSchemaVersion", "ExchangeSchemaVersion", "msExchSchemaVersionPt");
  if (exchange !== undefined) {
    const value = exchange.value;
    if (value === null) facts.exchangeSchemaVersion = null;
    else {
      const version = typeof value === "number" ? value : Number.parseInt(asText(value) ?? "", 10);
      if (Number.isSafeInteger(version) && version >= 0) facts.exchangeSchemaVersion = version;
      else fail(ctx, jsonPath(path, exchange.key), `${displayValue(String(value))} is not an Exchange schema version (a whole number, or null when the schema is not extended).`);
    }
  }

  const plan = field(obj, "gmsaPlan");
  if (plan !== undefined && plan.value !== null) {
    const checked = domainFactsSchema.shape.gmsaPlan.unwrap().safeParse(plan.value);
    if (checked.success) facts.gmsaPlan = checked.data;
    else fail(ctx, jsonPath(path, plan.key), 'gmsaPlan must be { "customGmsa": true|false }.');
  }

  const attestations = field(obj, "attestations");
  if (attestations !== undefined && attestations.value !== null) {
    const checked = domainFactsSchema.shape.attestations.unwrap().safeParse(attestations.value);
    if (checked.success) facts.attestations = checked.data;
    else {
      const issue = checked.error.issues[0];
      fail(
        ctx,
        jsonPath(path, [attestations.key, ...(issue?.path ?? []).map(String)].join(".")),
        `Attestations must be [{ "key": one of ${domainAttestationKeySchema.options.join(", ")}, "attested": true|false, "by": "...", "at": "ISO time" }]${issue ? ` (${issue.message})` : ""}.`,
      );
    }
  }

  const collected = field(obj, "collectedAt");
  if (collected !== undefined && collected.value !== null) {
    const iso = date(ctx, collected.value, jsonPath(path, collected.key));
    if (iso !== undefined) facts.collectedAt = iso;
  }
  return facts;
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("domain", FORMAT);
  const parsed = readJsonFile(input.text, sink);
  if (parsed === undefined) return finishResult(result, sink);

  let items: unknown[];
  let basePath: string;
  const root = parsed.value;
  const wrapped = isObject(root) ? field(root, "domain", "domains") : undefined;
  if (wrapped !== undefined) {
    items = Array.isArray(wrapped.value) ? wrapped.value : [wrapped.value];
    basePath = wrapped.key;
  } else {
    items = Array.isArray(root) ? root : [root];
    basePath = "";
  }
  const isArray = wrapped !== undefined ? Array.isArray(wrapped.value) : Array.isArray(root);
  if (items.length > maxRowsOf(input.options)) {
    sink.error("The file holds more domains than one upload may contain; nothing was imported.");
    return finishResult(result, sink);
  }
  let assumedUtc = false;
  items.forEach((item, i) => {
    const path = isArray ? jsonPath(basePath, i) : basePath;
    result.records++;
    const ctx: Ctx = { sink, row: i + 1, errors: 0, assumedUtc: false };
    if (!isObject(item)) {
      fail(ctx, path === "" ? "$" : path, "Expected a domain object.");
      result.rejected++;
      return;
    }
    const facts = readDomain(item, path, ctx);
    if (ctx.assumedUtc) assumedUtc = true;
    if (ctx.errors > 0) {
      result.rejected++;
      return;
    }
    if (Object.keys(facts).length === 0) {
      fail(ctx, path === "" ? "$" : path, "No domain property was recognised (dnsName/DNSRoot, schemaVersion/objectVersion, kdsRootKeys, domainControllers...).");
      result.rejected++;
      return;
    }
    const checked = domainFactsSchema.safeParse(facts);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        fail(ctx, jsonPath(path, issue.path.map(String).join(".")), `${issue.message}.`);
      }
      result.rejected++;
      return;
    }
    result.domains.push(checked.data);
  });
  if (assumedUtc) sink.warning("Some dates have no time zone; they were read as UTC.");
  return finishResult(result, sink);
}

const domainJson: FormatParser = {
  id: FORMAT,
  kind: "domain",
  label: "Domain facts JSON (Get-ADDomain / Get-ADForest / Get-KdsRootKey output)",
  detect,
  parse,
};

export default domainJson;

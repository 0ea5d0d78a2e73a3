import { groupProvisioningScopeSchema, scopeFactsSchema, syncConfigurationSchema, type SyncConfiguration } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { MAX_TEXT_LENGTH, maxRowsOf } from "../limits";
import { headerKey } from "../csv/read-csv";
import { cell, csvHeaderOf, isRepeatedHeader, readCsvTable } from "../csv/csv-table";
import { namesCollector } from "../json/collector-marker";
import { looksLikeJson } from "../json/parse-json";
import { readJsonFile } from "../json/read-json";
import { asText, field, isObject, jsonPath, type JsonObject } from "../json/access";
import { lowercaseSample } from "../detect-sample";
import { displayValue, listNames } from "../text/display";
import { normalizeDnsName } from "../identity";
import { parseBoolean } from "../values/booleans";
import { parseGroupedInteger } from "../values/numbers";

/**
 * The planned cloud sync configurations (sync scope), as JSON `{ "configurations": [...] }` (or a bare array) or as a
 * CSV with one row per configuration: OUs and groups as ";"-separated lists, groups as "Name (12345)" or "Name:12345"
 * with member counts, booleans as yes/no/true/false/1/0.
 */

const FORMAT = "scope-plan";

type Field =
  | "name"
  | "domain"
  | "ous"
  | "groups"
  | "passwordHashSync"
  | "passwordWriteback"
  | "inetOrgPersonCount"
  | "objectCount"
  | "groupProvisioning"
  | "exchangeHybridWriteback"
  | "groupProvisioningScope";

const ALIASES: Record<Field, readonly string[]> = {
  name: ["name", "configuration", "configurationname", "config", "displayname"],
  domain: ["domain", "domainname", "addomain"],
  ous: ["ous", "ou", "organizationalunits", "scopeous", "scopingous", "ouscope"],
  groups: ["groups", "group", "securitygroups", "scopegroups", "scopinggroups", "groupscope"],
  passwordHashSync: ["passwordhashsync", "phs", "passwordhashsynchronization"],
  passwordWriteback: ["passwordwriteback", "sspr", "sspwriteback"],
  inetOrgPersonCount: ["inetorgpersoncount", "inetorgpersons", "inetorgperson"],
  objectCount: ["objectcount", "objects", "objectsinscope", "numberofobjects"],
  groupProvisioning: ["groupprovisioning", "groupprovisioningtoad", "gpad", "provisiongroupstoad"],
  exchangeHybridWriteback: ["exchangehybridwriteback", "exchangehybrid", "exchangewriteback"],
  groupProvisioningScope: ["groupprovisioningscope", "gpadscope"],
};
const FIELDS: readonly Field[] = [
  "name",
  "domain",
  "ous",
  "groups",
  "passwordHashSync",
  "passwordWriteback",
  "inetOrgPersonCount",
  "objectCount",
  "groupProvisioning",
  "exchangeHybridWriteback",
  "groupProvisioningScope",
];

function fieldOfKey(key: string): Field | undefined {
  return FIELDS.find((f) => ALIASES[f].includes(key));
}

function detect(input: ParseInput): number {
  if (looksLikeJson(input.text)) {
    const sample = lowercaseSample(input);
    if (namesCollector(sample)) return 0;
    return sample.includes('"configurations"') ? 0.95 : 0;
  }
  const header = csvHeaderOf(input.text);
  if (header === undefined) return 0;
  const fields = header.map((h) => fieldOfKey(headerKey(h)));
  const hasName = fields.includes("name");
  const hasScope = fields.includes("ous") || fields.includes("groups");
  if (hasName && hasScope) return 0.9;
  if (hasScope && (fields.includes("passwordHashSync") || fields.includes("domain"))) return 0.75;
  return 0;
}

/** "Sales (12,345)", "Sales:12345", "Sales" -> name + member count. */
export function parseGroupEntry(raw: string): { name: string; memberCount?: number } | undefined {
  const text = raw.trim();
  if (text === "") return undefined;
  const paren = /^(.*\S)\s*\(\s*([\d.,\s\u00a0\u202f']+)\s*(?:members?)?\s*\)$/i.exec(text);
  if (paren) {
    const count = parseGroupedInteger(paren[2]);
    if (count !== undefined) return { name: paren[1].trim(), memberCount: count };
  }
  const colon = /^(.*\S)\s*:\s*([\d.,\s\u00a0\u202f']+)$/.exec(text);
  if (colon) {
    const count = parseGroupedInteger(colon[2]);
    if (count !== undefined) return { name: colon[1].trim(), memberCount: count };
  }
  return { name: text };
}

/** Splits a ";"-separated list, honouring "\;" escapes inside DNs. */
function splitList(value: string): string[] {
  return value
    .split(/(?<!\\);/)
    .map((item) => item.trim().replace(/\\;/g, ";"))
    .filter((item) => item !== "");
}

interface Ctx {
  sink: IssueSink;
  row: number;
  errors: number;
}

function err(ctx: Ctx, column: string, message: string): void {
  ctx.sink.error(`${message} The configuration was skipped.`, { row: ctx.row, column });
  ctx.errors++;
}

function toCount(ctx: Ctx, value: unknown, column: string): number | undefined {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0) return value;
  } else if (typeof value === "string") {
    const n = parseGroupedInteger(value);
    if (n !== undefined) return n;
  }
  err(ctx, column, `${displayValue(String(value))} is not a whole number.`);
  return undefined;
}

function toBool(ctx: Ctx, value: unknown, column: string): boolean | undefined {
  const b = parseBoolean(value);
  if (b === undefined) err(ctx, column, `${displayValue(String(value))} is not yes/no, true/false or 1/0.`);
  return b;
}

/** Builds one configuration from field values (strings from CSV, JSON values otherwise). */
function buildConfiguration(get: (f: Field) => { value: unknown; column: string } | undefined, ctx: Ctx): SyncConfiguration | undefined {
  const nameField = get("name");
  const name = nameField === undefined ? undefined : asText(nameField.value);
  if (name === undefined) {
    err(ctx, nameField?.column ?? "name", "The configuration has no name.");
    return undefined;
  }
  if (name.length > MAX_TEXT_LENGTH) {
    err(ctx, nameField?.column ?? "name", `The name is longer than ${MAX_TEXT_LENGTH} characters.`);
    return undefined;
  }
  const config: SyncConfiguration = { name };
  const domain = get("domain");
  if (domain !== undefined) {
    const text = asText(domain.value);
    if (text !== undefined) config.domain = normalizeDnsName(text);
  }
  const ous = get("ous");
  if (ous !== undefined && ous.value !== null && ous.value !== undefined) {
    const items = Array.isArray(ous.value) ? ous.value.map((v) => asText(v)).filter((v): v is string => v !== undefined) : splitList(asText(ous.value) ?? "");
    config.ous = items;
  }
  const groups = get("groups");
  if (groups !== undefined && groups.value !== null && groups.value !== undefined) {
    const out: NonNullable<SyncConfiguration["groups"]> = [];
    const items = Array.isArray(groups.value) ? groups.value : splitList(asText(groups.value) ?? "");
    items.forEach((item, i) => {
      if (isObject(item)) {
        const groupName = asText(field(item, "name", "displayName", "distinguishedName")?.value);
        if (groupName === undefined) {
          err(ctx, jsonPath(groups.column, i), "The group has no name.");
          return;
        }
        const countField = field(item, "memberCount", "members", "count");
        const entry: { name: string; memberCount?: number } = { name: groupName };
        if (countField !== undefined && countField.value !== null) {
          const count = toCount(ctx, countField.value, jsonPath(jsonPath(groups.column, i), countField.key));
          if (count !== undefined) entry.memberCount = count;
        }
        out.push(entry);
        return;
      }
      const text = asText(item);
      const parsed = text === undefined ? undefined : parseGroupEntry(text);
      if (parsed !== undefined) out.push(parsed);
    });
    config.groups = out;
  }
  for (const flag of ["passwordHashSync", "passwordWriteback", "groupProvisioning", "exchangeHybridWriteback"] as const) {
    const found = get(flag);
    if (found === undefined || found.value === null || found.value === undefined || found.value === "") continue;
    const b = toBool(ctx, found.value, found.column);
    if (b !== undefined) config[flag] = b;
  }
  for (const count of ["inetOrgPersonCount", "objectCount"] as const) {
    const found = get(count);
    if (found === undefined || found.value === null || found.value === undefined || found.value === "") continue;
    const n = toCount(ctx, found.value, found.column);
    if (n !== undefined) config[count] = n;
  }
  const gpadScope = get("groupProvisioningScope");
  if (gpadScope !== undefined && gpadScope.value !== null && gpadScope.value !== undefined && gpadScope.value !== "") {
    // JSON: an object; CSV: the same object as JSON text in one cell.
    let value: unknown = gpadScope.value;
    if (typeof value === "string") {
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        value = undefined;
      }
    }
    const scoped = groupProvisioningScopeSchema.safeParse(value);
    if (isObject(value) && scoped.success) config.groupProvisioningScope = scoped.data;
    else
      err(
        ctx,
        gpadScope.column,
        'Expected an object such as { "mode": "selected-groups", "groupCount": 1200, "membershipCount": 84000, "largestGroupMembers": 9800 } ' +
          "(mode selected-groups or all-groups; attributeFilter true/false; whole-number counts).",
      );
  }
  if (ctx.errors > 0) return undefined;
  const checked = syncConfigurationSchema.safeParse(config);
  if (!checked.success) {
    for (const issue of checked.error.issues) err(ctx, issue.path.map(String).join("."), `${issue.message}.`);
    return undefined;
  }
  return checked.data;
}

function parseJsonPlan(input: ParseInput, sink: IssueSink, result: ParseResult): SyncConfiguration[] | undefined {
  const parsed = readJsonFile(input.text, sink);
  if (parsed === undefined) return undefined;
  const root = parsed.value;
  let items: unknown[];
  let base = "";
  if (Array.isArray(root)) items = root;
  else if (isObject(root)) {
    const list = field(root, "configurations");
    if (list === undefined || !Array.isArray(list.value)) {
      sink.error('Expected { "configurations": [ ... ] } or an array of configurations.');
      return undefined;
    }
    items = list.value;
    base = list.key;
  } else {
    sink.error('Expected { "configurations": [ ... ] }.');
    return undefined;
  }
  if (items.length > maxRowsOf(input.options)) {
    sink.error("The file holds more configurations than one upload may contain; nothing was imported.");
    return undefined;
  }
  const out: SyncConfiguration[] = [];
  items.forEach((item, i) => {
    result.records++;
    const path = jsonPath(base, i);
    const ctx: Ctx = { sink, row: i + 1, errors: 0 };
    if (!isObject(item)) {
      err(ctx, path, "Expected a configuration object.");
      result.rejected++;
      return;
    }
    const obj: JsonObject = item;
    const config = buildConfiguration((f) => {
      for (const alias of [f, ...ALIASES[f]]) {
        const found = Object.keys(obj).find((k) => headerKey(k) === headerKey(alias));
        if (found !== undefined) return { value: obj[found], column: jsonPath(path, found) };
      }
      return undefined;
    }, ctx);
    if (config === undefined) result.rejected++;
    else out.push(config);
  });
  return out;
}

function parseCsvPlan(input: ParseInput, sink: IssueSink, result: ParseResult): SyncConfiguration[] | undefined {
  const table = readCsvTable(input.text, sink, maxRowsOf(input.options));
  if (table === undefined) return undefined;
  const headers = table.header.fields.map((h) => h.trim());
  const index = new Map<Field, number>();
  headers.forEach((h, i) => {
    const f = fieldOfKey(headerKey(h));
    if (f !== undefined && !index.has(f)) index.set(f, i);
  });
  if (!index.has("name")) {
    sink.error(`No column names the configuration. Headers found: ${listNames(headers)}. Add a "Name" column.`);
    return undefined;
  }
  const out: SyncConfiguration[] = [];
  for (const row of table.rows) {
    if (isRepeatedHeader(row, table.header)) continue;
    result.records++;
    const ctx: Ctx = { sink, row: row.line, errors: 0 };
    const config = buildConfiguration((f) => {
      const i = index.get(f);
      if (i === undefined) return undefined;
      const value = cell(row, i);
      return value === "" ? undefined : { value, column: headers[i] };
    }, ctx);
    if (config === undefined) result.rejected++;
    else out.push(config);
  }
  return out;
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("sync-scope", FORMAT);
  const configurations = looksLikeJson(input.text) ? parseJsonPlan(input, sink, result) : parseCsvPlan(input, sink, result);
  if (configurations === undefined) return finishResult(result, sink);
  const names = new Map<string, number>();
  configurations.forEach((c) => names.set(c.name.toLowerCase(), (names.get(c.name.toLowerCase()) ?? 0) + 1));
  for (const [name, count] of names) {
    if (count > 1) sink.warning(`The configuration name ${displayValue(name)} appears ${count} times.`);
  }
  const checked = scopeFactsSchema.safeParse({ configurations });
  if (!checked.success) {
    for (const issue of checked.error.issues) sink.error(`Invalid scope data (${issue.path.join(".")}): ${issue.message}.`);
    return finishResult(result, sink);
  }
  result.scope = checked.data;
  return finishResult(result, sink);
}

const scopePlan: FormatParser = {
  id: FORMAT,
  kind: "sync-scope",
  label: "Sync scope plan (JSON or CSV)",
  detect,
  parse,
};

export default scopePlan;

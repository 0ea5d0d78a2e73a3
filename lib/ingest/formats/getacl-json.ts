import type { AceProperty } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { maxRowsOf } from "../limits";
import { namesCollector } from "../json/collector-marker";
import { looksLikeJson } from "../json/parse-json";
import { readJsonFile } from "../json/read-json";
import { asText, field, isObject, jsonPath, unwrapValue, type JsonObject } from "../json/access";
import { lowercaseSample } from "../detect-sample";
import { displayValue, listNames } from "../text/display";
import { buildAce, INHERITANCE_PROPERTIES, unknownInheritanceWarning } from "../acl/build-ace";
import { assembleAcls, createAclCollector, normalizeTargetDn, type AclCollector } from "../acl/assemble";
import { parseDateTime } from "../values/dates";

/**
 * Access rules as JSON: `Get-Acl 'AD:<dn>' | Select-Object -ExpandProperty Access | ConvertTo-Json` (an array, or one
 * object for a single rule), a whole `Get-Acl ... | ConvertTo-Json` object (Path + Access), or an AclFacts-shaped
 * object ({ targetDn, account, aces }). Enums as numbers or names; IdentityReference as a string or { "Value": ... };
 * GUIDs in any case, with or without braces. Objects without InheritanceType (and without InheritanceFlags +
 * PropagationFlags), e.g. after Select-Object, get inheritance "unknown", with one warning naming the missing keys.
 */

const FORMAT = "getacl-json";

const NAMES: Record<AceProperty, readonly string[]> = {
  ActiveDirectoryRights: ["ActiveDirectoryRights", "rights"],
  InheritanceType: ["InheritanceType"],
  ObjectType: ["ObjectType"],
  InheritedObjectType: ["InheritedObjectType"],
  ObjectFlags: ["ObjectFlags"],
  AccessControlType: ["AccessControlType", "accessType"],
  IdentityReference: ["IdentityReference", "Identity", "principal"],
  IsInherited: ["IsInherited"],
  InheritanceFlags: ["InheritanceFlags"],
  PropagationFlags: ["PropagationFlags"],
};
const ACE_LIST_NAMES = ["Access", "aces", "rules", "AccessRules"];
const TARGET_NAMES = ["targetDn", "target", "DistinguishedName", "dn", "ADObjectDN", "ObjectDN", "Path"];
const ACCOUNT_NAMES = ["account", "gmsa"];

function detect(input: ParseInput): number {
  if (!looksLikeJson(input.text)) return 0;
  const sample = lowercaseSample(input);
  if (namesCollector(sample)) return 0;
  const rights = sample.includes('"activedirectoryrights"');
  const identity = sample.includes('"identityreference"') || sample.includes('"identity"');
  if (rights && (identity || sample.includes('"accesscontroltype"'))) return 0.95;
  if (sample.includes('"aces"') && (sample.includes('"targetdn"') || sample.includes('"account"'))) return 0.9;
  return 0;
}

function isAceObject(obj: JsonObject): boolean {
  return field(obj, "ActiveDirectoryRights", "rights") !== undefined || field(obj, "IdentityReference") !== undefined;
}

interface Walk {
  sink: IssueSink;
  collector: AclCollector;
  record: number;
  rejected: number;
  accounts: Set<string>;
  accountSid?: string;
  collectedAt?: string;
  isInheritedMissing: boolean;
  unknownInheritance: number;
  missingInheritance: Set<string>;
  maxRows: number;
  tooMany: boolean;
}

function targetOf(obj: JsonObject, path: string, walk: Walk, row?: number): { target?: string; bad: boolean } {
  const found = field(obj, ...TARGET_NAMES);
  if (found === undefined) return { bad: false };
  const raw = asText(found.value);
  if (raw === undefined) return { bad: false };
  const target = normalizeTargetDn(raw);
  if (target === undefined) {
    walk.sink.error(`${displayValue(raw)} is not a distinguished name such as OU=Servers,DC=corp,DC=contoso,DC=com.`, {
      row,
      column: jsonPath(path, found.key),
    });
    return { bad: true };
  }
  return { target, bad: false };
}

function readAce(obj: JsonObject, path: string, inherited: string | undefined, walk: Walk): void {
  walk.record++;
  if (walk.record > walk.maxRows) {
    walk.tooMany = true;
    return;
  }
  const row = walk.record;
  const own = targetOf(obj, path, walk, row);
  const target = own.target ?? inherited;
  const built = buildAce({
    get(property: AceProperty) {
      const found = field(obj, ...NAMES[property]);
      if (found === undefined) return undefined;
      const value = unwrapValue(found.value);
      if (value === null) return undefined;
      if (typeof value === "string" && value.trim() === "") return undefined;
      if (typeof value === "boolean") return value ? "True" : "False";
      return value;
    },
    column(property: AceProperty) {
      return jsonPath(path, field(obj, ...NAMES[property])?.key ?? property);
    },
    has: (property: AceProperty) => field(obj, ...NAMES[property]) !== undefined,
  });
  if (!built.ok) {
    for (const error of built.errors) walk.sink.error(`${error.message} The entry was skipped.`, { row, column: error.column });
    walk.rejected++;
    walk.collector.add(target, undefined);
    return;
  }
  for (const warning of built.warnings) walk.sink.warning(warning.message, { row, column: warning.column });
  if (built.isInheritedAssumed) walk.isInheritedMissing = true;
  if (built.inheritanceUnknown) {
    walk.unknownInheritance++;
    for (const p of INHERITANCE_PROPERTIES) if (field(obj, ...NAMES[p]) === undefined) walk.missingInheritance.add(p);
  }
  if (own.bad) {
    walk.rejected++;
    walk.collector.add(target, undefined);
    return;
  }
  walk.collector.add(target, built.ace);
}

function readContainer(obj: JsonObject, path: string, walk: Walk): boolean {
  const list = field(obj, ...ACE_LIST_NAMES);
  if (list === undefined) return false;
  const { target } = targetOf(obj, path, walk);
  const account = asText(unwrapValue(field(obj, ...ACCOUNT_NAMES)?.value));
  if (account !== undefined) walk.accounts.add(account);
  const sid = asText(unwrapValue(field(obj, "accountSid")?.value));
  if (sid !== undefined) walk.accountSid = sid;
  const collected = field(obj, "collectedAt");
  if (collected !== undefined) {
    const date = parseDateTime(collected.value);
    if (date.ok) walk.collectedAt = date.iso;
    else walk.sink.warning(`${date.message}; the collection time was ignored.`, { column: jsonPath(path, collected.key) });
  }
  const items = Array.isArray(list.value) ? list.value : [list.value];
  const listPath = jsonPath(path, list.key);
  items.forEach((item, i) => {
    const itemPath = Array.isArray(list.value) ? jsonPath(listPath, i) : listPath;
    if (isObject(item)) readAce(item, itemPath, target, walk);
    else {
      walk.record++;
      walk.rejected++;
      walk.sink.error("Expected an access rule object here. The entry was skipped.", { row: walk.record, column: itemPath });
    }
  });
  return true;
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("gmsa-acl", FORMAT);
  const parsed = readJsonFile(input.text, sink);
  if (parsed === undefined) return finishResult(result, sink);

  const walk: Walk = {
    sink,
    collector: createAclCollector(),
    record: 0,
    rejected: 0,
    accounts: new Set(),
    isInheritedMissing: false,
    unknownInheritance: 0,
    missingInheritance: new Set(),
    maxRows: maxRowsOf(input.options),
    tooMany: false,
  };
  const root: unknown = parsed.value;
  if (isObject(root)) {
    const account = asText(unwrapValue(field(root, ...ACCOUNT_NAMES)?.value));
    if (account !== undefined && field(root, ...ACE_LIST_NAMES) === undefined) walk.accounts.add(account);
  }
  const topLevel = Array.isArray(root) ? root : [root];
  topLevel.forEach((item, i) => {
    const path = Array.isArray(root) ? `[${i}]` : "";
    if (!isObject(item)) {
      walk.record++;
      walk.rejected++;
      sink.error("Expected an access rule object here. The entry was skipped.", { row: walk.record, column: path === "" ? "$" : path });
      return;
    }
    if (readContainer(item, path, walk)) return;
    if (isAceObject(item)) {
      readAce(item, path, undefined, walk);
      return;
    }
    walk.record++;
    walk.rejected++;
    sink.error("This object is neither an access rule (ActiveDirectoryRights, IdentityReference, ...) nor a list of them. It was skipped.", {
      row: walk.record,
      column: path === "" ? "$" : path,
    });
  });

  result.records = walk.record;
  result.rejected = walk.rejected;
  if (walk.tooMany) {
    sink.error(`The file has more than ${walk.maxRows.toLocaleString("en-US")} access rules, the limit for one upload; nothing was imported.`);
    return finishResult(result, sink);
  }
  if (walk.record === 0) {
    sink.error("The file holds no access rules.");
    return finishResult(result, sink);
  }
  if (walk.unknownInheritance > 0) {
    sink.warning(unknownInheritanceWarning(walk.unknownInheritance, INHERITANCE_PROPERTIES.filter((p) => walk.missingInheritance.has(p))));
  }
  if (walk.isInheritedMissing) {
    sink.warning("Some entries have no IsInherited property; they were treated as set directly on the object (not inherited).");
  }
  if (walk.accounts.size > 1) {
    sink.error(`The file names several accounts (${listNames([...walk.accounts], 5)}); upload one file per gMSA.`);
    return finishResult(result, sink);
  }
  const fileAccount = walk.accounts.size === 1 ? [...walk.accounts][0] : undefined;
  result.acls = assembleAcls(walk.collector.groups(), {
    suggestInto: result,
    sink,
    options: input.options,
    fileAccount,
    fileAccountSid: walk.accountSid,
    collectedAt: walk.collectedAt,
    ordered: true,
  });
  return finishResult(result, sink);
}

const getAclJson: FormatParser = {
  id: FORMAT,
  kind: "gmsa-acl",
  label: "Get-Acl AD: access rules as JSON (ConvertTo-Json)",
  detect,
  parse,
};

export default getAclJson;

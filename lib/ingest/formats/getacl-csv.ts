import { ACE_PROPERTIES, type AceProperty } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { maxRowsOf } from "../limits";
import { headerKey } from "../csv/read-csv";
import { cell, csvHeaderOf, isRepeatedHeader, readCsvTable } from "../csv/csv-table";
import { looksLikeJson } from "../json/parse-json";
import { displayValue, listNames } from "../text/display";
import { buildAce, INHERITANCE_PROPERTIES, unknownInheritanceWarning } from "../acl/build-ace";
import { assembleAcls, createAclCollector, normalizeTargetDn } from "../acl/assemble";

/**
 * `Get-Acl 'AD:<dn>' | Select-Object -ExpandProperty Access | Export-Csv`: with or without the `#TYPE` line
 * (Windows PowerShell 5.1), comma or semicolon (-UseCulture), enums as names ("ReadProperty, WriteProperty")
 * or numbers, headers in any case, `Identity` for IdentityReference, extra columns (DN / Path / ADObjectDN) naming
 * the object each row belongs to. A file without InheritanceType (and without InheritanceFlags + PropagationFlags) is
 * accepted: its entries get inheritance "unknown", with one warning naming the missing columns.
 */

const FORMAT = "getacl-csv";

const ALIASES: Record<AceProperty, readonly string[]> = {
  ActiveDirectoryRights: ["activedirectoryrights", "adrights", "rights"],
  InheritanceType: ["inheritancetype"],
  ObjectType: ["objecttype", "objecttypeguid"],
  InheritedObjectType: ["inheritedobjecttype", "inheritedobjecttypeguid"],
  ObjectFlags: ["objectflags"],
  AccessControlType: ["accesscontroltype", "accesstype"],
  IdentityReference: ["identityreference", "identity", "principal", "trustee"],
  IsInherited: ["isinherited", "inherited"],
  InheritanceFlags: ["inheritanceflags"],
  PropagationFlags: ["propagationflags"],
};
const TARGET_ALIASES = ["dn", "distinguishedname", "adobjectdn", "objectdn", "target", "targetdn", "path", "adpath", "object"];
const ACCOUNT_ALIASES = ["account", "gmsa", "gmsaaccount", "serviceaccount"];

function detect(input: ParseInput): number {
  if (looksLikeJson(input.text)) return 0;
  const header = csvHeaderOf(input.text);
  if (header === undefined) return 0;
  const keys = header.map(headerKey);
  const hasRights = keys.includes("activedirectoryrights");
  const hasIdentity = keys.includes("identityreference") || keys.includes("identity");
  if (hasRights && hasIdentity && keys.includes("accesscontroltype")) return 0.97;
  if (hasRights && hasIdentity) return 0.85;
  return 0;
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("gmsa-acl", FORMAT);
  const table = readCsvTable(input.text, sink, maxRowsOf(input.options));
  if (table === undefined) return finishResult(result, sink);
  if (table.typeName !== undefined) result.producerVersion = `Export-Csv (#TYPE ${table.typeName})`;

  const headers = table.header.fields.map((h) => h.trim());
  const keys = headers.map(headerKey);
  const index = new Map<AceProperty, number>();
  for (const property of ACE_PROPERTIES) {
    const i = keys.findIndex((k) => ALIASES[property].includes(k));
    if (i !== -1) index.set(property, i);
  }
  const targetIndex = keys.findIndex((k) => TARGET_ALIASES.includes(k));
  const accountIndex = keys.findIndex((k) => ACCOUNT_ALIASES.includes(k));
  const missing = (["ActiveDirectoryRights", "IdentityReference", "AccessControlType"] as const).filter((required) => !index.has(required));
  if (missing.length > 0) {
    sink.error(
      `${missing.length === 1 ? `The column "${missing[0]}" is` : `The columns ${missing.map((m) => `"${m}"`).join(", ")} are`} missing. Headers found: ${listNames(headers)}. ` +
        `Export with Get-Acl 'AD:<dn>' | Select-Object -ExpandProperty Access | Export-Csv -NoTypeInformation.`,
    );
  }
  if (sink.hasFileError()) return finishResult(result, sink);
  if (!index.has("IsInherited")) {
    sink.warning("The file has no IsInherited column; every entry was treated as set directly on the object (not inherited).");
  }

  const collector = createAclCollector();
  const accounts = new Set<string>();
  let unknownInheritance = 0;
  for (const row of table.rows) {
    if (isRepeatedHeader(row, table.header)) continue;
    result.records++;
    const built = buildAce({
      get(property) {
        const i = index.get(property);
        if (i === undefined) return undefined;
        const value = cell(row, i);
        return value === "" ? undefined : value;
      },
      column(property) {
        const i = index.get(property);
        return i === undefined ? property : headers[i];
      },
      has: (property) => index.has(property),
    });
    let target: string | undefined;
    let targetError = false;
    if (targetIndex !== -1) {
      const raw = cell(row, targetIndex);
      if (raw !== "") {
        target = normalizeTargetDn(raw);
        if (target === undefined) {
          sink.error(`${displayValue(raw)} is not a distinguished name such as OU=Servers,DC=corp,DC=contoso,DC=com. The row was skipped.`, {
            row: row.line,
            column: headers[targetIndex],
          });
          targetError = true;
        }
      }
    }
    if (accountIndex !== -1) {
      const account = cell(row, accountIndex);
      if (account !== "") accounts.add(account);
    }
    if (!built.ok) {
      for (const error of built.errors) sink.error(`${error.message} The row was skipped.`, { row: row.line, column: error.column });
    } else {
      for (const warning of built.warnings) sink.warning(warning.message, { row: row.line, column: warning.column });
    }
    if (!built.ok || targetError) {
      result.rejected++;
      collector.add(target, undefined);
      continue;
    }
    if (built.inheritanceUnknown) unknownInheritance++;
    collector.add(target, built.ace);
  }
  if (unknownInheritance > 0) sink.warning(unknownInheritanceWarning(unknownInheritance, INHERITANCE_PROPERTIES.filter((p) => !index.has(p))));
  if (accounts.size > 1) {
    sink.error(`The ${displayValue(headers[accountIndex], 40)} column names several accounts (${listNames([...accounts], 5)}); upload one file per gMSA.`, {
      column: headers[accountIndex],
    });
    return finishResult(result, sink);
  }
  const fileAccount = accounts.size === 1 ? [...accounts][0] : undefined;
  result.acls = assembleAcls(collector.groups(), { suggestInto: result, sink, options: input.options, fileAccount, ordered: true });
  return finishResult(result, sink);
}

const getAclCsv: FormatParser = {
  id: FORMAT,
  kind: "gmsa-acl",
  label: "Get-Acl AD: access rules exported with Export-Csv",
  detect,
  parse,
};

export default getAclCsv;

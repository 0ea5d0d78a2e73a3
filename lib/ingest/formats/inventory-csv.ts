import type { FormatParser, ParseInput, ParseResult } from "../types";
import { MAX_LISTED } from "../limits";
import { headerKey } from "../csv/read-csv";
import { cell, csvHeadOf, isBlank, isRepeatedHeader } from "../csv/csv-table";
import { parseHostCsv, type HostRowReader } from "../csv/host-csv";
import type { CsvRow } from "../csv/read-csv";
import type { IssueSink } from "../issues";
import { looksLikeJson } from "../json/parse-json";
import { displayValue, listNames } from "../text/display";
import { finishHost, newHostDraft } from "../host/host-draft";
import { FactSources } from "../host/fact-sources";
import { unitFromHeader } from "../values/memory";
import { applyInventoryValue, type PreparedColumn } from "./inventory-apply";
import {
  INVENTORY_FIELD_IDS,
  defaultUnitForHeader,
  inventoryField,
  resolveInventoryColumns,
  type InventoryFieldId,
  type ResolvedColumn,
} from "./inventory-fields";

/**
 * Generic host inventory CSV (exports of CMDBs, Excel sheets, Get-ADComputer / WMI exports): columns mapped by
 * header name through the aliases in inventory-fields.ts, or through ParseOptions.columnMapping.
 */

const FORMAT = "inventory-csv";

/** Headers that mark other CSV formats this one must not claim. */
const SYSTEMINFO_MARKERS = ["hotfixs", "osconfiguration", "virtualmemorymaxsize"];
const ACL_MARKERS = ["activedirectoryrights", "identityreference", "accesscontroltype"];
const SCOPE_MARKERS = ["ous", "organizationalunits", "scopinggroups", "securitygroups", "passwordhashsync", "phs"];

function detect(input: ParseInput): number {
  if (looksLikeJson(input.text)) return 0;
  const csvHead = csvHeadOf(input.text);
  if (csvHead === undefined || csvHead.header.length === 0) return 0;
  const headers = csvHead.header;
  const keys = headers.map(headerKey);
  if (keys.some((k) => ACL_MARKERS.includes(k))) return 0.05;
  const plausibleHeader = headers.every((h) => h.length > 0 && h.length <= 64);
  if (!plausibleHeader) return 0.1;
  const { columns } = resolveInventoryColumns(headers, input.options.columnMapping);
  const recognised = columns.filter((c) => c.field !== undefined);
  const hasIdentity = recognised.some((c) => c.field === "fqdn" || c.field === "hostName");
  let score: number;
  if (hasIdentity) score = 0.6 + 0.2 * (recognised.length / headers.length);
  // A table with unknown headers is still offered to the mapping step when it looks like a table.
  else if (headers.length >= 2 && csvHead.firstRow?.length === headers.length) score = 0.5;
  else score = 0.2;
  if (keys.some((k) => SYSTEMINFO_MARKERS.includes(k))) score = Math.min(score, 0.3);
  if (keys.some((k) => SCOPE_MARKERS.includes(k))) score = Math.min(score, 0.55);
  return score;
}

function prepare(columns: ResolvedColumn[]): PreparedColumn[] {
  const prepared: PreparedColumn[] = [];
  for (const column of columns) {
    if (column.field === undefined) continue;
    const item: PreparedColumn = { index: column.index, header: column.header, field: column.field };
    if (column.field === "memory" || column.field === "installedMemory") {
      const headerUnit = unitFromHeader(column.header);
      if (headerUnit !== undefined) item.headerUnit = headerUnit;
      const defaultUnit = defaultUnitForHeader(column.header, column.field);
      if (defaultUnit !== undefined) item.defaultUnit = defaultUnit;
    }
    prepared.push(item);
  }
  return prepared;
}

function parse(input: ParseInput): ParseResult {
  return parseHostCsv(input, FORMAT, inventoryRows);
}

/**
 * Reads the header (column mapping, its problems and warnings); undefined when the header refuses the file. Each data
 * record then becomes a host (or is rejected) on its own: what one record gives never depends on another, so a large
 * file's records can be read in parts (host-csv-split.ts).
 */
export function inventoryRows(header: CsvRow, input: ParseInput, sink: IssueSink, result: ParseResult): HostRowReader | undefined {
  const headers = header.fields.map((h) => h.trim());
  const resolution = resolveInventoryColumns(headers, input.options.columnMapping);
  for (const bad of resolution.badMappings.slice(0, MAX_LISTED)) {
    sink.error(
      `The column mapping sends ${displayValue(bad.header, 40)} to ${displayValue(bad.target, 40)}, which is not a known field. Use one of: ${INVENTORY_FIELD_IDS.join(", ")}, or "ignore".`,
      { column: bad.header },
    );
  }
  if (resolution.badMappings.length > MAX_LISTED) {
    sink.error(
      `The column mapping sends ${(resolution.badMappings.length - MAX_LISTED).toLocaleString("en-US")} more columns to fields that do not exist: ` +
        `${listNames(resolution.badMappings.slice(MAX_LISTED).map((b) => b.header))}.`,
    );
  }
  for (const unused of resolution.unusedMappings.slice(0, MAX_LISTED)) {
    sink.warning(`The column mapping names ${displayValue(unused, 40)}, but the file has no such column; that mapping entry was not used.`, {
      column: unused,
    });
  }
  if (resolution.unusedMappings.length > MAX_LISTED) {
    sink.warning(
      `The column mapping names ${(resolution.unusedMappings.length - MAX_LISTED).toLocaleString("en-US")} more columns the file does not have: ` +
        `${listNames(resolution.unusedMappings.slice(MAX_LISTED))}; those mapping entries were not used.`,
    );
  }
  const columns = prepare(resolution.columns);
  const identityColumns = columns.filter((c) => c.field === "fqdn" || c.field === "hostName");
  if (identityColumns.length === 0) {
    const found = listNames(headers);
    sink.error(
      `No column identifies the host. Headers found: ${found}. Rename the column that holds the server names to "Host Name", "FQDN", ` +
        `"DNSHostName", "ComputerName" or "Name", or map it in the column-mapping step (for example { "Server": "hostName" }).`,
    );
  }
  if (sink.hasFileError()) return undefined;

  const ignored = resolution.columns.filter((c) => c.field === undefined && c.header !== "");
  if (ignored.length > 0) {
    sink.warning(
      `These columns are not used: ${listNames(ignored.map((c) => c.header))}. ` +
        `If one holds host data, map it to a field in the column-mapping step.`,
    );
  }
  const duplicateFields = new Map<InventoryFieldId, string[]>();
  for (const column of columns) {
    duplicateFields.set(column.field, [...(duplicateFields.get(column.field) ?? []), column.header]);
  }
  let hasDuplicates = false;
  for (const [field, names] of duplicateFields) {
    if (names.length > 1) {
      hasDuplicates = true;
      sink.warning(
        `Several columns hold ${inventoryField(field).label}: ${listNames(names)}. ` +
          `For each row the first non-empty value in that order is used.`,
      );
    }
  }

  // FQDN columns first so a DNSHostName wins over a short Name column.
  const ordered = [...columns].sort((a, b) => (a.field === "fqdn" ? 0 : 1) - (b.field === "fqdn" ? 0 : 1));
  const headerCount = header.fields.length;
  let unqualified = 0;
  const applyCtx = {
    onUnitGuessed: (column: string, unit: string) =>
      sink.warnOnce(
        `unit:${column}`,
        `The column ${displayValue(column, 40)} does not say which unit its memory values use; values were read by size (this file: ${unit}). ` +
          `Add the unit to the header, e.g. "RAM (GB)", to be sure.`,
        { column },
      ),
    onAssumedUtc: (column: string) =>
      sink.warnOnce(`utc:${column}`, `Dates in ${displayValue(column, 40)} have no time zone; they were read as UTC.`, { column }),
    onDotnetVersionText: (column: string, text: string, version: string, minRelease: number) =>
      sink.warnOnce(
        `dotnet:${column}:${version}`,
        `${displayValue(column, 40)} holds version names such as ${displayValue(text, 40)} instead of the Release number; .NET Framework ${version} was read as Release ${minRelease}, its lowest (the registry value HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full\Release is exact).`,
        { column },
      ),
  };

  const rowSources = new FactSources();
  return {
    identityColumn: identityColumns[0]?.header,
    unqualified: () => unqualified,
    read(row) {
      if (isRepeatedHeader(row, header)) return undefined;
      result.records++;
      if (row.fields.length > headerCount) {
        sink.warning(
          `This row has ${row.fields.length} values but the header has ${headerCount} columns; the extra values were ignored. ` +
            `A value containing the delimiter may be missing its quotes.`,
          { row: row.line },
        );
      }
      const draft = newHostDraft(rowSources);
      const applied = hasDuplicates ? new Set<InventoryFieldId>() : undefined;
      for (const column of ordered) {
        const value = cell(row, column.index);
        if (isBlank(value)) continue;
        if (applied !== undefined) {
          if (applied.has(column.field)) continue;
          applied.add(column.field);
        }
        applyInventoryValue(draft, column, value, applyCtx);
      }
      const host = finishHost(draft, {
        sink,
        row: row.line,
        defaultDomain: input.options.defaultDomain,
        identityColumn: identityColumns[0]?.header,
        onUnqualified: () => unqualified++,
      });
      if (host === undefined) result.rejected++;
      return host;
    },
    finish(unqualifiedElsewhere = 0) {
      const total = unqualified + unqualifiedElsewhere;
      if (total > 0) {
        sink.warning(
          `${total} host name(s) are short names and the file gives no domain for them, so they were kept unqualified. ` +
            `Add a Domain column or set the default domain for this upload.`,
        );
      }
    },
  };
}

const inventoryCsv: FormatParser = {
  id: FORMAT,
  kind: "host-inventory",
  label: "Inventory CSV (any tool; columns mapped by header name)",
  detect,
  parse,
};

export default inventoryCsv;

import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { maxRowsOf } from "../limits";
import { namesCollector } from "../json/collector-marker";
import { looksLikeJson } from "../json/parse-json";
import { readJsonFile } from "../json/read-json";
import { asText, field, isObject, jsonPath, type JsonObject } from "../json/access";
import { lowercaseSample } from "../detect-sample";
import { addComputerInfoHost, tooManyComputerInfoHosts } from "../host/computerinfo";
import { normalizeHotfixId } from "../host/hotfixes";

/**
 * `Get-ComputerInfo | ConvertTo-Json` (one object) or several hosts (`Invoke-Command ... | ConvertTo-Json`, an array).
 * Enums arrive as numbers (Windows PowerShell 5.1) or names (-EnumsAsStrings); OsHotFixes as objects with HotFixID.
 */

const FORMAT = "computerinfo-json";

const MARKERS = [
  '"WindowsProductName"',
  '"WindowsInstallationType"',
  '"WindowsBuildLabEx"',
  '"WindowsUBR"',
  '"OsName"',
  '"OsBuildNumber"',
  '"OsProductType"',
  '"OsServerLevel"',
  '"CsDomainRole"',
  '"CsTotalPhysicalMemory"',
  '"CsDNSHostName"',
  '"CsPartOfDomain"',
];

function detect(input: ParseInput): number {
  if (!looksLikeJson(input.text)) return 0;
  const sample = lowercaseSample(input);
  if (namesCollector(sample)) return 0;
  const hits = MARKERS.filter((m) => sample.includes(m.toLowerCase())).length;
  if (hits >= 4) return 0.95;
  if (hits >= 2) return 0.8;
  return hits === 1 ? 0.3 : 0;
}

/** OsHotFixes as ConvertTo-Json writes it: objects with HotFixID (depth >= 3), or strings when the depth was too small. */
function extractHotfixes(value: unknown): { ids: string[]; unreadable: number } {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const ids: string[] = [];
  let unreadable = 0;
  for (const item of items) {
    let raw: string | undefined;
    if (isObject(item)) raw = asText(field(item, "HotFixID", "HotfixId", "Id")?.value);
    else if (typeof item === "string") raw = /KB\d{5,8}/i.exec(item)?.[0] ?? item;
    const id = raw === undefined ? undefined : normalizeHotfixId(raw);
    if (id === undefined) unreadable++;
    else if (!ids.includes(id)) ids.push(id);
  }
  return { ids, unreadable };
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("host-inventory", FORMAT);
  const parsed = readJsonFile(input.text, sink);
  if (parsed === undefined) return finishResult(result, sink);
  const isArray = Array.isArray(parsed.value);
  const items: unknown[] = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const maxRows = maxRowsOf(input.options);
  if (tooManyComputerInfoHosts(items.length, maxRows, sink)) return finishResult(result, sink);
  if (items.length === 0) {
    sink.error("The JSON array is empty: there is no host to read.");
    return finishResult(result, sink);
  }
  items.forEach((item, i) => {
    const row = i + 1;
    const base = isArray ? `[${i}]` : "";
    result.records++;
    if (!isObject(item)) {
      sink.error("Expected a Get-ComputerInfo object here. The record was skipped.", { row, column: base === "" ? "$" : base });
      result.rejected++;
      return;
    }
    const obj: JsonObject = item;
    const hotfixField = field(obj, "OsHotFixes");
    let hotfixes: string[] | undefined;
    if (hotfixField !== undefined && hotfixField.value !== null) {
      const extracted = extractHotfixes(hotfixField.value);
      hotfixes = extracted.ids;
      if (extracted.unreadable > 0) {
        sink.warning(
          `${extracted.unreadable} OsHotFixes entr${extracted.unreadable === 1 ? "y has" : "ies have"} no HotFixID (ConvertTo-Json cut them off at its default depth). ` +
            `Re-run with ConvertTo-Json -Depth 4 to keep every hotfix.`,
          { row, column: jsonPath(base, hotfixField.key) },
        );
      }
    }
    addComputerInfoHost(
      result,
      {
        value(key) {
          const found = field(obj, key);
          if (found === undefined || found.value === null) return undefined;
          if (typeof found.value === "string" && found.value.trim() === "") return undefined;
          return found.value;
        },
        column(key) {
          return jsonPath(base, field(obj, key)?.key ?? key);
        },
        hotfixes,
      },
      { sink, row, defaultDomain: input.options.defaultDomain, identityColumn: jsonPath(base, "CsDNSHostName") },
    );
  });
  return finishResult(result, sink);
}

const computerInfoJson: FormatParser = {
  id: FORMAT,
  kind: "host-inventory",
  label: "Get-ComputerInfo | ConvertTo-Json",
  detect,
  parse,
};

export default computerInfoJson;

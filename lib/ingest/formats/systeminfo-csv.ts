import type { FormatParser, HostRecord, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { DETECT_WINDOW, MAX_COLUMNS, maxRowsOf } from "../limits";
import { headerKey, readCsv, type CsvRow } from "../csv/read-csv";
import { cell, csvHeaderOf, isBlank } from "../csv/csv-table";
import { looksLikeJson } from "../json/parse-json";
import { head } from "../text/lines";
import { displayValue } from "../text/display";
import { draftInvalidCell, finishHost, newHostDraft, noteSource } from "../host/host-draft";
import { repeatedHostWarner } from "../host/repeated-hosts";
import { parseOsConfiguration } from "../host/enums";
import { normalizeHotfixList } from "../host/hotfixes";
import { parseOsVersion } from "../values/os-version";
import { bytesFrom, type MemoryUnit } from "../values/memory";
import { parseGroupedInteger } from "../values/numbers";

/**
 * `systeminfo /fo csv` (one host, or several: per-host runs appended with `>>` repeat the header line before
 * each host; `/nh` runs have no header). English headers only; other languages get a clear error.
 */

const FORMAT = "systeminfo-csv";

/** The 33 English columns (Windows 8 / Server 2012 and later; older versions lack "Hyper-V Requirements"). */
export const SYSTEMINFO_COLUMNS = [
  "Host Name",
  "OS Name",
  "OS Version",
  "OS Manufacturer",
  "OS Configuration",
  "OS Build Type",
  "Registered Owner",
  "Registered Organization",
  "Product ID",
  "Original Install Date",
  "System Boot Time",
  "System Manufacturer",
  "System Model",
  "System Type",
  "Processor(s)",
  "BIOS Version",
  "Windows Directory",
  "System Directory",
  "Boot Device",
  "System Locale",
  "Input Locale",
  "Time Zone",
  "Total Physical Memory",
  "Available Physical Memory",
  "Virtual Memory: Max Size",
  "Virtual Memory: Available",
  "Virtual Memory: In Use",
  "Page File Location(s)",
  "Domain",
  "Logon Server",
  "Hotfix(s)",
  "Network Card(s)",
  "Hyper-V Requirements",
] as const;

type Column = "Host Name" | "OS Name" | "OS Version" | "OS Configuration" | "Total Physical Memory" | "Domain" | "Hotfix(s)";
const USED: readonly Column[] = ["Host Name", "OS Name", "OS Version", "OS Configuration", "Total Physical Memory", "Domain", "Hotfix(s)"];

type ColumnIndex = Map<Column, number>;

function indexHeader(fields: readonly string[]): ColumnIndex {
  const index: ColumnIndex = new Map();
  fields.forEach((field, i) => {
    const key = headerKey(field);
    const column = USED.find((c) => headerKey(c) === key);
    if (column !== undefined && !index.has(column)) index.set(column, i);
  });
  return index;
}

function isHeaderRow(fields: readonly string[]): boolean {
  return fields.length > 0 && headerKey(fields[0]) === "hostname" && fields.some((f) => headerKey(f) === "osname");
}

/** Standard column order, for `/nh` output. */
const DEFAULT_INDEX: ColumnIndex = indexHeader(SYSTEMINFO_COLUMNS);

const HOTFIX_ITEM = /\[\d+\]:\s*([^,]*)/g;
const HOTFIX_COUNT = /^\s*(\d+)\s+Hotfix/i;
const MEMORY = /^([\d.,\s\u00a0\u202f\u2009']+)\s*(KB|MB|GB)$/i;

function detect(input: ParseInput): number {
  if (looksLikeJson(input.text)) return 0;
  const sample = head(input.text, DETECT_WINDOW);
  const header = csvHeaderOf(input.text);
  if (header === undefined) return 0;
  const keys = header.map(headerKey);
  const english = keys.includes("hostname") && keys.includes("osname") && (keys.includes("hotfixs") || keys.includes("osconfiguration"));
  if (english) return 0.97;
  // Localised systeminfo: ~32 quoted columns and the packed "[01]: KB..." hotfix list.
  if (header.length >= 28 && /\[01\]: ?KB\d+/.test(sample)) return 0.7;
  return 0;
}

function parseMemoryMb(value: string): { bytes: number } | undefined {
  const match = MEMORY.exec(value.trim());
  if (!match) return undefined;
  const amount = parseGroupedInteger(match[1]);
  if (amount === undefined) return undefined;
  const unit: MemoryUnit = match[2].toUpperCase() === "KB" ? "KB" : match[2].toUpperCase() === "GB" ? "GB" : "MB";
  return { bytes: bytesFrom(amount, unit) };
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("host-inventory", FORMAT);
  const maxRows = maxRowsOf(input.options);
  const read = readCsv(input.text, { maxRecords: maxRows * 2 + 1, maxColumns: MAX_COLUMNS });
  if (!read.ok) {
    sink.error(
      read.reason === "too-many-rows"
        ? `The file has more than ${maxRows.toLocaleString("en-US")} hosts, the limit for one upload; nothing was imported. Split it into smaller files.`
        : read.reason === "too-many-columns"
          ? `${input.fileName}: ${read.message}`
          : read.message,
    );
    return finishResult(result, sink);
  }
  if (read.rows.length === 0) {
    sink.error("The file has no systeminfo data.");
    return finishResult(result, sink);
  }

  let index: ColumnIndex;
  const first = read.rows[0].fields;
  if (isHeaderRow(first)) index = indexHeader(first);
  else if ((first.length === 32 || first.length === 33) && parseOsConfiguration(first[4] ?? "") !== undefined) {
    index = DEFAULT_INDEX;
    sink.warning("The file has no header line (systeminfo /nh); the standard English column order was assumed.");
  } else {
    sink.error(
      `The first line is not the English systeminfo header ("Host Name","OS Name",...). Found: ${first
        .slice(0, 6)
        .map((f) => displayValue(f, 30))
        .join(", ")}... systeminfo prints its headers in the language of Windows; only English headers are supported. ` +
        `Run it on an English-language system, or collect with Get-ComputerInfo | ConvertTo-Json instead (its property names never change).`,
    );
    return finishResult(result, sink);
  }
  const firstIndex = index;
  const missing = USED.filter((c) => !firstIndex.has(c));
  if (missing.includes("Host Name")) {
    sink.error(`The header has no "Host Name" column, so rows cannot be matched to servers.`);
    return finishResult(result, sink);
  }
  if (missing.length > 0) {
    sink.warning(`These systeminfo columns are missing: ${missing.join(", ")}; those facts were not read.`);
  }

  const warnIfRepeated = repeatedHostWarner(sink);
  for (const row of read.rows) {
    if (isHeaderRow(row.fields)) {
      index = indexHeader(row.fields);
      continue;
    }
    if (result.records >= maxRows) {
      sink.error(`The file has more than ${maxRows.toLocaleString("en-US")} hosts, the limit for one upload; nothing was imported.`);
      return finishResult(result, sink);
    }
    result.records++;
    const host = parseRow(row, index, sink, input.options.defaultDomain);
    if (host === undefined) {
      result.rejected++;
      continue;
    }
    warnIfRepeated(host, row.line, "Host Name");
    result.hosts.push(host);
  }
  return finishResult(result, sink);
}

function parseRow(row: CsvRow, index: ColumnIndex, sink: IssueSink, defaultDomain: string | undefined): HostRecord | undefined {
  const get = (column: Column): string => {
    const i = index.get(column);
    return i === undefined ? "" : cell(row, i);
  };
  const draft = newHostDraft();
  const facts = draft.facts;

  const hostName = get("Host Name");
  if (!isBlank(hostName)) draft.identity.name = { value: hostName, column: "Host Name" };

  const caption = get("OS Name");
  if (!isBlank(caption)) {
    (facts.os ??= {}).caption = caption;
    noteSource(draft, "os.caption", "OS Name");
  }

  const versionText = get("OS Version");
  if (!isBlank(versionText)) {
    const parts = parseOsVersion(versionText);
    if (parts === undefined) draftInvalidCell(draft, "OS Version", `${displayValue(versionText)} is not a Windows version such as "10.0.17763 N/A Build 17763".`);
    else {
      const os = (facts.os ??= {});
      if (parts.version !== undefined) os.version = parts.version;
      if (parts.build !== undefined) os.build = parts.build;
      if (parts.ubr !== undefined) os.ubr = parts.ubr;
      noteSource(draft, "os", "OS Version");
    }
  }

  const configuration = get("OS Configuration");
  if (!isBlank(configuration)) {
    const role = parseOsConfiguration(configuration);
    if (role === undefined) {
      draftInvalidCell(
        draft,
        "OS Configuration",
        `${displayValue(configuration)} is not an OS configuration systeminfo prints in English (Member Server, Primary Domain Controller, Additional Domain Controller, Standalone Server, Member Workstation, Standalone Workstation).`,
      );
    } else {
      draft.domainRole = role;
      noteSource(draft, "domainMembership", "OS Configuration");
      noteSource(draft, "os.productType", "OS Configuration");
    }
  }

  const memoryText = get("Total Physical Memory");
  if (!isBlank(memoryText)) {
    const memory = parseMemoryMb(memoryText);
    if (memory === undefined) draftInvalidCell(draft, "Total Physical Memory", `${displayValue(memoryText)} is not an amount such as "15,998 MB".`);
    else {
      (facts.memory ??= {}).totalPhysicalBytes = memory.bytes;
      noteSource(draft, "memory", "Total Physical Memory");
    }
  }

  const domain = get("Domain");
  if (!isBlank(domain)) draft.identity.domain = { value: domain, column: "Domain" };

  const hotfixText = get("Hotfix(s)");
  if (!isBlank(hotfixText)) {
    const items: string[] = [];
    for (const match of hotfixText.matchAll(HOTFIX_ITEM)) items.push(match[1]);
    const list = normalizeHotfixList(items);
    facts.hotfixes = list;
    noteSource(draft, "hotfixes", "Hotfix(s)");
    const count = HOTFIX_COUNT.exec(hotfixText);
    if (count && Number(count[1]) !== items.length) {
      sink.warning(`systeminfo reports ${count[1]} hotfixes but lists ${items.length}; the list may be incomplete.`, {
        row: row.line,
        column: "Hotfix(s)",
      });
    }
  }
  return finishHost(draft, { sink, row: row.line, defaultDomain, identityColumn: "Host Name" });
}

const systeminfoCsv: FormatParser = {
  id: FORMAT,
  kind: "host-inventory",
  label: "systeminfo /fo csv",
  detect,
  parse,
};

export default systeminfoCsv;

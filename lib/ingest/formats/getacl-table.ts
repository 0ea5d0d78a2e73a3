import { ACE_PROPERTIES, type AceProperty } from "@/lib/facts";
import type { FormatParser, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { finishResult, newResult } from "../result";
import { DETECT_WINDOW, maxRowsOf } from "../limits";
import { headerKey } from "../csv/read-csv";
import { head, splitLines } from "../text/lines";
import { columnWidths, columnsFromDashes, isDashesLine, splitFixedWidth, tableSeparators, type ColumnSpan } from "../text/fixed-width";
import { buildAce, INHERITANCE_PROPERTIES, unknownInheritanceWarning } from "../acl/build-ace";
import { assembleAcls, createAclCollector, normalizeTargetDn, type AclCollector } from "../acl/assemble";
import { parseAccessType, parseAdRights } from "../acl/enums";
import { parseBoolean } from "../values/booleans";
import { normalizeGuidText } from "../values/guid";
import { bareSddlLine, isCutOff, readWrappedSddl, sddlListValue } from "../acl/sddl-lines";
import { createSddlMatcher, sddlAcesOf, type RowShape } from "../acl/sddl-merge";
import type { Ace } from "@/lib/facts";

/**
 * Console output of `Get-Acl 'AD:<dn>' | Select-Object -ExpandProperty Access | Format-Table` pasted as text:
 * a `PS C:\>` prompt line, DN lines naming the object of the table that follows, repeated header + dashes blocks,
 * right-aligned enum columns, narrow consoles dropping InheritanceFlags/PropagationFlags, `-Wrap` continuation lines,
 * and values the console cut off with "..." / "…".
 *
 * Partial tables: a table without InheritanceType (and without InheritanceFlags + PropagationFlags) is accepted; its
 * entries get inheritance "unknown" and one warning names the missing columns. When the paste also holds the
 * object's SDDL (`Sddl : …` from Format-List, or a bare `(Get-Acl …).Sddl` line, wrapped or not), rows are matched to
 * its DACL entries (sddl-merge.ts) and the SDDL supplies what the table lacks (inheritance, IsInherited, object types).
 */

const FORMAT = "getacl-table";

const PROPERTY_BY_KEY: ReadonlyMap<string, AceProperty> = new Map(ACE_PROPERTIES.map((p) => [headerKey(p), p]));
const TARGET_KEYS = new Set(["dn", "distinguishedname", "adobjectdn", "objectdn", "path"]);
const PROMPT = /^\s*(?:PS\s+[^>]*>|PS>|[A-Za-z]:\\[^>]*>)/;
const PROMPT_DN = /AD:\\?['"]?((?:CN|OU|DC|O|L)=[^'"|)]*?)['"]?\s*(?:\)|\||$)/i;
const LIST_PATH = /^\s*Path\s*:\s*(\S.*)$/i;
const DN_LINE = /^(?:CN|OU|DC|O|L)=/i;
const CUT_OFF = /(\.\.\.|…)$/;
/** Left-aligned (string / GUID) columns: wrapped chunks of these are joined without a space when the chunk filled the column. */
const LEFT_ALIGNED: ReadonlySet<AceProperty> = new Set(["IdentityReference", "ObjectType", "InheritedObjectType"]);

function detect(input: ParseInput): number {
  const sample = head(input.text, DETECT_WINDOW);
  // One native scan first: most files (every entry of a fleet archive) have no such header, and splitting them is not free.
  if (!/ActiveDirectoryRights/i.test(sample)) return 0;
  const lines = sample.split(/\r?\n|\r/);
  for (let i = 0; i + 1 < lines.length; i++) {
    if (/ActiveDirectoryRights/i.test(lines[i]) && /IdentityReference|AccessControlType/i.test(lines[i]) && isDashesLine(lines[i + 1], 3)) {
      return 0.97;
    }
  }
  return 0;
}

/** An SDDL string found in the paste, with the object it was printed for. */
interface SddlSource {
  line: number;
  target?: string;
  sddl: string;
}

interface Table {
  line: number;
  target?: string;
  spans: ColumnSpan[];
  properties: Array<AceProperty | "target" | undefined>;
  rows: Array<{ line: number; text: string }>;
}

function isHeaderAt(lines: readonly string[], i: number): ColumnSpan[] | undefined {
  const next = lines[i + 1];
  if (next === undefined || !/-{3,}/.test(next)) return undefined;
  const spans = columnsFromDashes(lines[i], next);
  if (spans === undefined) return undefined;
  const known = spans.filter((s) => PROPERTY_BY_KEY.has(headerKey(s.label))).length;
  return known >= 2 ? spans : undefined;
}

function dnOfLine(line: string): string | undefined {
  const trimmed = line.trim();
  if (!DN_LINE.test(trimmed) || /\s{2,}/.test(trimmed)) return undefined;
  return normalizeTargetDn(trimmed);
}

function isSddlLine(line: string): boolean {
  return sddlListValue(line) !== undefined || bareSddlLine(line) !== undefined;
}

function collectTables(lines: readonly string[], sink: IssueSink, sddl: SddlSource[]): Table[] {
  const tables: Table[] = [];
  let target: string | undefined;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (PROMPT.test(line)) {
      const dn = PROMPT_DN.exec(line);
      if (dn) {
        const normalized = normalizeTargetDn(dn[1]);
        if (normalized !== undefined) target = normalized;
      }
      i++;
      continue;
    }
    const spans = isHeaderAt(lines, i);
    if (spans !== undefined) {
      const table: Table = {
        line: i + 1,
        spans,
        properties: spans.map((s) => {
          const key = headerKey(s.label);
          return PROPERTY_BY_KEY.get(key) ?? (TARGET_KEYS.has(key) ? "target" : undefined);
        }),
        rows: [],
      };
      if (target !== undefined) table.target = target;
      i += 2;
      while (i < lines.length && lines[i].trim() !== "" && isHeaderAt(lines, i) === undefined && !PROMPT.test(lines[i]) && !isSddlLine(lines[i])) {
        if (dnOfLine(lines[i]) !== undefined) break;
        table.rows.push({ line: i + 1, text: lines[i] });
        i++;
      }
      tables.push(table);
      continue;
    }
    const sddlValue = sddlListValue(line) ?? bareSddlLine(line)?.sddl;
    if (sddlValue !== undefined && sddlValue.trim() !== "") {
      const bareDn = bareSddlLine(line)?.dn;
      const dnOfSddl = bareDn === undefined ? undefined : normalizeTargetDn(bareDn);
      if (dnOfSddl !== undefined) target = dnOfSddl;
      const read = readWrappedSddl(lines, i, sddlValue);
      sddl.push({ line: i + 1, sddl: read.sddl, ...(target === undefined ? {} : { target }) });
      i = read.next;
      continue;
    }
    const path = LIST_PATH.exec(line);
    if (path) {
      const normalized = normalizeTargetDn(path[1]);
      if (normalized !== undefined) target = normalized;
      i++;
      continue;
    }
    const dn = dnOfLine(line);
    if (dn !== undefined) {
      target = dn;
      i++;
      continue;
    }
    sink.warnOnce("stray-line", `Line ${i + 1} is not part of a table or a distinguished name and was ignored (first such line shown).`, {
      row: i + 1,
    });
    i++;
  }
  return tables;
}

interface LogicalRow {
  line: number;
  cells: string[];
  cutOff: Set<number>;
}

function logicalRows(table: Table, sink: IssueSink): { rows: LogicalRow[]; unsplit: number[] } {
  const texts = table.rows.map((r) => r.text);
  const separators = tableSeparators(table.spans, texts);
  const widths = columnWidths(table.spans, separators, texts.reduce((max, t) => Math.max(max, t.length), 0));
  const continuationKey = table.properties.indexOf("AccessControlType") !== -1 ? table.properties.indexOf("AccessControlType") : table.properties.indexOf("IsInherited");
  const rows: LogicalRow[] = [];
  const unsplit: number[] = [];
  for (const raw of table.rows) {
    const cells = splitFixedWidth(raw.text, table.spans, separators);
    if (cells === undefined) {
      unsplit.push(raw.line);
      continue;
    }
    const previous = rows[rows.length - 1];
    if (previous !== undefined && continuationKey !== -1 && cells[continuationKey] === "") {
      // Format-Table -Wrap continuation: append each non-empty cell to the row above.
      cells.forEach((chunk, k) => {
        if (chunk === "") return;
        const before = previous.cells[k] ?? "";
        const property = table.properties[k];
        const filled = before.length >= widths[k];
        const glue = before === "" || (property !== undefined && property !== "target" && LEFT_ALIGNED.has(property) && filled) ? "" : " ";
        previous.cells[k] = `${before}${glue}${chunk}`;
      });
      continue;
    }
    rows.push({ line: raw.line, cells, cutOff: new Set() });
  }
  for (const row of rows) row.cells.forEach((c, k) => (CUT_OFF.test(c) ? row.cutOff.add(k) : undefined));
  if (unsplit.length > 0) {
    sink.warning(`Some lines do not line up with the table's columns and were skipped (lines ${unsplit.slice(0, 10).join(", ")}).`, {
      row: unsplit[0],
    });
  }
  return { rows, unsplit };
}

interface Counts {
  records: number;
  rejected: number;
  inheritedMissing: boolean;
  unknownInheritance: number;
  missingInheritanceColumns: Set<string>;
}

/** Columns an SDDL string of the same object can supply. */
const FROM_SDDL: readonly AceProperty[] = ["InheritanceType", "IsInherited", "ObjectType", "InheritedObjectType"];

/** A DACL entry's value for a column the table lacks. */
function sddlValue(ace: Ace, property: AceProperty): string | undefined {
  switch (property) {
    case "InheritanceType":
      return ace.inheritanceType === "unknown" ? undefined : ace.inheritanceType;
    case "IsInherited":
      return ace.isInherited ? "True" : "False";
    case "ObjectType":
      return ace.objectType;
    case "InheritedObjectType":
      return ace.inheritedObjectType;
    default:
      return undefined;
  }
}

/** What a row says about itself, for matching it to a DACL entry. */
function shapeOf(value: (property: AceProperty) => string | undefined): RowShape {
  const shape: RowShape = {};
  const access = value("AccessControlType");
  if (access !== undefined) {
    const parsed = parseAccessType(access);
    if (parsed.ok) shape.accessType = parsed.value;
  }
  const rights = value("ActiveDirectoryRights");
  if (rights !== undefined) {
    const parsed = parseAdRights(rights);
    if (parsed.ok) shape.rights = parsed.value;
  }
  const objectType = value("ObjectType");
  if (objectType !== undefined) shape.objectType = normalizeGuidText(objectType);
  const inheritedObjectType = value("InheritedObjectType");
  if (inheritedObjectType !== undefined) shape.inheritedObjectType = normalizeGuidText(inheritedObjectType);
  const inherited = value("IsInherited");
  if (inherited !== undefined) shape.isInherited = parseBoolean(inherited);
  const identity = value("IdentityReference");
  if (identity !== undefined) shape.identity = identity;
  return shape;
}

/** The DACL matcher for a table that lacks columns the SDDL string of its object supplies, if the paste has one. */
function sddlMatcherFor(table: Table, lacks: readonly AceProperty[], source: SddlSource | undefined, sink: IssueSink) {
  if (lacks.length === 0 || source === undefined) return undefined;
  if (isCutOff(source.sddl)) {
    sink.warning(
      `The SDDL string on line ${source.line} was cut off by the console ("..."), so it was not used for the table on line ${table.line}. ` +
        'Print it whole: (Get-Acl "AD:<dn>").Sddl',
      { row: source.line },
    );
    return undefined;
  }
  const parsed = sddlAcesOf(source.sddl, table.target ?? source.target);
  if (!parsed.ok) {
    sink.warning(`The SDDL string on line ${source.line} could not be read (${parsed.message}), so it was not used for the table on line ${table.line}.`, {
      row: source.line,
    });
    return undefined;
  }
  return createSddlMatcher(parsed.aces);
}

function readTable(table: Table, collector: AclCollector, sink: IssueSink, counts: Counts, source: SddlSource | undefined): void {
  const { rows, unsplit } = logicalRows(table, sink);
  counts.records += unsplit.length;
  counts.rejected += unsplit.length;
  unsplit.forEach(() => collector.add(table.target, undefined));
  const index = new Map<AceProperty, number>();
  table.properties.forEach((p, k) => {
    if (p !== undefined && p !== "target" && !index.has(p)) index.set(p, k);
  });
  const targetColumn = table.properties.indexOf("target");
  const hasInheritance = index.has("InheritanceType") || (index.has("InheritanceFlags") && index.has("PropagationFlags"));
  const lacks = FROM_SDDL.filter((p) => !index.has(p) && (p !== "InheritanceType" || !hasInheritance));
  const matcher = sddlMatcherFor(table, lacks, source, sink);
  for (const row of rows) {
    counts.records++;
    let target = table.target;
    if (targetColumn !== -1 && row.cells[targetColumn] !== "") target = normalizeTargetDn(row.cells[targetColumn]) ?? target;
    const cut = [...row.cutOff].map((k) => table.spans[k].label).filter((label) => PROPERTY_BY_KEY.has(headerKey(label)));
    if (cut.length > 0) {
      for (const label of cut) {
        sink.error(
          `The console cut this value off (it ends with "..."), so it cannot be read. Re-run the command with Format-Table -Wrap -AutoSize, ` +
            `or export with Export-Csv. The row was skipped.`,
          { row: row.line, column: label },
        );
      }
      counts.rejected++;
      collector.add(target, undefined);
      continue;
    }
    const cellOf = (property: AceProperty): string | undefined => {
      const k = index.get(property);
      if (k === undefined) return undefined;
      const value = row.cells[k] ?? "";
      return value === "" ? undefined : value;
    };
    const filled = matcher?.match(shapeOf(cellOf));
    const fromSddl = (property: AceProperty): string | undefined =>
      filled !== undefined && lacks.includes(property) ? sddlValue(filled, property) : undefined;
    const built = buildAce({
      get: (property) => cellOf(property) ?? fromSddl(property),
      column(property) {
        const k = index.get(property);
        return k === undefined ? property : table.spans[k].label;
      },
      has: (property) => index.has(property) || fromSddl(property) !== undefined,
    });
    if (!built.ok) {
      for (const error of built.errors) sink.error(`${error.message} The row was skipped.`, { row: row.line, column: error.column });
      counts.rejected++;
      collector.add(target, undefined);
      continue;
    }
    for (const warning of built.warnings) sink.warning(warning.message, { row: row.line, column: warning.column });
    if (built.isInheritedAssumed) counts.inheritedMissing = true;
    if (built.inheritanceUnknown) {
      counts.unknownInheritance++;
      for (const p of INHERITANCE_PROPERTIES) if (!index.has(p)) counts.missingInheritanceColumns.add(p);
    }
    collector.add(target, built.ace);
  }
  if (matcher !== undefined && source !== undefined) {
    const unmatched = matcher.unmatched > 0 ? ` ${matcher.unmatched} row(s) matched no SDDL entry and keep what the table says.` : "";
    sink.warning(
      `The table on line ${table.line} has no ${lacks.join(", ")} column(s); for ${matcher.matched} row(s) they were taken from the SDDL string on ` +
        `line ${source.line}, matching rows to its DACL entries in order by access type, rights and object types.${unmatched}`,
      { row: table.line },
    );
  }
}

/** The SDDL string printed for a table's object: same target, or the paste's only SDDL string when either names none. */
function sddlSourceFor(table: Table, sources: readonly SddlSource[]): SddlSource | undefined {
  const key = table.target?.toLowerCase();
  const same = sources.find((s) => s.target !== undefined && s.target.toLowerCase() === key);
  if (same !== undefined) return same;
  if (sources.length === 1 && (sources[0].target === undefined || table.target === undefined)) return sources[0];
  return undefined;
}

function parse(input: ParseInput): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("gmsa-acl", FORMAT);
  const lines = splitLines(input.text);
  const sources: SddlSource[] = [];
  const tables = collectTables(lines, sink, sources);
  if (tables.length === 0) {
    sink.error(
      "No Format-Table output with an ActiveDirectoryRights header and a dashes line was found. Paste the complete console output, " +
        "or export with Export-Csv instead.",
    );
    return finishResult(result, sink);
  }
  const collector = createAclCollector();
  const counts: Counts = { records: 0, rejected: 0, inheritedMissing: false, unknownInheritance: 0, missingInheritanceColumns: new Set() };
  for (const table of tables) {
    if (table.rows.length === 0) {
      sink.warning(`The table starting on line ${table.line} has no rows.`, { row: table.line });
      continue;
    }
    readTable(table, collector, sink, counts, sddlSourceFor(table, sources));
  }
  result.records = counts.records;
  result.rejected = counts.rejected;
  const maxRows = maxRowsOf(input.options);
  if (counts.records > maxRows) {
    sink.error(`The file has more than ${maxRows.toLocaleString("en-US")} access rules, the limit for one upload; nothing was imported.`);
    return finishResult(result, sink);
  }
  if (counts.unknownInheritance > 0) {
    sink.warning(unknownInheritanceWarning(counts.unknownInheritance, INHERITANCE_PROPERTIES.filter((p) => counts.missingInheritanceColumns.has(p))));
  }
  if (counts.inheritedMissing) {
    sink.warning("A table has no IsInherited column (narrow console); its entries were treated as set directly on the object.");
  }
  const untargeted = tables.filter((t) => t.target === undefined && t.rows.length > 0);
  if (untargeted.length > 0 && tables.some((t) => t.target !== undefined) && input.options.target === undefined) {
    sink.warning(`The table on line ${untargeted[0].line} has no distinguished name line above it.`, { row: untargeted[0].line });
  }
  result.acls = assembleAcls(collector.groups(), { suggestInto: result, sink, options: input.options, ordered: true });
  return finishResult(result, sink);
}

const getAclTable: FormatParser = {
  id: FORMAT,
  kind: "gmsa-acl",
  label: "Get-Acl AD: access rules, Format-Table console output",
  detect,
  parse,
};

export default getAclTable;

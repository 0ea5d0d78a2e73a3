import type { IssueSink } from "../issues";
import { DETECT_WINDOW, MAX_COLUMNS } from "../limits";
import { readCsv, scanCsv, type CsvDelimiter, type CsvReadResult, type CsvRow } from "./read-csv";

export interface CsvTable {
  delimiter: CsvDelimiter;
  typeName?: string;
  header: CsvRow;
  /** Data records (header excluded). */
  rows: CsvRow[];
}

/**
 * Reads a CSV file into header + data rows, reporting file-level errors (unclosed quote, over the row limit, a row
 * wider than MAX_COLUMNS, header only) on the sink. Undefined when the file cannot be used at all.
 */
export function readCsvTable(text: string, sink: IssueSink, maxRows: number): CsvTable | undefined {
  let header: CsvRow | undefined;
  const rows: CsvRow[] = [];
  const read = streamCsvTable(
    text,
    maxRows,
    (first) => {
      header = first;
    },
    (row) => rows.push(row),
  );
  if (!read.ok) {
    read.report(sink);
    return undefined;
  }
  if (header === undefined) return undefined; // not when read.ok: a file without a header is a failure
  const table: CsvTable = { delimiter: read.delimiter, header, rows };
  if (read.typeName !== undefined) table.typeName = read.typeName;
  return table;
}

/** A failed read's file-level error on a sink, as readCsvTable and streamCsvTable report it (maxRows: the file's limit). */
export function reportReadFailure(sink: IssueSink, read: Exclude<CsvReadResult, { ok: true }>, maxRows: number): void {
  if (read.reason === "too-many-columns") {
    sink.error(`${sink.file}: ${read.message}`);
  } else if (read.reason === "too-many-rows") {
    sink.error(`The file has more than ${maxRows.toLocaleString("en-US")} data rows, the limit for one upload; nothing was imported. Split it into smaller files.`);
  } else {
    sink.error(read.message, { column: undefined });
  }
}

/** What streamCsvTable found; on failure, `report` puts readCsvTable's error for it on a sink. */
export type CsvTableStream = { ok: true; delimiter: CsvDelimiter; typeName?: string } | { ok: false; report: (sink: IssueSink) => void };

/**
 * readCsvTable in one pass, for large files: `onHeader` gets the header record, then `onRow` each data record as it is
 * read (none is kept). The file-level problems are readCsvTable's, found after the rows before them were handed
 * over: on failure the caller drops what it built and reports only the problem (`report`, on a fresh sink), as
 * readCsvTable would have before any row.
 */
export function streamCsvTable(text: string, maxRows: number, onHeader: (header: CsvRow) => void, onRow: (row: CsvRow) => void): CsvTableStream {
  let header: CsvRow | undefined;
  let dataRows = 0;
  const read = scanCsv(
    text,
    (row) => {
      if (header === undefined) {
        header = row;
        onHeader(row);
      } else {
        dataRows++;
        onRow(row);
      }
    },
    { maxRecords: maxRows + 1, maxColumns: MAX_COLUMNS },
  );
  if (!read.ok) return { ok: false, report: (sink) => reportReadFailure(sink, read, maxRows) };
  if (header === undefined) return { ok: false, report: (sink) => sink.error("The file has no header line and no data.") };
  if (dataRows === 0) return { ok: false, report: (sink) => sink.error("The file has a header line but no data rows.") };
  return read.typeName === undefined ? { ok: true, delimiter: read.delimiter } : { ok: true, delimiter: read.delimiter, typeName: read.typeName };
}

/** The trimmed cell, or "" when the row is shorter than the header. */
export function cell(row: CsvRow, index: number): string {
  const value = row.fields[index];
  return value === undefined ? "" : value.trim();
}

/** Values that mean "no data" in exports. */
const BLANK = /^(|n\/a|na|-|--|\(null\)|<null>|null|unknown|\?)$/i;

export function isBlank(value: string): boolean {
  return BLANK.test(value);
}

/** True when a data row repeats the header (files concatenated with their headers). */
export function isRepeatedHeader(row: CsvRow, header: CsvRow): boolean {
  if (row.fields.length !== header.fields.length) return false;
  for (let i = 0; i < row.fields.length; i++) if (row.fields[i].trim() !== header.fields[i].trim()) return false;
  return true;
}

/**
 * The header fields of a CSV file and its first data record, cheaply: reads only the first few lines (enough for
 * `#TYPE`, `sep=`, the header and one record). Undefined when the text does not start like a CSV file.
 */
export function csvHeadOf(text: string): { header: string[]; firstRow?: string[] } | undefined {
  let end = 0;
  let lines = 0;
  const limit = Math.min(text.length, DETECT_WINDOW);
  while (end < limit && lines < 6) {
    const next = text.indexOf("\n", end);
    if (next === -1 || next >= limit) {
      end = limit;
      break;
    }
    end = next + 1;
    lines++;
  }
  let read = readCsv(text.slice(0, end));
  // A quoted value with a newline may run past the lines read: retry with the header line only.
  if (!read.ok) read = readCsv(text.slice(0, Math.max(text.indexOf("\n"), 0)) || text.slice(0, limit));
  if (!read.ok || read.rows.length === 0) return undefined;
  const header = read.rows[0].fields.map((f) => f.trim());
  const second = read.rows[1];
  return second === undefined ? { header } : { header, firstRow: second.fields };
}

/** The header fields of a CSV file (see csvHeadOf). */
export function csvHeaderOf(text: string): string[] | undefined {
  return csvHeadOf(text)?.header;
}

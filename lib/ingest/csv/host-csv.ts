import type { HostRecord, ParseInput, ParseResult } from "../types";
import { createIssueSink, type IssueSink } from "../issues";
import { maxRowsOf } from "../limits";
import { finishResult, newResult } from "../result";
import { repeatedHostWarner } from "../host/repeated-hosts";
import { streamCsvTable } from "./csv-table";
import type { CsvRow } from "./read-csv";

/**
 * A host CSV format's reading of its data records, set up from the header. Each record is read on its own (counted in
 * the result's records and rejected, its issues on the sink), so the records of a large file can be read in parts on
 * two threads and the parts combined (host-csv-split.ts) into what one pass gives.
 */
export interface HostRowReader {
  /** The column named in a repeated-host warning. */
  readonly identityColumn: string | undefined;
  /** The record's host, or undefined (rejected, or a repeated header line). */
  read(row: CsvRow): HostRecord | undefined;
  /** Host names kept unqualified so far (finish reports them). */
  unqualified(): number;
  /** Issues about the whole file, once every record is read; `unqualifiedElsewhere` adds those of other parts. */
  finish(unqualifiedElsewhere?: number): void;
}

/** Sets up a format's reader from the header; undefined when the header refuses the file (its errors on the sink). */
export type HostRowReaderFactory = (header: CsvRow, input: ParseInput, sink: IssueSink, result: ParseResult) => HostRowReader | undefined;

/**
 * A host CSV file in one pass (a 50,000-row file's rows are not all kept): the header sets up the reader, then each
 * record is read as it comes. A problem with the file itself (an unclosed quote, too many rows or columns, no data rows)
 * is reported alone, as before any row: what the rows built is dropped.
 */
export function parseHostCsv(input: ParseInput, format: string, readerFor: HostRowReaderFactory): ParseResult {
  const sink = createIssueSink(input.fileName);
  const result = newResult("host-inventory", format);
  const warnIfRepeated = repeatedHostWarner(sink);
  let reader: HostRowReader | undefined;
  const read = streamCsvTable(
    input.text,
    maxRowsOf(input.options),
    (header) => {
      reader = readerFor(header, input, sink, result);
    },
    (row) => {
      const host = reader?.read(row);
      if (host === undefined) return;
      warnIfRepeated(host, row.line, reader!.identityColumn);
      result.hosts.push(host);
    },
  );
  if (!read.ok) {
    const refused = createIssueSink(input.fileName);
    read.report(refused);
    return finishResult(newResult("host-inventory", format), refused);
  }
  reader?.finish();
  return finishResult(result, sink);
}

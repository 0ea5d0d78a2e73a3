import type { HostRecord, ParseInput, ParseResult } from "../types";
import { createIssueSink } from "../issues";
import { replayEntry } from "../issue-log";
import { MAX_COLUMNS, maxRowsOf } from "../limits";
import { finishResult, newResult } from "../result";
import { markAcceptedHostFacts } from "../host/accept-host";
import { repeatedHostWarner } from "../host/repeated-hosts";
import { reportReadFailure } from "./csv-table";
import { parseHostCsv, type HostRowReaderFactory } from "./host-csv";
import { readHostCsvPart, type HostCsvPart, type HostCsvPartJob } from "./host-csv-part";
import { scanCsv, type CsvRow } from "./read-csv";

/**
 * A large host CSV read on two threads (decision 032): reading a record (its values, the host's facts, their
 * validation) is most of an upload's parse, one record at a time, while the upload worker's second core idles. The
 * records of the text's last part go to a parse thread (host-csv-part.ts) while this thread reads those before
 * it; the parts are then combined in file order, so the result is the one parseHostCsv gives in one pass (a test holds
 * them equal): the same hosts, counts and issues, the warn-once choices and the repeated-host warnings included.
 *
 * The part goes to a PartReader: a parse thread started early (it loads its code while this thread finds the split),
 * or, in tests, a function.
 */
export interface PartReader {
  /** Reads the part; undefined when it could not (this thread then reads the part itself). */
  read(job: HostCsvPartJob): Promise<HostCsvPart | undefined>;
  /** Stops the thread if it is still there (the part was not needed, or is read). */
  cancel(): void;
}

/**
 * Below this many characters (≈ 7,500 rows of the bench's inventory) one thread reads the file: the parse thread takes
 * ≈ 0.4 s to load its code, about what a 5,000-row file's whole parse takes.
 */
export const SPLIT_MIN_CHARS = 4_000_000;

/**
 * The share of the text the first thread reads. The parse thread starts later (≈ 0.4 s to load its code), reads with a
 * cold JIT, and its hosts cost a JSON round trip; balanced on the bench's 50,000-row file, it reads the smaller part.
 */
export const FIRST_PART_SHARE = 0.6;

/** The first part must hold at least this many data records (a wide file with few records is read in one pass). */
const SPLIT_MIN_RECORDS = 1_000;

export async function parseHostCsvSplit(input: ParseInput, format: string, readerFor: HostRowReaderFactory, partReader: PartReader): Promise<ParseResult> {
  const maxRows = maxRowsOf(input.options);
  // The first half's records, kept: the split point is a record boundary only a scan from the start can find.
  const rows: CsvRow[] = [];
  const first = scanCsv(input.text, (row) => rows.push(row), { maxRecords: maxRows + 1, maxColumns: MAX_COLUMNS, until: Math.floor(input.text.length * FIRST_PART_SHARE) });
  if (!first.ok || first.next === undefined || rows.length <= SPLIT_MIN_RECORDS) return parseHostCsv(input, format, readerFor);
  const header = rows[0];
  const sink = createIssueSink(input.fileName);
  const result = newResult("host-inventory", format);
  const reader = readerFor(header, input, sink, result);
  // A refused header: one pass reports it (or a problem further on that refuses the file first), reading no record.
  if (reader === undefined) return parseHostCsv(input, format, readerFor);

  const job: HostCsvPartJob = {
    format,
    fileName: input.fileName,
    options: input.options,
    header,
    text: input.text.slice(first.next.pos),
    startLine: first.next.line,
    delimiter: first.delimiter,
    maxRecords: maxRows + 1 - first.records,
    maxColumns: MAX_COLUMNS,
  };
  const second = partReader.read(job);

  const warnIfRepeated = repeatedHostWarner(sink);
  const keep = (host: HostRecord, line: number) => {
    warnIfRepeated(host, line, reader.identityColumn);
    result.hosts.push(host);
  };
  for (let index = 1; index < rows.length; index++) {
    const row = rows[index];
    const host = reader.read(row);
    if (host !== undefined) keep(host, row.line);
  }
  rows.length = 0;

  const part = (await second) ?? readHostCsvPart(job);
  if (!part.ok) {
    const refused = createIssueSink(input.fileName);
    reportReadFailure(refused, part.failure, maxRows);
    return finishResult(newResult("host-inventory", format), refused);
  }
  // The part's records in file order: each record's issues, then its host (as one pass raises and keeps them).
  const entries = part.log.entries;
  const hosts = JSON.parse(part.hostsJson) as HostRecord[];
  let next = 0;
  for (let index = 0; index < hosts.length; index++) {
    const line = part.hostLines[index];
    while (next < entries.length && entries[next].record <= line) replayEntry(entries[next++], sink);
    const host = hosts[index];
    if (part.accepted[index] === 1) markAcceptedHostFacts(host.facts);
    keep(host, line);
  }
  while (next < entries.length) replayEntry(entries[next++], sink);
  sink.countDropped(part.log.dropped);
  result.records += part.records;
  result.rejected += part.rejected;
  reader.finish(part.unqualified);
  return finishResult(result, sink);
}

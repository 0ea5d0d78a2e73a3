import type { HostRecord, ParseOptions } from "../types";
import { createLoggingSink, type IssueLog } from "../issue-log";
import { isAcceptedHostFacts } from "../host/accept-host";
import { newResult } from "../result";
import { HOST_CSV_READERS } from "../formats/host-csv-readers";
import { scanCsv, type CsvDelimiter, type CsvPosition, type CsvReadResult, type CsvRow } from "./read-csv";

/**
 * The second part of a large host CSV (host-csv-split.ts): its records read on a parse thread exactly as the one-pass
 * reader would read them, with the issues logged instead of kept (issue-log.ts), so the first thread can add the part
 * to its own in file order. Everything here is plain data: it crosses threads by structured clone.
 */
export interface HostCsvPartJob {
  /** The format's id in HOST_CSV_READERS. */
  format: string;
  fileName: string;
  options: ParseOptions;
  /** The file's header record (the reader is set up from it again; its issues are the first part's). */
  header: CsvRow;
  /** The text from the part's first record to the end of the file. */
  text: string;
  /** The part's first record: offset 0 of `text`, at this line of the file. */
  startLine: number;
  delimiter: CsvDelimiter;
  /** Records the part may hold before the file is over its row limit. */
  maxRecords: number;
  maxColumns: number;
}

export type HostCsvPart =
  | {
      ok: true;
      /** Data records read (repeated header lines excluded) and rejected, as the one-pass reader counts them. */
      records: number;
      rejected: number;
      unqualified: number;
      /**
       * The hosts (HostRecord[]) as JSON: a host's facts are plain JSON data (they are stored as such), and 25,000 of
       * them cross threads as one string in a fraction of what a structured clone of the objects costs (≈ 0.9 s).
       */
      hostsJson: string;
      /** The line of each host's record. */
      hostLines: number[];
      /** 1 where the host's facts were validated by acceptHost (the first thread marks the copies so). */
      accepted: Uint8Array;
      log: IssueLog;
    }
  /** The file cannot be read at all: the one-pass reader reports exactly this and nothing else. */
  | { ok: false; failure: Exclude<CsvReadResult, { ok: true }> };

export function readHostCsvPart(job: HostCsvPartJob): HostCsvPart {
  const readerFor = HOST_CSV_READERS.get(job.format);
  if (readerFor === undefined) throw new Error(`No host CSV reader for the format ${job.format}`);
  const sink = createLoggingSink(job.fileName);
  const result = newResult("host-inventory", job.format);
  const reader = readerFor(job.header, { fileName: job.fileName, text: job.text, options: job.options }, sink, result);
  if (reader === undefined) throw new Error("The header refused the file on the parse thread but not on the first thread");
  sink.clear();
  const hosts: HostRecord[] = [];
  const hostLines: number[] = [];
  const start: CsvPosition = { pos: 0, line: job.startLine };
  const read = scanCsv(
    job.text,
    (row) => {
      sink.readRecord(row.line);
      const host = reader.read(row);
      if (host === undefined) return;
      hosts.push(host);
      hostLines.push(row.line);
    },
    { resume: start, delimiter: job.delimiter, maxRecords: job.maxRecords, maxColumns: job.maxColumns },
  );
  if (!read.ok) return { ok: false, failure: read };
  const accepted = new Uint8Array(hosts.length);
  for (let i = 0; i < hosts.length; i++) accepted[i] = isAcceptedHostFacts(hosts[i].facts) ? 1 : 0;
  const hostsJson = JSON.stringify(hosts);
  return { ok: true, records: result.records, rejected: result.rejected, unqualified: reader.unqualified(), hostsJson, hostLines, accepted, log: sink.log() };
}

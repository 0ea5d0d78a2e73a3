import type { ParseOptions } from "../types";
import type { HostCsvPart, HostCsvPartJob } from "../csv/host-csv-part";
import type { EntryParse } from "./parse-archive";
import type { ArchiveLimits } from "./types";

/** One entry the parse thread reads: its header facts and where its compressed bytes lie in the job's buffer. */
export interface ThreadEntry {
  name: string;
  label: string;
  method: number;
  declared: number;
  crc: number;
  offset: number;
  length: number;
}

/** An archive's second half of entries (parallel-parse.ts). */
export interface ParseThreadJob {
  archiveName: string;
  /** The whole archive's size, for the inflate ratio guard. */
  archiveBytes: number;
  limits: ArchiveLimits;
  options: ParseOptions;
  formatOverride?: string;
  entries: ThreadEntry[];
  /** The entries' compressed bytes, one after the other (transferred, not copied). */
  buffer: ArrayBuffer;
}

/** The one message the parse thread receives (parse-thread.ts): an archive's entries, or a large host CSV's second part. */
export type ParseThreadMessage = { type: "archive"; job: ParseThreadJob } | { type: "host-csv-part"; job: HostCsvPartJob };

/**
 * What the parse thread answers. For an archive: the parses in entry order, in batches, then "done". For a host CSV's
 * part: its result. Either may end in "failed" instead.
 */
export type ParseThreadReply =
  | { type: "parsed"; parses: EntryParse[] }
  | { type: "done" }
  | { type: "host-csv-part"; part: HostCsvPart }
  | { type: "failed"; message: string };

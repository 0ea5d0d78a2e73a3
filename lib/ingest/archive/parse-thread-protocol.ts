import type { ParseOptions } from "../types";
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

/** The one message the parse thread receives (parse-thread.ts). */
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

/** What the parse thread answers: the parses in entry order, in batches, then "done" (or "failed"). */
export type ParseThreadReply = { type: "parsed"; parses: EntryParse[] } | { type: "done" } | { type: "failed"; message: string };

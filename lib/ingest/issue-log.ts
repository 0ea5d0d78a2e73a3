import type { IssueAt, IssueSink } from "./issues";
import { MAX_ISSUES_PER_FILE } from "./limits";
import type { ParseIssue } from "./types";

/**
 * An issue sink that writes nothing down for good: it logs each call, with the record it was made for, so that another
 * thread's sink can replay them later in file order (a large CSV's second half read on a parse thread,
 * host-csv-split.ts). Replayed into the file's own sink, the log gives that sink exactly the issues, warn-once choices
 * and dropped count it would have had from reading those records itself.
 *
 * Row-level issues past the per-file limit are only counted (the file's sink would have dropped them too: it is full by
 * then). Warn-once calls and file-level issues are always logged: a later record's key or refusal must not be lost.
 */
export interface IssueLogEntry {
  /** The record (its 1-based start line) being read when the issue was raised. */
  record: number;
  severity: ParseIssue["severity"];
  message: string;
  at?: IssueAt;
  /** The warn-once key, for warnOnce calls. */
  once?: string;
}

export interface IssueLog {
  entries: IssueLogEntry[];
  /** Row-level issues raised after `entries` held the per-file limit of them. */
  dropped: number;
}

export interface LoggingSink extends IssueSink {
  /** The record the next calls belong to. */
  readRecord(line: number): void;
  /** Everything logged since the sink was made or last cleared. */
  log(): IssueLog;
  /** Forgets what was logged (the header's issues, which the file's own sink already has). */
  clear(): void;
}

export function createLoggingSink(file: string, maxIssues = MAX_ISSUES_PER_FILE): LoggingSink {
  let entries: IssueLogEntry[] = [];
  let rowIssues = 0;
  let dropped = 0;
  let record = 0;
  let fileError = false;
  const onceKeys = new Set<string>();

  function add(severity: ParseIssue["severity"], message: string, at: IssueAt | undefined, once?: string): void {
    if (severity === "error" && at?.row === undefined) fileError = true;
    if (at?.row !== undefined && once === undefined) {
      if (rowIssues >= maxIssues) {
        dropped++;
        return;
      }
      rowIssues++;
    }
    const entry: IssueLogEntry = { record, severity, message };
    if (at !== undefined) entry.at = at;
    if (once !== undefined) entry.once = once;
    entries.push(entry);
  }

  return {
    file,
    error: (message, at) => add("error", message, at),
    warning: (message, at) => add("warning", message, at),
    warnOnce(key, message, at) {
      if (onceKeys.has(key)) return;
      onceKeys.add(key);
      add("warning", message, at, key);
    },
    countDropped(count) {
      dropped += count;
    },
    hasFileError: () => fileError,
    list: () => {
      throw new Error("A logging sink is replayed into the file's sink, not listed");
    },
    readRecord(line) {
      record = line;
    },
    log: () => ({ entries, dropped }),
    clear() {
      entries = [];
      rowIssues = 0;
      dropped = 0;
      fileError = false;
      onceKeys.clear();
    },
  };
}

/** Replays one logged call into a sink, as the code that logged it would have called that sink. */
export function replayEntry(entry: IssueLogEntry, sink: IssueSink): void {
  if (entry.once !== undefined) sink.warnOnce(entry.once, entry.message, entry.at);
  else if (entry.severity === "error") sink.error(entry.message, entry.at);
  else sink.warning(entry.message, entry.at);
}

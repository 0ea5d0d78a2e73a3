import type { ParseIssue } from "./types";
import { MAX_ISSUES_PER_FILE } from "./limits";

/** A column label (a header from the file, a JSON path) is shortened to this many characters in an issue. */
export const MAX_COLUMN_LABEL = 200;

/** Where an issue points: a 1-based row (file line or record number) and a column header / JSON path. */
export interface IssueAt {
  row?: number;
  column?: string;
}

/**
 * Collects the issues of one file. Stores up to MAX_ISSUES_PER_FILE issues and counts the rest,
 * so a file where every one of 200,000 rows is bad does not produce 200,000 objects.
 */
export interface IssueSink {
  readonly file: string;
  error(message: string, at?: IssueAt): void;
  warning(message: string, at?: IssueAt): void;
  /** A warning emitted once per key (e.g. "memory unit guessed"), however many rows trigger it. */
  warnOnce(key: string, message: string, at?: IssueAt): void;
  /** Counts row-level issues that were found elsewhere and not kept (see issue-log.ts), as if each had come past the limit. */
  countDropped(count: number): void;
  /** True when a file-level error (no row) was recorded: the whole file is refused. */
  hasFileError(): boolean;
  /** The stored issues plus, when some were dropped, a summary warning. */
  list(): ParseIssue[];
}

export function createIssueSink(file: string, maxIssues = MAX_ISSUES_PER_FILE): IssueSink {
  const stored: ParseIssue[] = [];
  const onceKeys = new Set<string>();
  let dropped = 0;
  let fileError = false;

  function add(severity: ParseIssue["severity"], message: string, at?: IssueAt): void {
    if (severity === "error" && at?.row === undefined) fileError = true;
    // File-level issues are always kept: they explain why nothing was accepted.
    if (stored.length >= maxIssues && at?.row !== undefined) {
      dropped++;
      return;
    }
    const issue: ParseIssue = { file, message, severity };
    if (at?.row !== undefined) issue.row = at.row;
    if (at?.column !== undefined) issue.column = at.column.length > MAX_COLUMN_LABEL ? `${at.column.slice(0, MAX_COLUMN_LABEL)}…` : at.column;
    stored.push(issue);
  }

  return {
    file,
    error: (message, at) => add("error", message, at),
    warning: (message, at) => add("warning", message, at),
    warnOnce(key, message, at) {
      if (onceKeys.has(key)) return;
      onceKeys.add(key);
      add("warning", message, at);
    },
    countDropped(count) {
      dropped += count;
    },
    hasFileError: () => fileError,
    list() {
      if (dropped === 0) return [...stored];
      return [
        ...stored,
        {
          file,
          severity: "warning",
          message: `${dropped} more row-level issue(s) are not listed (only the first ${maxIssues} are kept). Fix the ones shown and upload again to see the rest.`,
        },
      ];
    },
  };
}

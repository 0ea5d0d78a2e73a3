import type { ParseResult, UploadKind } from "./types";
import type { IssueSink } from "./issues";

/** An empty result for a format; parsers fill it in. */
export function newResult(kind: UploadKind, format: string): ParseResult {
  return { kind, format, hosts: [], domains: [], acls: [], records: 0, rejected: 0, issues: [] };
}

/**
 * Attaches the sink's issues. A file-level error refuses the whole file: every accepted record is dropped
 * (the issues say why), so callers never store part of a file the parser said was unusable.
 */
export function finishResult(result: ParseResult, sink: IssueSink): ParseResult {
  const finished: ParseResult = { ...result, issues: sink.list() };
  if (sink.hasFileError()) {
    finished.hosts = [];
    finished.domains = [];
    finished.acls = [];
    delete finished.tenant;
    delete finished.scope;
  }
  return finished;
}

/** A result holding one file-level error. */
export function fileErrorResult(kind: UploadKind, format: string, sink: IssueSink, message: string, column?: string): ParseResult {
  sink.error(message, column === undefined ? undefined : { column });
  return finishResult(newResult(kind, format), sink);
}

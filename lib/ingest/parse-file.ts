import { aclFactsSchema, domainFactsSchema, hostFactsSchema, scopeFactsSchema, tenantFactsSchema } from "@/lib/facts";
import type { FormatParser, HostRecord, ParseInput, ParseIssue, ParseOptions, ParseResult } from "./types";
import { decodeBytes, type TextEncodingName } from "./decode";
import { detectFormat, type DetectCandidate } from "./detect";
import { FORMAT_PARSERS } from "./formats";
import { maxRowsOf } from "./limits";
import { isAcceptedHostFacts } from "./host/accept-host";
import { HOST_CSV_READERS } from "./formats/host-csv-readers";
import { parseHostCsvSplit, SPLIT_MIN_CHARS, type PartReader } from "./csv/host-csv-split";
import { startHostCsvPartThread } from "./csv/host-csv-thread";
import { parseThreadInUse } from "./parse-thread-config";

export type ParseFileResult =
  | {
      ok: true;
      result: ParseResult;
      encoding: TextEncodingName;
      /** Detection confidence (1 when the format was chosen by the user). */
      confidence: number;
      candidates: DetectCandidate[];
    }
  | {
      ok: false;
      /** Why nothing (or not all) of the file can be used; file-level errors first. */
      issues: ParseIssue[];
      /** Present when the format was known: holds the row-level issues too. Never holds accepted records. */
      result?: ParseResult;
      encoding?: TextEncodingName;
      candidates: DetectCandidate[];
    };

function fileIssue(file: string, message: string, severity: ParseIssue["severity"] = "error"): ParseIssue {
  return { file, message, severity };
}

function hasFileError(issues: readonly ParseIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error" && issue.row === undefined);
}

/** Re-validates every accepted record against the facts schemas (defence in depth for every parser). */
function validate(result: ParseResult, file: string): ParseResult {
  const issues = [...result.issues];
  let rejected = result.rejected;
  const hosts: HostRecord[] = [];
  for (const host of result.hosts) {
    // Records built by lib/ingest/host (acceptHost) were validated against the same schema a moment ago.
    if (isAcceptedHostFacts(host.facts)) {
      hosts.push(host.row === undefined ? { facts: host.facts } : { row: host.row, facts: host.facts });
      continue;
    }
    const checked = hostFactsSchema.safeParse(host.facts);
    if (checked.success) hosts.push(host.row === undefined ? { facts: checked.data } : { row: host.row, facts: checked.data });
    else {
      rejected++;
      const issue = checked.error.issues[0];
      issues.push({
        file,
        row: host.row,
        column: issue?.path.map(String).join("."),
        message: `The host record does not match the facts model (${issue?.message ?? "invalid"}); it was skipped.`,
        severity: "error",
      });
    }
  }
  const domains = result.domains.filter((domain, i) => {
    const ok = domainFactsSchema.safeParse(domain).success;
    if (!ok) {
      rejected++;
      issues.push({ file, row: i + 1, message: "The domain record does not match the facts model; it was skipped.", severity: "error" });
    }
    return ok;
  });
  const acls = result.acls.filter((acl) => {
    const ok = aclFactsSchema.safeParse(acl).success;
    if (!ok) issues.push({ file, message: `The ACL of ${acl.targetDn ?? "an object"} does not match the facts model.`, severity: "error" });
    return ok;
  });
  const validated: ParseResult = { ...result, hosts, domains, acls, rejected, issues };
  if (result.tenant !== undefined && !tenantFactsSchema.safeParse(result.tenant).success) {
    delete validated.tenant;
    issues.push(fileIssue(file, "The tenant data does not match the facts model."));
  }
  if (result.scope !== undefined && !scopeFactsSchema.safeParse(result.scope).success) {
    delete validated.scope;
    issues.push(fileIssue(file, "The sync scope data does not match the facts model."));
  }
  return validated;
}

function withoutRecords(result: ParseResult): ParseResult {
  const empty: ParseResult = { ...result, hosts: [], domains: [], acls: [] };
  delete empty.tenant;
  delete empty.scope;
  return empty;
}

type Started =
  | { ok: true; parser: FormatParser; input: ParseInput; decodeWarnings: string[]; encoding: TextEncodingName; confidence: number; candidates: DetectCandidate[] }
  | { ok: false; failure: ParseFileResult };

/** decode -> detect (or the user's format choice). */
function start(bytes: Uint8Array, fileName: string, options: ParseOptions, formatOverride: string | undefined, parsers: readonly FormatParser[]): Started {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, failure: { ok: false, issues: [fileIssue(fileName, decoded.message)], candidates: [] } };
  const input = { fileName, text: decoded.text, options };
  const detected = detectFormat(input, formatOverride, parsers);
  if (!detected.ok) {
    return { ok: false, failure: { ok: false, issues: [fileIssue(fileName, detected.message)], encoding: decoded.encoding, candidates: detected.candidates } };
  }
  return { ok: true, parser: detected.parser, input, decodeWarnings: decoded.warnings, encoding: decoded.encoding, confidence: detected.confidence, candidates: detected.candidates };
}

/** An exception inside a parser: a file-level error, nothing imported. */
function readerFailure(parser: FormatParser, fileName: string, error: unknown): ParseResult {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    kind: parser.kind,
    format: parser.id,
    hosts: [],
    domains: [],
    acls: [],
    records: 0,
    rejected: 0,
    issues: [
      fileIssue(
        fileName,
        `The file could not be read as ${parser.label} because of an unexpected problem in the reader (${detail.slice(0, 200)}). ` +
          `Nothing was imported; please report this with the file.`,
      ),
    ],
  };
}

/** parse -> validate -> limits: the parser's result as parseFile answers it. */
function settle(started: Extract<Started, { ok: true }>, parsed: ParseResult): ParseFileResult {
  const { fileName, options } = started.input;
  const { decodeWarnings } = started;
  let result: ParseResult = { ...parsed, issues: parsed.issues.map((issue) => (issue.file === fileName ? issue : { ...issue, file: fileName })) };
  result = validate(result, fileName);

  const maxRows = maxRowsOf(options);
  if (result.records > maxRows && !hasFileError(result.issues)) {
    result.issues.push(
      fileIssue(fileName, `The file has ${result.records.toLocaleString("en-US")} records; the limit for one upload is ${maxRows.toLocaleString("en-US")}. Nothing was imported.`),
    );
  }
  if (decodeWarnings.length > 0) {
    result = { ...result, issues: [...decodeWarnings.map((w) => fileIssue(fileName, w, "warning")), ...result.issues] };
  }
  if (hasFileError(result.issues)) {
    const refused = withoutRecords(result);
    const issues = [...refused.issues].sort((a, b) => Number(a.row !== undefined) - Number(b.row !== undefined));
    return { ok: false, issues, result: refused, encoding: started.encoding, candidates: started.candidates };
  }
  return { ok: true, result, encoding: started.encoding, confidence: started.confidence, candidates: started.candidates };
}

/**
 * The single ingest entry point: decode -> detect (or the user's format choice) -> parse -> validate.
 * Never throws for bad input; an exception inside a parser becomes a file-level error.
 */
export function parseFile(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions = {},
  formatOverride?: string,
  parsers: readonly FormatParser[] = FORMAT_PARSERS,
): ParseFileResult {
  const started = start(bytes, fileName, options, formatOverride, parsers);
  if (!started.ok) return started.failure;
  const { parser, input } = started;
  let result: ParseResult;
  try {
    result = parser.parse(input);
  } catch (error) {
    result = readerFailure(parser, fileName, error);
  }
  return settle(started, result);
}

/**
 * parseFile, with a large host CSV's records read in two parts on two threads when the parse thread is on
 * (csv/host-csv-split.ts, decision 032): the same answer, sooner. Any other file is parseFile's. The thread is started
 * once the format is known, and loads its code while this thread finds where to split.
 */
export async function parseFileInParallel(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions = {},
  formatOverride?: string,
  startPartReader: (() => PartReader) | undefined = partThreadStarter(),
): Promise<ParseFileResult> {
  const started = start(bytes, fileName, options, formatOverride, FORMAT_PARSERS);
  if (!started.ok) return started.failure;
  const { parser, input } = started;
  const readerFor = HOST_CSV_READERS.get(parser.id);
  const partReader = startPartReader !== undefined && readerFor !== undefined && input.text.length >= SPLIT_MIN_CHARS ? startPartReader() : undefined;
  let result: ParseResult;
  try {
    result = readerFor !== undefined && partReader !== undefined ? await parseHostCsvSplit(input, parser.id, readerFor, partReader) : parser.parse(input);
  } catch (error) {
    result = readerFailure(parser, fileName, error);
  } finally {
    partReader?.cancel();
  }
  return settle(started, result);
}

function partThreadStarter(): (() => PartReader) | undefined {
  const script = parseThreadInUse();
  return script === undefined ? undefined : () => startHostCsvPartThread(script);
}

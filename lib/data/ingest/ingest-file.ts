import "server-only";
import { createHash } from "node:crypto";
import { parseFileInParallel } from "@/lib/ingest/parse-file";
import { type ArchiveLimits, type ContainerKind, type EntryOutcome, openArchive, parseArchiveInParallel, sniffContainer } from "@/lib/ingest/archive";
import { INVENTORY_XLSX_FORMAT, parseWorkbook, readWorkbook, type WorkbookRead } from "@/lib/ingest/xlsx";
import type { AuditActor } from "@/lib/audit/entry";
import type { GmsaSuggestion, ParseIssue, ParseOptions, ParseResult, StoredUploadKind, UploadKind } from "@/lib/ingest/types";
import { type Env, env } from "@/lib/env";
import { db } from "../db";
import { commitUpload } from "./commit-upload";
import type { IngestProgress } from "./worker/protocol";

/** Receives the stages of an ingest as they start (the upload job's progress; ignored in-process). */
export type ProgressListener = (progress: IngestProgress) => void;

interface StoredUpload {
  id: string;
  kind: string;
  format: string;
  container: string | null;
  entryCount: number;
  records: number;
  accepted: number;
  rejected: number;
  serversAffected: number;
  fileName: string;
  uploadedBy: string;
  createdAt: Date;
  optionsJson: string;
}

async function findUploadByHash(sha256: string): Promise<StoredUpload | undefined> {
  const upload = await db().upload.findUnique({
    where: { sha256 },
    select: {
      id: true,
      kind: true,
      format: true,
      container: true,
      entryCount: true,
      records: true,
      accepted: true,
      rejected: true,
      serversAffected: true,
      fileName: true,
      uploadedBy: true,
      createdAt: true,
      optionsJson: true,
    },
  });
  return upload ?? undefined;
}

/** The earlier upload of the same bytes, as an answer names it. */
function previousOf(upload: StoredUpload): PreviousUpload {
  return { id: upload.id, fileName: upload.fileName, uploadedAt: upload.createdAt.toISOString(), uploadedBy: upload.uploadedBy };
}

/** Options that change what a file's records become, as stored with the upload (Upload.optionsJson, with columnMapping). */
const STORED_OPTIONS = ["account", "target", "defaultDomain"] as const;

/**
 * The options of this request that differ from those the same bytes were committed with ("default domain: corp.example
 * -> (none)"), or [] when they read the file the same way. Options left empty in this request are not a difference.
 */
function differingOptions(upload: StoredUpload, options: ParseOptions): string[] {
  let stored: Partial<Record<(typeof STORED_OPTIONS)[number], string>> = {};
  try {
    stored = JSON.parse(upload.optionsJson) as typeof stored;
  } catch {
    stored = {};
  }
  const label = { account: "gMSA account", target: "target object", defaultDomain: "default domain" } as const;
  const differences = STORED_OPTIONS.filter((key) => (options[key] ?? "") !== "" && (options[key] ?? "") !== (stored[key] ?? "")).map(
    (key) => `${label[key]}: ${stored[key] || "(none)"} → ${options[key]}`,
  );
  const sortedJson = (mapping: Record<string, string> | undefined) => JSON.stringify(Object.entries(mapping ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const storedMapping = (stored as { columnMapping?: Record<string, string> }).columnMapping;
  if (options.columnMapping && Object.keys(options.columnMapping).length > 0 && sortedJson(options.columnMapping) !== sortedJson(storedMapping)) {
    differences.push(storedMapping ? "another column mapping" : "a column mapping (the earlier upload had none)");
  }
  return differences;
}

export interface IngestRequest {
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
  /** A format id to use instead of detection (for an archive: for every entry). */
  format?: string;
  /** The kind the user expects; a file (or any archive entry) of another kind is refused. */
  kind?: UploadKind;
  dryRun?: boolean;
  /** Commit the valid rows of a file that has row errors (the user explicitly asked). */
  allowPartial?: boolean;
  /** Workbooks: the sheet to read (name or 1-based position; default the first visible sheet). */
  sheet?: string;
  uploadedBy: { name: string; userId?: string | null };
  /** Audited as the author of the commit (default: derived from uploadedBy). */
  actor?: AuditActor;
  /** A CSV column mapping to save under a name, in the commit's transaction (never for a dry run or a refusal). */
  saveMapping?: { name: string; mapping: Record<string, string> };
}

export interface IngestIssue {
  file: string;
  row?: number;
  column?: string;
  message: string;
  severity: "error" | "warning";
}

/** One file read from an archive (or the sheet read from a workbook), as the API and the upload page show it. */
export interface IngestEntry {
  position: number;
  name: string;
  sizeBytes: number;
  format: string;
  kind: string;
  records: number;
  accepted: number;
  rejected: number;
  errors: number;
  warnings: number;
}

/** What an archive or workbook upload held; `entries` lists at most ENTRIES_LISTED (entries with errors first). */
export interface IngestArchive {
  container: ContainerKind;
  entryCount: number;
  entries: IngestEntry[];
}

/** An earlier upload of the same bytes (same SHA-256). */
export interface PreviousUpload {
  id: string;
  fileName: string;
  uploadedAt: string;
  uploadedBy: string;
}

export type IngestResponse =
  | {
      ok: true;
      /** Status "duplicate", or a dry run of bytes already committed: the upload that holds them. */
      previous?: PreviousUpload;
      id: string | null;
      kind: StoredUploadKind;
      format: string;
      status: "committed" | "dry-run" | "duplicate";
      counts: { records: number; accepted: number; rejected: number; servers: number };
      issues: IngestIssue[];
      archive?: IngestArchive;
    }
  | {
      ok: false;
      status: 400 | 409 | 413;
      code: string;
      message: string;
      issues: IngestIssue[];
      kind?: StoredUploadKind;
      format?: string;
      archive?: IngestArchive;
      /** An ACL export that does not name its gMSA: the `$` accounts among its trustees (the only one pre-fills the form). */
      suggestedGmsa?: GmsaSuggestion;
    };

/** Entries listed in a response (a 50,000-file archive is summarised; the upload's page lists them all). */
export const ENTRIES_LISTED = 500;

function toIssue(issue: ParseIssue): IngestIssue {
  return { file: issue.file, row: issue.row, column: issue.column, message: issue.message, severity: issue.severity };
}

export function archiveLimitsOf(limits: Env): ArchiveLimits {
  return {
    maxEntries: limits.ARCHIVE_MAX_ENTRIES,
    maxTotalBytes: limits.ARCHIVE_MAX_UNCOMPRESSED_BYTES,
    maxEntryBytes: limits.ARCHIVE_MAX_ENTRY_BYTES,
    maxEntryRatio: limits.ARCHIVE_MAX_ENTRY_RATIO,
    maxTotalRatio: limits.ARCHIVE_MAX_TOTAL_RATIO,
    ratioFloorBytes: 1024 * 1024,
  };
}

/** A ZIP that is an Excel workbook: by its name, or by the first part of the package ("[Content_Types].xml"). */
export function isWorkbookUpload(bytes: Uint8Array, fileName: string): boolean {
  if (sniffContainer(bytes) !== "zip") return false;
  if (/\.xls[xmb]$/i.test(fileName)) return true;
  const nameLength = bytes.length >= 30 ? bytes[26] | (bytes[27] << 8) : 0;
  return new TextDecoder().decode(bytes.subarray(30, 30 + nameLength)) === "[Content_Types].xml";
}

/** The size refusal (413) of a file over its limit (plain file or archive/workbook), before anything is parsed. */
export function uploadTooLarge(request: Pick<IngestRequest, "bytes" | "fileName">, limits: Env = env()): IngestResponse | undefined {
  return tooLarge(request, limits);
}

/** The same check for a file known by its first bytes and its size (a spooled upload, lib/http/multipart-upload.ts). */
export function spooledUploadTooLarge(file: { head: Uint8Array; size: number; fileName: string }, limits: Env = env()): IngestResponse | undefined {
  return sizeRefusal(file.fileName, file.head, file.size, limits);
}

function tooLarge(request: Pick<IngestRequest, "bytes" | "fileName">, limits: Env): IngestResponse | undefined {
  return sizeRefusal(request.fileName, request.bytes, request.bytes.byteLength, limits);
}

function sizeRefusal(fileName: string, head: Uint8Array, size: number, limits: Env): IngestResponse | undefined {
  const request = { fileName, bytes: { byteLength: size } };
  const container = sniffContainer(head);
  const max = container ? limits.ARCHIVE_MAX_BYTES : limits.UPLOAD_MAX_BYTES;
  if (size <= max) return undefined;
  const mb = (max / 1024 / 1024).toFixed(0);
  const what = container ? "archives and workbooks" : "a single file";
  return {
    ok: false,
    status: 413,
    code: "too-large",
    message: `${request.fileName} is larger than the ${mb} MB limit for ${what}.`,
    issues: [{ file: request.fileName, message: `The file is ${(request.bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the limit for ${what} is ${mb} MB.`, severity: "error" }],
  };
}

/**
 * The upload entry point for the API and the upload page: reads a workbook's sheet first (exceljs is asynchronous),
 * then ingests like ingestFile.
 */
export async function ingestUpload(request: IngestRequest & { workbook?: never }, onProgress?: ProgressListener): Promise<IngestResponse> {
  const limits = env();
  const large = tooLarge(request, limits);
  if (large) return large;
  if (!isWorkbookUpload(request.bytes, request.fileName)) return await ingestFile(request, onProgress);
  onProgress?.({ stage: "parsing" });
  const workbook = await readWorkbook(request.bytes, request.fileName, archiveLimitsOf(limits), { sheet: request.sheet, columnMapping: request.options.columnMapping });
  return await ingestFile({ ...request, workbook }, onProgress);
}

/** A parsed upload, whatever it came in: one file, a workbook's sheet, or every entry of an archive. */
interface Prepared {
  result: ParseResult;
  kind: StoredUploadKind;
  format: string;
  container?: ContainerKind;
  entries?: EntryOutcome[];
}

type Preparation = { ok: true; prepared: Prepared } | { ok: false; response: IngestResponse };

function summary(container: ContainerKind, entries: readonly EntryOutcome[]): IngestArchive {
  const withProblems = entries.filter((e) => e.errors > 0 || e.rejected > 0);
  const listed = withProblems.length >= ENTRIES_LISTED ? withProblems.slice(0, ENTRIES_LISTED) : [...withProblems, ...entries.filter((e) => !(e.errors > 0 || e.rejected > 0)).slice(0, ENTRIES_LISTED - withProblems.length)];
  listed.sort((a, b) => a.position - b.position);
  return {
    container,
    entryCount: entries.length,
    entries: listed.map(({ position, name, sizeBytes, format, kind, records, accepted, rejected, errors, warnings }) => ({ position, name, sizeBytes, format, kind, records, accepted, rejected, errors, warnings })),
  };
}

function refusal(fileName: string, issues: IngestIssue[], kind?: StoredUploadKind, format?: string, archive?: IngestArchive): IngestResponse {
  const first = issues.find((issue) => issue.severity === "error" && issue.row === undefined) ?? issues.find((issue) => issue.severity === "error") ?? issues[0];
  return { ok: false, status: 400, code: "bad-input", message: first?.message ?? `${fileName} could not be read.`, issues, kind, format, archive };
}

async function prepare(request: IngestRequest & { workbook?: WorkbookRead }, options: ParseOptions, limits: Env): Promise<Preparation> {
  const { fileName, bytes } = request;
  if (request.workbook !== undefined) {
    if (!request.workbook.ok) {
      return { ok: false, response: refusal(fileName, [{ file: fileName, message: request.workbook.message, severity: "error" }], "host-inventory", INVENTORY_XLSX_FORMAT) };
    }
    const parsed = parseWorkbook(request.workbook, fileName, options);
    const entry = (result: ParseResult | undefined, issues: readonly ParseIssue[]): EntryOutcome => ({
      position: 1,
      name: request.workbook!.ok ? request.workbook!.sheetName : "",
      sizeBytes: request.workbook!.ok ? request.workbook!.csv.length : 0,
      format: INVENTORY_XLSX_FORMAT,
      kind: "host-inventory",
      records: result?.records ?? 0,
      accepted: (result?.records ?? 0) - (result?.rejected ?? 0),
      rejected: result?.rejected ?? 0,
      errors: issues.filter((i) => i.severity === "error").length,
      warnings: issues.filter((i) => i.severity === "warning").length,
      readable: parsed.ok,
    });
    if (!parsed.ok) {
      return { ok: false, response: refusal(fileName, parsed.issues.map(toIssue), "host-inventory", INVENTORY_XLSX_FORMAT, summary("xlsx", [entry(parsed.result, parsed.issues)])) };
    }
    const prepared: Prepared = { result: parsed.result, kind: "host-inventory", format: INVENTORY_XLSX_FORMAT, container: "xlsx", entries: [entry(parsed.result, parsed.result.issues)] };
    return { ok: true, prepared };
  }

  const archiveLimits = archiveLimitsOf(limits);
  const opened = openArchive(bytes, fileName, archiveLimits);
  if (opened === undefined) {
    const parsed = await parseFileInParallel(bytes, fileName, options, request.format);
    if (!parsed.ok) {
      const response = refusal(fileName, parsed.issues.map(toIssue), parsed.result?.kind, parsed.result?.format);
      if (!response.ok && parsed.result?.suggestedGmsa !== undefined) response.suggestedGmsa = parsed.result.suggestedGmsa;
      return { ok: false, response };
    }
    return { ok: true, prepared: { result: parsed.result, kind: parsed.result.kind, format: parsed.result.format } };
  }
  if (!opened.ok) return { ok: false, response: refusal(fileName, [{ file: fileName, message: opened.message, severity: "error" }]) };
  const parsed = await parseArchiveInParallel(opened, fileName, bytes.byteLength, archiveLimits, options, request.format, request.kind);
  const archive = summary(parsed.container, parsed.entries);
  if (!parsed.ok) {
    const kind = parsed.kind === "mixed" || parsed.entries.some((e) => e.kind !== "") ? parsed.kind : undefined;
    return { ok: false, response: refusal(fileName, parsed.issues.map(toIssue), kind, kind ? parsed.format : undefined, archive) };
  }
  return { ok: true, prepared: { result: parsed.result, kind: parsed.kind, format: parsed.format, container: parsed.container, entries: parsed.entries } };
}

/**
 * upload -> parse -> (dry run | commit with evaluation). Never writes anything for a refused file. Synchronous: plain
 * files and archives (.zip, .gz, .tar.gz); a workbook must come through ingestUpload, which reads its sheet first.
 */
export async function ingestFile(request: IngestRequest & { workbook?: WorkbookRead }, onProgress?: ProgressListener): Promise<IngestResponse> {
  const limits = env();
  const { fileName } = request;
  const large = tooLarge(request, limits);
  if (large) return large;
  const sha256 = createHash("sha256").update(request.bytes).digest("hex");
  if (!request.dryRun) {
    // Fast path: the same bytes were committed before; nothing to parse or change.
    const previous = await findUploadByHash(sha256);
    if (previous) {
      const differences = differingOptions(previous, request.options);
      if (differences.length > 0) {
        const when = `${previous.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
        return {
          ok: false,
          status: 409,
          code: "duplicate-other-options",
          message: `${fileName} was already uploaded on ${when} by ${previous.uploadedBy} (as ${previous.fileName}) with other options (${differences.join("; ")}). A file is stored once: delete that upload first to read it again with these options.`,
          issues: [{ file: fileName, message: `Same bytes as upload ${previous.id}; options differ: ${differences.join("; ")}.`, severity: "error" }],
          kind: previous.kind as StoredUploadKind,
          format: previous.format,
        };
      }
      const counts = { records: previous.records, accepted: previous.accepted, rejected: previous.rejected, servers: previous.serversAffected };
      return { ok: true, id: previous.id, kind: previous.kind as StoredUploadKind, format: previous.format, status: "duplicate", counts, issues: [], previous: previousOf(previous) };
    }
  }
  if (request.workbook === undefined && isWorkbookUpload(request.bytes, fileName)) {
    return refusal(fileName, [{ file: fileName, message: `${fileName} is an Excel workbook; upload it on the upload page or through POST /api/uploads, which read workbooks.`, severity: "error" }]);
  }
  const options: ParseOptions = { maxRows: limits.UPLOAD_MAX_ROWS, ...request.options };
  if (request.workbook === undefined) onProgress?.({ stage: "parsing" });
  const preparation = await prepare(request, options, limits);
  if (!preparation.ok) return preparation.response;
  const { result, kind, format, container, entries } = preparation.prepared;
  const archive = container && entries ? summary(container, entries) : undefined;
  if (request.kind && !container && request.kind !== result.kind) {
    return { ok: false, status: 400, code: "wrong-kind", message: `${fileName} looks like ${result.kind} data (${result.format}), not ${request.kind}.`, issues: [{ file: fileName, message: `Detected ${result.format} (${result.kind}); expected ${request.kind}.`, severity: "error" }], kind, format };
  }
  if (request.kind && container === "xlsx" && request.kind !== "host-inventory") {
    return { ok: false, status: 400, code: "wrong-kind", message: `${fileName} is read as a host inventory (workbooks always are), not ${request.kind}.`, issues: [{ file: fileName, message: `Workbooks are host inventories; expected ${request.kind}.`, severity: "error" }], kind, format, archive };
  }
  const accepted = result.records - result.rejected;
  const issues = result.issues.map(toIssue);
  const counts = { records: result.records, accepted, rejected: result.rejected, servers: result.hosts.length };
  if (result.rejected > 0 && !request.allowPartial && !request.dryRun) {
    const where = container && container !== "gzip" ? `${fileName} (${archive?.entryCount ?? 0} files)` : fileName;
    return {
      ok: false,
      status: 400,
      code: "rows-rejected",
      message:
        accepted === 0
          ? `${result.rejected === 1 ? "The only record" : `All ${result.rejected} records`} in ${where} ${result.rejected === 1 ? "has" : "have"} errors; nothing was stored. Fix them and upload the file again.`
          : `${result.rejected} of ${result.records} records in ${where} have errors; nothing was stored. Fix them, or commit only the ${accepted} valid ${accepted === 1 ? "record" : "records"}.`,
      issues,
      kind,
      format,
      archive,
    };
  }
  if (accepted === 0 && !request.dryRun) {
    return { ok: false, status: 400, code: "empty", message: `${fileName} contains no usable records.`, issues, kind, format, archive };
  }
  if (request.dryRun) {
    // Bytes already committed: the preview says so (committing would change nothing), and by whom and when.
    const previous = await findUploadByHash(sha256);
    return { ok: true, id: null, kind, format, status: "dry-run", counts, issues, archive, ...(previous ? { previous: previousOf(previous) } : {}) };
  }
  onProgress?.({ stage: "evaluating", records: result.records, servers: result.hosts.length });
  const committed = await commitUpload({
    sha256,
    fileName,
    sizeBytes: request.bytes.byteLength,
    parsed: result,
    options,
    uploadedBy: request.uploadedBy,
    actor: request.actor,
    saveMapping: request.saveMapping,
    archive: container && entries ? { container, kind, format, entries } : undefined,
    onEvaluated: (servers) => onProgress?.({ stage: "committing", records: result.records, servers }),
  });
  return {
    ok: true,
    id: committed.id,
    kind,
    format,
    status: committed.status,
    counts: { ...counts, servers: committed.servers },
    issues: committed.status === "duplicate" ? [] : committed.issues.map(toIssue),
    archive,
  };
}

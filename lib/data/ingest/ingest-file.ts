import "server-only";
import { createHash } from "node:crypto";
import { parseFile } from "@/lib/ingest/parse-file";
import type { AuditActor } from "@/lib/audit/entry";
import type { ParseIssue, ParseOptions, UploadKind } from "@/lib/ingest/types";
import { env } from "@/lib/env";
import { sqlite } from "../sqlite/connection";
import { commitUpload } from "./commit-upload";

function findUploadByHash(sha256: string) {
  return sqlite().prepare("SELECT id, kind, format, records, accepted, rejected, serversAffected FROM Upload WHERE sha256 = ?").get(sha256) as
    | { id: string; kind: string; format: string; records: number; accepted: number; rejected: number; serversAffected: number }
    | undefined;
}

export interface IngestRequest {
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
  /** A format id to use instead of detection. */
  format?: string;
  /** The kind the user expects; a file of another kind is refused. */
  kind?: UploadKind;
  dryRun?: boolean;
  /** Commit the valid rows of a file that has row errors (the user explicitly asked). */
  allowPartial?: boolean;
  uploadedBy: { name: string; userId?: string | null };
  /** Audited as the author of the commit (default: derived from uploadedBy). */
  actor?: AuditActor;
}

export interface IngestIssue {
  file: string;
  row?: number;
  column?: string;
  message: string;
  severity: "error" | "warning";
}

export type IngestResponse =
  | {
      ok: true;
      id: string | null;
      kind: UploadKind;
      format: string;
      status: "committed" | "dry-run" | "duplicate";
      counts: { records: number; accepted: number; rejected: number; servers: number };
      issues: IngestIssue[];
    }
  | { ok: false; status: 400 | 413; code: string; message: string; issues: IngestIssue[]; kind?: UploadKind; format?: string };

function toIssue(issue: ParseIssue): IngestIssue {
  return { file: issue.file, row: issue.row, column: issue.column, message: issue.message, severity: issue.severity };
}

/** upload -> parse -> (dry run | commit with evaluation). Never writes anything for a refused file. */
export function ingestFile(request: IngestRequest): IngestResponse {
  const limits = env();
  const { fileName } = request;
  if (request.bytes.byteLength > limits.UPLOAD_MAX_BYTES) {
    const mb = (limits.UPLOAD_MAX_BYTES / 1024 / 1024).toFixed(0);
    return { ok: false, status: 413, code: "too-large", message: `${fileName} is larger than the ${mb} MB limit.`, issues: [{ file: fileName, message: `The file is ${(request.bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the limit is ${mb} MB.`, severity: "error" }] };
  }
  const sha256 = createHash("sha256").update(request.bytes).digest("hex");
  if (!request.dryRun) {
    // Fast path: the same bytes were committed before; nothing to parse or change.
    const previous = findUploadByHash(sha256);
    if (previous) {
      const counts = { records: previous.records, accepted: previous.accepted, rejected: previous.rejected, servers: previous.serversAffected };
      return { ok: true, id: previous.id, kind: previous.kind as UploadKind, format: previous.format, status: "duplicate", counts, issues: [] };
    }
  }
  const options: ParseOptions = { maxRows: limits.UPLOAD_MAX_ROWS, ...request.options };
  const parsed = parseFile(request.bytes, fileName, options, request.format);
  if (!parsed.ok) {
    const issues = parsed.issues.map(toIssue);
    const first = issues.find((issue) => issue.row === undefined) ?? issues[0];
    return { ok: false, status: 400, code: "bad-input", message: first?.message ?? `${fileName} could not be read.`, issues, kind: parsed.result?.kind, format: parsed.result?.format };
  }
  const result = parsed.result;
  if (request.kind && request.kind !== result.kind) {
    return { ok: false, status: 400, code: "wrong-kind", message: `${fileName} looks like ${result.kind} data (${result.format}), not ${request.kind}.`, issues: [{ file: fileName, message: `Detected ${result.format} (${result.kind}); expected ${request.kind}.`, severity: "error" }], kind: result.kind, format: result.format };
  }
  const accepted = result.records - result.rejected;
  const issues = result.issues.map(toIssue);
  const counts = { records: result.records, accepted, rejected: result.rejected, servers: result.hosts.length };
  if (result.rejected > 0 && !request.allowPartial && !request.dryRun) {
    return {
      ok: false,
      status: 400,
      code: "rows-rejected",
      message: `${result.rejected} of ${result.records} records in ${fileName} have errors; nothing was stored. Fix them, or commit only the ${accepted} valid records.`,
      issues,
      kind: result.kind,
      format: result.format,
    };
  }
  if (accepted === 0 && !request.dryRun) {
    return { ok: false, status: 400, code: "empty", message: `${fileName} contains no usable records.`, issues, kind: result.kind, format: result.format };
  }
  if (request.dryRun) {
    return { ok: true, id: null, kind: result.kind, format: result.format, status: "dry-run", counts, issues };
  }
  const committed = commitUpload({ sha256, fileName, sizeBytes: request.bytes.byteLength, parsed: result, options, uploadedBy: request.uploadedBy, actor: request.actor });
  return {
    ok: true,
    id: committed.id,
    kind: result.kind,
    format: result.format,
    status: committed.status,
    counts: { ...counts, servers: committed.servers },
    issues: committed.status === "duplicate" ? [] : committed.issues.map(toIssue),
  };
}

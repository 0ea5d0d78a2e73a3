import "server-only";
import { z } from "zod";
import type { StoredUploadKind } from "@/lib/ingest/types";
import { db } from "./db";

export interface UploadDto {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** The kind of the file, or for an archive the kind all its entries share, or "mixed". */
  kind: StoredUploadKind;
  /** The format id, or for an archive the format all its entries share, or "mixed". */
  format: string;
  /** "zip" | "gzip" | "tar.gz" | "xlsx" for an archive or a workbook; null for a plain file. */
  container: string | null;
  /** Files read from the container (0 for a plain file). */
  entryCount: number;
  producerVersion: string | null;
  uploadedBy: string;
  createdAt: string;
  counts: { records: number; accepted: number; rejected: number; servers: number };
  issues: { file: string; row?: number; column?: string; message: string; severity: "error" | "warning" }[];
}

const issuesSchema = z
  .array(
    z.object({
      file: z.string(),
      row: z.number().optional(),
      column: z.string().optional(),
      message: z.string(),
      severity: z.enum(["error", "warning"]),
    }),
  )
  .catch([]);

type UploadRow = Awaited<ReturnType<ReturnType<typeof db>["upload"]["findFirstOrThrow"]>>;

function toDto(row: UploadRow, withIssues: boolean): UploadDto {
  return {
    id: row.id,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    kind: row.kind as StoredUploadKind,
    format: row.format,
    container: row.container,
    entryCount: row.entryCount,
    producerVersion: row.producerVersion,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    counts: { records: row.records, accepted: row.accepted, rejected: row.rejected, servers: row.serversAffected },
    issues: withIssues ? issuesSchema.parse(JSON.parse(row.issuesJson)) : [],
  };
}

export async function listUploads({ take = 100, skip = 0 } = {}): Promise<{ total: number; uploads: UploadDto[] }> {
  const [total, rows] = await Promise.all([db().upload.count(), db().upload.findMany({ orderBy: { createdAt: "desc" }, take, skip })]);
  return { total, uploads: rows.map((row) => toDto(row, false)) };
}

export async function getUpload(id: string): Promise<UploadDto | null> {
  const row = await db().upload.findUnique({ where: { id } });
  return row ? toDto(row, true) : null;
}

export interface UploadContentsDto {
  /** Servers with a snapshot from this upload (at most `limit`), by FQDN, with their current verdict. */
  servers: { fqdn: string; verdict: string }[];
  serverTotal: number;
  /** Domain, gMSA ACL, tenant and sync-scope facts from this upload ("corp.contoso.com|DC=corp,..." subjects). */
  facts: { kind: string; subject: string }[];
}

/** What one upload put into the database, for its provenance page. */
export async function getUploadContents(uploadId: string, limit = 200): Promise<UploadContentsDto> {
  const [serverTotal, snapshots, facts] = await Promise.all([
    db().hostSnapshot.count({ where: { uploadId } }),
    db().hostSnapshot.findMany({
      where: { uploadId },
      select: { server: { select: { fqdn: true, verdict: true } } },
      orderBy: { server: { fqdn: "asc" } },
      take: limit,
    }),
    db().factSnapshot.findMany({ where: { uploadId }, select: { kind: true, subject: true }, orderBy: [{ kind: "asc" }, { subject: "asc" }], take: limit }),
  ]);
  return { servers: snapshots.map((s) => ({ fqdn: s.server.fqdn, verdict: s.server.verdict })), serverTotal, facts };
}

/** One file read from an archive upload (or the sheet of a workbook). Names are labels, escaped when read. */
export interface UploadEntryDto {
  position: number;
  name: string;
  sizeBytes: number;
  format: string;
  kind: string;
  records: number;
  accepted: number;
  rejected: number;
}

/** An archive upload's files in archive order, a page at a time. */
export async function listUploadEntries(uploadId: string, { take = 100, skip = 0 } = {}): Promise<{ total: number; entries: UploadEntryDto[] }> {
  const [total, rows] = await Promise.all([
    db().uploadEntry.count({ where: { uploadId } }),
    db().uploadEntry.findMany({
      where: { uploadId },
      orderBy: { position: "asc" },
      take,
      skip,
      select: { position: true, name: true, sizeBytes: true, format: true, kind: true, records: true, accepted: true, rejected: true },
    }),
  ]);
  return { total, entries: rows };
}

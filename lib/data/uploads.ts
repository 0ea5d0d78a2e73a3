import "server-only";
import { z } from "zod";
import type { UploadKind } from "@/lib/ingest/types";
import { db } from "./db";

export interface UploadDto {
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  kind: UploadKind;
  format: string;
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
    kind: row.kind as UploadKind,
    format: row.format,
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

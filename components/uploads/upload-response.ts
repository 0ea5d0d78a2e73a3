import { z } from "zod";

/** The answers of POST /api/uploads, validated in the browser before they are shown. */

export const uploadIssueSchema = z.object({
  file: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
});
export type UploadIssue = z.infer<typeof uploadIssueSchema>;

const countsSchema = z.object({ records: z.number(), accepted: z.number(), rejected: z.number(), servers: z.number() });
export type UploadCounts = z.infer<typeof countsSchema>;

const archiveSchema = z.object({
  container: z.string(),
  entryCount: z.number(),
  entries: z.array(
    z.object({
      position: z.number(),
      name: z.string(),
      sizeBytes: z.number(),
      format: z.string(),
      kind: z.string(),
      records: z.number(),
      accepted: z.number(),
      rejected: z.number(),
      errors: z.number(),
      warnings: z.number(),
    }),
  ),
});
/** What an archive or a workbook held, entry by entry (at most 500 listed). */
export type UploadArchive = z.infer<typeof archiveSchema>;

export const uploadAcceptedSchema = z.object({
  id: z.string().nullable(),
  kind: z.string(),
  format: z.string(),
  status: z.enum(["committed", "dry-run", "duplicate"]),
  counts: countsSchema,
  issues: z.array(uploadIssueSchema),
  archive: archiveSchema.optional().catch(undefined),
  /** The earlier upload of the same bytes (a duplicate, or a dry run of a file already committed). */
  previous: z.object({ id: z.string(), fileName: z.string(), uploadedAt: z.string(), uploadedBy: z.string() }).optional().catch(undefined),
});
export type UploadAccepted = z.infer<typeof uploadAcceptedSchema>;

/** An ACL export without its gMSA: the `$` accounts among its trustees; `account` when there is exactly one. */
const gmsaSuggestionSchema = z.object({ account: z.string().min(1).max(1024).optional(), candidates: z.array(z.string().max(1024)).max(50) });
export type GmsaSuggestion = z.infer<typeof gmsaSuggestionSchema>;

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.unknown()).catch([]),
    kind: z.string().optional().catch(undefined),
    format: z.string().optional().catch(undefined),
    archive: archiveSchema.optional().catch(undefined),
    suggestedGmsa: gmsaSuggestionSchema.optional().catch(undefined),
  }),
});

export interface UploadRefused {
  code: string;
  message: string;
  issues: UploadIssue[];
  /** Present when the API says what it detected (not every answer does). */
  kind?: string;
  format?: string;
  archive?: UploadArchive;
  /** The file does not name its gMSA: the `$` accounts among its trustees (one: the form pre-fills it). */
  suggestedGmsa?: GmsaSuggestion;
}

export type UploadAnswer = { ok: true; value: UploadAccepted } | { ok: false; error: UploadRefused };

/** An upload job (POST /api/uploads?async=1 answers 202 with it; GET /api/uploads/jobs/{id} follows it). */
export const uploadJobSchema = z.object({
  id: z.string().min(1),
  stage: z.enum(["queued", "parsing", "evaluating", "committing", "done", "failed"]),
  position: z.number().int().nullable(),
  records: z.number().nullable(),
  servers: z.number().nullable(),
  /** Once done or failed: the status and body the synchronous POST would have answered. */
  result: z.object({ status: z.number().int(), body: z.unknown() }).nullable(),
});
export type UploadJob = z.infer<typeof uploadJobSchema>;
/** What the page shows of a job while it runs. */
export type UploadJobProgress = Pick<UploadJob, "stage" | "position" | "records" | "servers">;

/** A job from a response body, or null when the body is not one. */
export function readUploadJob(bodyText: string): UploadJob | null {
  try {
    const parsed = uploadJobSchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A finished job's answer, read exactly like the synchronous answer. */
export function answerOfJob(job: UploadJob, fileName: string): UploadAnswer | null {
  return job.result ? readUploadAnswer(job.result.status, JSON.stringify(job.result.body), fileName) : null;
}

/** An issue of another shape (a request-validation error { path, message }) becomes a file-level error. */
function toIssue(raw: unknown, fileName: string): UploadIssue {
  const parsed = uploadIssueSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const loose = z.object({ path: z.string().optional(), message: z.string() }).safeParse(raw);
  if (loose.success) return { file: fileName, column: loose.data.path || undefined, message: loose.data.message, severity: "error" };
  return { file: fileName, message: "An issue the page could not read was reported.", severity: "error" };
}

/** Turns an HTTP status and body text into something to show; never throws. */
export function readUploadAnswer(status: number, bodyText: string, fileName: string): UploadAnswer {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (status === 201 || status === 200) {
    const accepted = uploadAcceptedSchema.safeParse(body);
    if (accepted.success) return { ok: true, value: accepted.data };
    return { ok: false, error: { code: "bad-answer", message: "The server accepted the file but its answer could not be read. Reload the page to see the uploads.", issues: [] } };
  }
  const refused = errorBodySchema.safeParse(body);
  if (refused.success) {
    const { code, message, issues, kind, format, archive, suggestedGmsa } = refused.data.error;
    return {
      ok: false,
      error: { code, message, issues: issues.map((issue) => toIssue(issue, fileName)), kind, format, ...(archive ? { archive } : {}), ...(suggestedGmsa ? { suggestedGmsa } : {}) },
    };
  }
  if (status === 0) return { ok: false, error: { code: "network", message: "The file did not reach the server (network error or the connection was closed). Try again.", issues: [] } };
  if (status === 413) return { ok: false, error: { code: "too-large", message: `${fileName} is larger than the server accepts.`, issues: [] } };
  return { ok: false, error: { code: `http-${status}`, message: `The server answered ${status} without an explanation. Try again, or check the server log.`, issues: [] } };
}

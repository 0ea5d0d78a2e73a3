import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { jobOwnerOf, uploadRequestFromParts } from "@/lib/data/ingest/upload-from-form";
import { answerOf, answerOfResponse, jobView } from "@/lib/data/ingest/worker/answer";
import { ingestQueue } from "@/lib/data/ingest/worker/ingest-queue";
import { listUploads } from "@/lib/data/uploads";
import { env } from "@/lib/env";
import { discardSpooledUpload } from "@/lib/data/ingest/worker/upload-spool";
import { formatLimit } from "@/lib/http/limited-body";
import { readMultipartUpload, spooledHead } from "@/lib/http/multipart-upload";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Room for the multipart envelope (boundaries, part headers, the other fields) around the file. */
const ENVELOPE_BYTES = 1024 * 1024;

function wantsAsync(request: Request, fields: Record<string, string>): boolean {
  const query = new URL(request.url).searchParams.get("async");
  const field = fields["async"];
  const yes = (value: unknown) => typeof value === "string" && ["1", "true", "yes"].includes(value.toLowerCase());
  return yes(query) || yes(field) || /(^|[,;\s])respond-async($|[,;\s])/i.test(request.headers.get("prefer") ?? "");
}

/**
 * Upload an export, an archive of exports (.zip, .gz, .tar.gz) or an .xlsx inventory (multipart `file`; optional kind,
 * format, dryRun, allowPartial, account, target, defaultDomain, columnMapping, mappingName, sheet). The file is parsed,
 * evaluated and committed in the ingest worker, one upload at a time. By default the request waits for the answer
 * (201, 400, 413); with `?async=1` (or the field `async=1`, or `Prefer: respond-async`) it answers 202 at once with the
 * job and its Location, GET /api/uploads/jobs/{id}.
 */
export const POST = apiRoute("upload", async (request, caller) => {
  // The larger of the two limits while the body streams in; the file's own limit (plain or archive) is applied after.
  const limit = Math.max(env().UPLOAD_MAX_BYTES, env().ARCHIVE_MAX_BYTES);
  // The file part streams straight to the upload spool (never held in memory); the fields are collected.
  const body = await readMultipartUpload(request, limit + ENVELOPE_BYTES, {
    what: "uploads",
    limitLabel: formatLimit(limit),
    fileField: "file",
    badEnvelope: "Send the export as multipart/form-data with the file in the field `file`.",
  });
  if (!body.ok) return body.response;
  const { fields, file } = body;
  let prepared;
  try {
    prepared = await uploadRequestFromParts(fields, file && { name: file.name, size: file.size, head: await spooledHead(file) }, caller);
  } catch (error) {
    if (file) discardSpooledUpload(file.path);
    throw error;
  }
  if (!prepared.ok) {
    if (file) discardSpooledUpload(file.path);
    const { status, body: refusal } = answerOfResponse(prepared.response);
    return Response.json(refusal, { status });
  }
  const queue = ingestQueue();
  const job = queue.submitSpooled(prepared.request, file!.path, jobOwnerOf(caller));
  if (wantsAsync(request, fields)) {
    const location = `/api/uploads/jobs/${encodeURIComponent(job.id)}`;
    return Response.json(jobView(job, queue.position(job)), { status: 202, headers: { Location: location } });
  }
  const { status, body: answer } = answerOf(await job.done);
  if (status === 500) return apiError(500, "ingest-failed", (answer as { error: { message: string } }).error.message);
  return Response.json(answer, { status });
});

const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** Uploads, newest first, with provenance and counts. */
export const GET = apiRoute("read", async (request) => {
  const query = listQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { total, uploads } = await listUploads({ take: query.pageSize, skip: (query.page - 1) * query.pageSize });
  return Response.json({ total, page: query.page, pageSize: query.pageSize, uploads });
});

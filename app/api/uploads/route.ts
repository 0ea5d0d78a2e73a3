import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { uploadFromForm } from "@/lib/data/ingest/upload-from-form";
import { listUploads } from "@/lib/data/uploads";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Upload an export, an archive of exports (.zip, .gz, .tar.gz) or an .xlsx inventory (multipart `file`; optional kind,
 * format, dryRun, allowPartial, account, target, defaultDomain, columnMapping, mappingName, sheet).
 */
export const POST = apiRoute("upload", async (request, caller) => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  // The larger of the two limits before the body is read; the file's own limit (plain or archive) is applied after.
  const limit = Math.max(env().UPLOAD_MAX_BYTES, env().ARCHIVE_MAX_BYTES);
  if (declared > limit + 1024 * 1024) {
    return apiError(413, "too-large", `The request is larger than the ${Math.round(limit / 1024 / 1024)} MB upload limit.`);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return apiError(400, "bad-request", "Send the export as multipart/form-data with the file in the field `file`.");
  }
  const result = await uploadFromForm(form, caller);
  if (!result.ok) {
    const detected = { ...(result.kind ? { kind: result.kind } : {}), ...(result.format ? { format: result.format } : {}), ...(result.archive ? { archive: result.archive } : {}) };
    return apiError(result.status, result.code, result.message, result.issues, detected);
  }
  const { id, kind, format, status, counts, issues, archive } = result;
  return Response.json({ id, kind, format, status, counts, issues, ...(archive ? { archive } : {}) }, { status: 201 });
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

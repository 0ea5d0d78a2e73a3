import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { getUpload, listUploadEntries } from "@/lib/data/uploads";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const query = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The files read from an archive upload (or the sheet of a workbook), in archive order; empty for a plain file. */
export const GET = apiRoute("read", async (request, _caller, context) => {
  const { id } = await context.params;
  const upload = typeof id === "string" ? await getUpload(id) : null;
  if (!upload) return apiError(404, "not-found", "No upload with that id.");
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { total, entries } = await listUploadEntries(upload.id, { take: q.pageSize, skip: (q.page - 1) * q.pageSize });
  return Response.json({ uploadId: upload.id, container: upload.container, total, page: q.page, pageSize: q.pageSize, entries });
});

import { apiError, apiRoute } from "@/lib/auth/guards";
import { mayReadJob } from "@/lib/data/ingest/upload-from-form";
import { jobView } from "@/lib/data/ingest/worker/answer";
import { ingestQueue } from "@/lib/data/ingest/worker/ingest-queue";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * An upload job of POST /api/uploads?async=1: its stage, place in the queue and counts, and once it is done the
 * answer the synchronous call would have given (`result.status`, `result.body`). Jobs are kept in memory (the last
 * 100 finished, at most 15 minutes); only the caller who submitted one, or an admin, may read it.
 */
export const GET = apiRoute("upload", async (_request, caller, context) => {
  const { id } = await context.params;
  const queue = ingestQueue();
  const job = typeof id === "string" ? queue.get(id) : undefined;
  if (!job || !mayReadJob(job.owner, caller)) {
    return apiError(404, "not-found", "No upload job with that id (finished jobs are kept for 15 minutes).");
  }
  return Response.json(jobView(job, queue.position(job)), { headers: { "Cache-Control": "no-store" } });
});

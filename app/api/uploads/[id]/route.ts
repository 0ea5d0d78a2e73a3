import { actorFromCaller } from "@/lib/audit/entry";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { deleteUpload } from "@/lib/data/ingest/delete-upload";
import { getUpload } from "@/lib/data/uploads";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function idOf(context: { params: Promise<Record<string, string | string[]>> }): Promise<string> {
  const { id } = await context.params;
  return typeof id === "string" ? id : "";
}

/** One upload with its provenance and every issue found in it. */
export const GET = apiRoute("read", async (_request, _caller, context) => {
  const upload = await getUpload(await idOf(context));
  return upload ? Response.json(upload) : apiError(404, "not-found", "No upload with that id.");
});

/** Deletes an upload, removes its facts and re-evaluates the servers it touched. */
export const DELETE = apiRoute("upload", async (_request, caller, context) => {
  const deleted = await deleteUpload(await idOf(context), actorFromCaller(caller));
  return deleted ? new Response(null, { status: 204 }) : apiError(404, "not-found", "No upload with that id.");
});

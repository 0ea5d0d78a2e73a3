import { optionalJson, waiverCaller, waiverResponse } from "@/lib/api/waiver-responses";
import { waiverVersionSchema } from "@/lib/api/waiver-schemas";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { getWaiver, revokeWaiver } from "@/lib/data/waivers";

export const dynamic = "force-dynamic";

const idOf = async (context: { params: Promise<Record<string, string | string[]>> }) => {
  const { id } = await context.params;
  return typeof id === "string" ? decodeURIComponent(id) : "";
};

/** One waiver. */
export const GET = apiRoute("read", async (_request, _caller, context) => {
  const waiver = await getWaiver(await idOf(context));
  return waiver ? Response.json(waiver) : apiError(404, "not-found", "No waiver with that id.");
});

/** Revoke a waiver: `version` (query or JSON body) required; blocker waivers: admins only. */
export const DELETE = apiRoute("plan", async (request, caller, context) => {
  const id = await idOf(context);
  if (!(await getWaiver(id))) return apiError(404, "not-found", "No waiver with that id.");
  const body = await optionalJson(request);
  if (body === null) return apiError(400, "bad-request", "The body is not JSON.");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const input = waiverVersionSchema.parse({ ...query, ...(body as object) });
  return waiverResponse(await revokeWaiver(id, input.version, waiverCaller(caller), input.reason));
});

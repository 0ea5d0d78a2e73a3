import { optionalJson, waiverCaller, waiverResponse } from "@/lib/api/waiver-responses";
import { waiverVersionSchema } from "@/lib/api/waiver-schemas";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { approveWaiver, getWaiver } from "@/lib/data/waivers";

export const dynamic = "force-dynamic";

/** Approve a pending blocker waiver: an admin other than the requester; `version` required (stale: 409). */
export const POST = apiRoute("plan", async (request, caller, context) => {
  const { id } = await context.params;
  const waiverId = typeof id === "string" ? decodeURIComponent(id) : "";
  if (!(await getWaiver(waiverId))) return apiError(404, "not-found", "No waiver with that id.");
  const body = await optionalJson(request);
  if (body === null) return apiError(400, "bad-request", "The body is not JSON.");
  const input = waiverVersionSchema.parse(body);
  return waiverResponse(await approveWaiver(waiverId, input.version, waiverCaller(caller)));
});

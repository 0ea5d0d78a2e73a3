import { waiverChangeHandler } from "@/lib/api/waiver-responses";
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
export const DELETE = apiRoute(
  "plan",
  waiverChangeHandler(waiverVersionSchema, (id, input, caller) => revokeWaiver(id, input.version, caller, input.reason), { queryToo: true }),
);

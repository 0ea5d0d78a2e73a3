import { waiverFiltersSchema, waiverRequestSchema } from "@/lib/api/waiver-schemas";
import { optionalJson, waiverCaller, waiverResponse } from "@/lib/api/waiver-responses";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { listWaivers, requestWaiver } from "@/lib/data/waivers";
import { parseWaiverExpiry } from "@/lib/readiness";

export const dynamic = "force-dynamic";

/** Waivers, newest first; filters `status` (or "renewal": expired + lapsed), `ruleId`, `server`, `domain`. */
export const GET = apiRoute("read", async (request) => {
  const filters = waiverFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ waivers: await listWaivers(filters) });
});

/** Request a waiver: warnings are active at once; blocker waivers (admins only) stay pending until another admin approves. */
export const POST = apiRoute("plan", async (request, caller) => {
  const body = await optionalJson(request);
  if (!body.ok) return body.response;
  const input = waiverRequestSchema.parse(body.value);
  const expiresAt = parseWaiverExpiry(input.expiresAt);
  if (!expiresAt) return apiError(400, "bad-request", "The expiry is not a date.", [{ path: "expiresAt", message: "Use YYYY-MM-DD or an ISO date-time." }]);
  return waiverResponse(await requestWaiver({ ...input, expiresAt }, waiverCaller(caller)), 201);
});

import { withRolloutErrors } from "@/lib/api/rollout-errors";
import { actorFromCaller } from "@/lib/audit/entry";
import { apiRoute } from "@/lib/auth/guards";
import { createWave, listWaves } from "@/lib/data/rollout/waves";
import { readJsonWithin } from "@/lib/http/limited-body";
import { JSON_BODY_MAX_BYTES } from "@/lib/http/limits";
import { waveFieldsSchema } from "@/lib/rollout/inputs";

export const dynamic = "force-dynamic";

/** Waves in order with counts per verdict and rollout status, gate and overdue count (`?archived=true` includes archived ones). */
export const GET = apiRoute("read", async (request) => {
  const archived = new URL(request.url).searchParams.get("archived");
  return Response.json({ waves: await listWaves({ includeArchived: archived === "true" || archived === "1" }) });
});

/** Creates a wave at the end of the order (leads and admins). */
export const POST = apiRoute("plan", async (request, caller) => {
  const body = await readJsonWithin(request, JSON_BODY_MAX_BYTES, { what: "a wave" });
  if (!body.ok) return body.response;
  const fields = waveFieldsSchema.parse(body.value);
  return withRolloutErrors(async () => Response.json(await createWave(fields, actorFromCaller(caller)), { status: 201 }));
});

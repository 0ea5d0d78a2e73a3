import { z } from "zod";
import { withRolloutErrors } from "@/lib/api/rollout-errors";
import { presentWaveDetail } from "@/lib/api/rollout-presenters";
import { actorFromCaller } from "@/lib/audit/entry";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { getWaveDetail } from "@/lib/data/rollout/wave-detail";
import { updateWave } from "@/lib/data/rollout/waves";
import { readJsonWithin } from "@/lib/http/limited-body";
import { JSON_BODY_MAX_BYTES } from "@/lib/http/limits";
import { waveUpdateSchema } from "@/lib/rollout/inputs";

export const dynamic = "force-dynamic";

const idSchema = z.string().min(1).max(64);
const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).catch(100).default(100),
});

/** One wave: its gate with the exact blockers (server, rule, why, remediation link) and a page of its servers. */
export const GET = apiRoute("read", async (request, _caller, context) => {
  const id = idSchema.parse((await context.params).id);
  const { page, pageSize } = pageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const detail = await getWaveDetail(id, { page, pageSize });
  if (!detail) return apiError(404, "not-found", "There is no such wave.");
  return Response.json(presentWaveDetail(detail));
});

/** Edits, reorders (`position`), archives or restores (`archived`) a wave. `version` is required; a stale one answers 409. */
export const PATCH = apiRoute("plan", async (request, caller, context) => {
  const id = idSchema.parse((await context.params).id);
  const body = await readJsonWithin(request, JSON_BODY_MAX_BYTES, { what: "a wave" });
  if (!body.ok) return body.response;
  const update = waveUpdateSchema.parse(body.value);
  return withRolloutErrors(async () => Response.json(await updateWave(id, update, actorFromCaller(caller))));
});

import { withRolloutErrors } from "@/lib/api/rollout-errors";
import { actorFromCaller } from "@/lib/audit/entry";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { updateServerRollout } from "@/lib/data/rollout/server-rollout";
import { findServerFqdn } from "@/lib/data/servers";
import { readJsonWithin } from "@/lib/http/limited-body";
import { JSON_BODY_MAX_BYTES } from "@/lib/http/limits";
import { rolloutPatchSchema } from "@/lib/rollout/inputs";

export const dynamic = "force-dynamic";

/** Changes one server's wave, status, owner, target date or note. `version` is required; a stale one answers 409 with the current state. */
export const PATCH = apiRoute("plan", async (request, caller, context) => {
  const { name } = await context.params;
  const fqdn = typeof name === "string" ? await findServerFqdn(decodeURIComponent(name)) : null;
  if (!fqdn) return apiError(404, "not-found", "No server with that FQDN (or unique NetBIOS name).");
  const body = await readJsonWithin(request, JSON_BODY_MAX_BYTES, { what: "a rollout change" });
  if (!body.ok) return body.response;
  const patch = rolloutPatchSchema.parse(body.value);
  return withRolloutErrors(async () => Response.json(await updateServerRollout(fqdn, patch, actorFromCaller(caller))));
});

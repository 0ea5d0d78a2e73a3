import { readJson, withRolloutErrors } from "@/lib/api/rollout-errors";
import { actorFromCaller } from "@/lib/audit/entry";
import { apiRoute } from "@/lib/auth/guards";
import { bulkUpdateRollout } from "@/lib/data/rollout/bulk";
import { rolloutBulkSchema } from "@/lib/rollout/inputs";

export const dynamic = "force-dynamic";

/**
 * One change (wave, status, owner, target date, note) for a selection (`{ servers: [...] }`, FQDN or NetBIOS) or for
 * every server matching a Servers-page filter (`{ filter: "readiness=ready&domain=corp.contoso.com" }`). All or nothing.
 */
export const POST = apiRoute("plan", async (request, caller) => {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const { selection, change } = rolloutBulkSchema.parse(body.body);
  return withRolloutErrors(async () => Response.json(await bulkUpdateRollout(selection, change, actorFromCaller(caller))));
});

import { withRolloutErrors } from "@/lib/api/rollout-errors";
import { actorFromCaller } from "@/lib/audit/entry";
import { apiRoute } from "@/lib/auth/guards";
import { bulkUpdateRollout } from "@/lib/data/rollout/bulk";
import { readJsonWithin } from "@/lib/http/limited-body";
import { BULK_BODY_MAX_BYTES } from "@/lib/http/limits";
import { rolloutBulkSchema } from "@/lib/rollout/inputs";

export const dynamic = "force-dynamic";

/**
 * One change (wave, status, owner, target date, note) for a selection (`{ servers: [...] }`, FQDN or NetBIOS) or for
 * every server matching a Servers-page filter (`{ filter: "readiness=ready&domain=corp.contoso.com" }`). All or nothing.
 * The body may be as large as the largest valid selection (BULK_BODY_MAX_BYTES, ≈ 12 MB); past it, 413.
 */
export const POST = apiRoute("plan", async (request, caller) => {
  const body = await readJsonWithin(request, BULK_BODY_MAX_BYTES, { what: "a bulk change" });
  if (!body.ok) return body.response;
  const { selection, change } = rolloutBulkSchema.parse(body.value);
  return withRolloutErrors(async () => Response.json(await bulkUpdateRollout(selection, change, actorFromCaller(caller))));
});

import { presentRules } from "@/lib/api/presenters";
import { apiRoute } from "@/lib/auth/guards";
import { listRuleCounts } from "@/lib/data/fleet-summary";

export const dynamic = "force-dynamic";

/** The rules catalogue with how many servers pass, fail, are unknown or waived on each. */
export const GET = apiRoute("read", async () => Response.json(presentRules(await listRuleCounts())));

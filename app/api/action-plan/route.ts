import { z } from "zod";
import { actionPlanSchema } from "@/lib/api/action-plan-schemas";
import { apiRoute } from "@/lib/auth/guards";
import { getActionPlan } from "@/lib/data/action-plan";

export const dynamic = "force-dynamic";

const querySchema = z.object({ domain: z.string().trim().max(255).optional() });

/** The action plan: fixes ranked by servers they unblock, and the cumulative plan (optionally for one domain). */
export const GET = apiRoute("read", async (request) => {
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(actionPlanSchema.parse(await getActionPlan({ domain: query.domain || null })));
});

import { presentSummary } from "@/lib/api/presenters";
import { apiRoute } from "@/lib/auth/guards";
import { getFleetSummary } from "@/lib/data/fleet-summary";
import { getReadinessByWave } from "@/lib/data/rollout/progress";

export const dynamic = "force-dynamic";

/** Counts per readiness, per rule, per domain and per wave, and data freshness. */
export const GET = apiRoute("read", async () => {
  const [summary, byWave] = await Promise.all([getFleetSummary(), getReadinessByWave()]);
  return Response.json(presentSummary(summary, byWave));
});

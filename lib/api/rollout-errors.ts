import "server-only";
import { apiError } from "@/lib/auth/guards";
import { NotFoundError, RolloutRuleError, StaleVersionError } from "@/lib/data/rollout/errors";

/** Expected rollout failures as API answers: 404, 409 with the current state and who changed it, 400 naming the field. Null for anything else. */
export function rolloutErrorResponse(error: unknown): Response | null {
  if (error instanceof NotFoundError) return apiError(404, "not-found", error.message);
  if (error instanceof StaleVersionError) {
    return apiError(409, "stale-version", error.message, [], { current: error.current, changedBy: error.changedBy, changedAt: error.changedAt });
  }
  if (error instanceof RolloutRuleError) return apiError(400, "invalid", error.message, [{ path: error.field ?? "", message: error.message }]);
  return null;
}

/** Runs `work`, answering expected rollout failures; anything else propagates to apiRoute (400 for zod, 500 otherwise). */
export async function withRolloutErrors(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const answer = rolloutErrorResponse(error);
    if (answer) return answer;
    throw error;
  }
}

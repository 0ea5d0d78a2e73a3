import "server-only";
import { apiError } from "@/lib/auth/guards";
import type { Caller } from "@/lib/auth/caller";
import type { WaiverCaller, WaiverOutcome } from "@/lib/data/waivers";

/** The caller as the waiver rules see it (role and identity). */
export function waiverCaller(caller: Caller): WaiverCaller {
  return caller.kind === "session"
    ? { kind: "session", userId: caller.userId, email: caller.email, role: caller.role }
    : { kind: "token", tokenId: caller.tokenId, name: caller.name, role: caller.role };
}

/** A waiver change as an API answer: the waiver, or the error (409 with the current state). */
export function waiverResponse(outcome: WaiverOutcome, okStatus = 200): Response {
  if (outcome.ok) return Response.json(outcome.waiver, { status: okStatus });
  return apiError(outcome.status, outcome.code, outcome.message, [], outcome.current ? { current: outcome.current } : {});
}

/** A JSON body, or {} when there is none; null when it is not JSON. */
export async function optionalJson(request: Request): Promise<unknown | null> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

import "server-only";
import { apiError } from "@/lib/auth/guards";
import type { Caller } from "@/lib/auth/caller";
import type { WaiverCaller, WaiverOutcome } from "@/lib/data/waivers";
import { type BodyResult, readJsonWithin } from "@/lib/http/limited-body";
import { JSON_BODY_MAX_BYTES } from "@/lib/http/limits";

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

/** A JSON body of at most JSON_BODY_MAX_BYTES (413 past it, counted while it streams), or {} when there is none; 400 when it is not JSON. */
export function optionalJson(request: Request): Promise<BodyResult<unknown>> {
  return readJsonWithin(request, JSON_BODY_MAX_BYTES, { what: "a waiver", empty: {} });
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * POST/DELETE handlers that change one waiver (approve, reject, revoke): the id from the path, the JSON body (and,
 * for DELETE, the query) validated by `schema`, then `change`; its outcome becomes the answer (404, 403, 409 with the
 * current state, or the waiver).
 */
export function waiverChangeHandler<T>(
  schema: { parse: (value: unknown) => T },
  change: (id: string, input: T, caller: WaiverCaller) => Promise<WaiverOutcome>,
  options: { queryToo?: boolean } = {},
): (request: Request, caller: Caller, context: RouteContext) => Promise<Response> {
  return async (request, caller, context) => {
    const { id } = await context.params;
    const waiverId = typeof id === "string" ? decodeURIComponent(id) : "";
    const body = await optionalJson(request);
    if (!body.ok) return body.response;
    const query = options.queryToo ? Object.fromEntries(new URL(request.url).searchParams) : {};
    const input = schema.parse({ ...query, ...(body.value as object) });
    return waiverResponse(await change(waiverId, input, waiverCaller(caller)));
  };
}

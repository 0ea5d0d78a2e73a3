import "server-only";
import { forbidden, unauthorized } from "next/navigation";
import { z } from "zod";
import { type Caller, getSessionCallerFromCookies, resolveCallerFromRequest } from "./caller";
import { configuredTrustedProxies, requestHostFrom } from "./client-address";
import { can, type Permission } from "./roles";

/** Pages: 401 (sign-in prompt) without a session, 403 when the role lacks the permission. */
export async function requirePage(permission: Permission): Promise<Caller> {
  const caller = await getSessionCallerFromCookies();
  if (!caller) unauthorized();
  if (!can(caller.role, permission)) forbidden();
  return caller;
}

/** zod's issues as the API reports them: `[{ path: "readiness", message: "…" }]`. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/** The one error shape of the API; `extra` adds machine-readable context (e.g. the detected kind/format). */
export function apiError(status: number, code: string, message: string, issues: unknown[] = [], extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, issues, ...extra } }, { status });
}

function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** The Origin header names the host the browser addressed (X-Forwarded-Host only from TRUSTED_PROXIES). */
function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = requestHostFrom(request.headers, configuredTrustedProxies());
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Route handlers: wraps a handler with authentication (401), authorization (403),
 * zod validation errors (400) and unexpected errors (500, logged), all as JSON.
 */
export function apiRoute(
  permission: Permission,
  handler: (request: Request, caller: Caller, context: RouteContext) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const resolved = await resolveCallerFromRequest(request);
      const caller = resolved.caller;
      if (!caller) {
        const refusal = "refusal" in resolved ? resolved.refusal : null;
        return apiError(401, refusal?.code ?? "unauthorized", refusal?.message ?? "Sign in, or send an API token as `Authorization: Bearer <token>`.");
      }
      if (!can(caller.role, permission)) {
        return apiError(403, "forbidden", `The ${caller.role} role may not do this (needs "${permission}").`);
      }
      if (caller.kind === "session" && !isSafeMethod(request.method) && !isSameOrigin(request)) {
        // Cookie-authenticated writes must come from our own pages (bearer tokens cannot be forged cross-site).
        return apiError(403, "cross-origin", "Cross-origin requests with a session cookie are refused; use an API token.");
      }
      return await handler(request, caller, context);
    } catch (error) {
      if (error instanceof z.ZodError) {
        return apiError(400, "bad-request", "The request is not valid.", zodIssues(error));
      }
      console.error("[api] unexpected error", error);
      return apiError(500, "internal", "Unexpected server error. It has been logged.");
    }
  };
}

import "server-only";
import { getSessionCaller } from "@/lib/data/sessions";
import { resolveApiToken, type TokenResolution } from "@/lib/data/api-tokens";
import { env } from "@/lib/env";
import type { Role } from "./roles";
import { readSessionCookie, sessionSecretFromRequest } from "./session-cookie";

/** Who is calling: a signed-in person (browser session) or an automation client (API token). */
export type Caller =
  | { kind: "session"; userId: string; email: string; name: string; role: Role }
  | { kind: "token"; tokenId: string; name: string; role: Role };

async function fromSessionSecret(secret: string | undefined): Promise<Caller | null> {
  if (!secret) return null;
  const session = await getSessionCaller(secret, env().SESSION_TTL_HOURS);
  return session ? { kind: "session", userId: session.userId, email: session.email, name: session.name, role: session.role } : null;
}

/** Pages and server actions: the session cookie only. */
export async function getSessionCallerFromCookies(): Promise<Caller | null> {
  return fromSessionSecret(await readSessionCookie());
}

/** Why a request with credentials is anonymous, worded for the API's 401 (`code`, `message`). */
export interface CallerRefusal {
  code: "unauthorized" | "token-revoked" | "token-expired" | "token-owner-disabled";
  message: string;
}

function tokenRefusal(resolution: Extract<TokenResolution, { ok: false }>): CallerRefusal {
  switch (resolution.reason) {
    case "revoked":
      return { code: "token-revoked", message: "This API token was revoked. Create a new one in Settings → API tokens." };
    case "expired":
      return { code: "token-expired", message: `This API token expired on ${resolution.expiresAt}. Create a new one in Settings → API tokens.` };
    case "owner-disabled":
      return { code: "token-owner-disabled", message: "The account that created this API token is disabled, so the token is refused." };
    default:
      return { code: "unauthorized", message: "The API token is not valid." };
  }
}

/**
 * Route handlers: `Authorization: Bearer <token>` first, else the session cookie.
 * A malformed, unknown, revoked, expired or disowned bearer token is refused (no fallback to the cookie), with why.
 */
export async function resolveCallerFromRequest(request: Request): Promise<{ caller: Caller } | { caller: null; refusal: CallerRefusal | null }> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) return { caller: null, refusal: { code: "unauthorized", message: "Send the API token as `Authorization: Bearer <token>`." } };
    const resolution = await resolveApiToken(match[1]);
    if (!resolution.ok) return { caller: null, refusal: tokenRefusal(resolution) };
    const token = resolution.caller;
    return { caller: { kind: "token", tokenId: token.tokenId, name: token.name, role: token.role } };
  }
  const caller = await fromSessionSecret(sessionSecretFromRequest(request));
  return caller ? { caller } : { caller: null, refusal: null };
}

export async function getCallerFromRequest(request: Request): Promise<Caller | null> {
  return (await resolveCallerFromRequest(request)).caller;
}

import "server-only";
import { getSessionCaller } from "@/lib/data/sessions";
import { getTokenCaller } from "@/lib/data/api-tokens";
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

/**
 * Route handlers: `Authorization: Bearer <token>` first, else the session cookie.
 * A malformed or unknown bearer token is rejected (no fallback to the cookie).
 */
export async function getCallerFromRequest(request: Request): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) return null;
    const token = await getTokenCaller(match[1]);
    return token ? { kind: "token", tokenId: token.tokenId, name: token.name, role: token.role } : null;
  }
  return fromSessionSecret(sessionSecretFromRequest(request));
}

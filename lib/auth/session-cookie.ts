import "server-only";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";

export const SESSION_COOKIE = "csr_session";

/** Secure when configured, or in "auto" mode when the browser reached us over HTTPS. */
async function shouldBeSecure(): Promise<boolean> {
  const setting = env().COOKIE_SECURE;
  if (setting !== "auto") return setting === "true";
  const h = await headers();
  const origin = h.get("origin");
  if (origin) return origin.startsWith("https://");
  return (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}

export async function setSessionCookie(secret: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: await shouldBeSecure(),
    path: "/",
    expires: expiresAt,
  });
}

/**
 * Our secrets are 32 random bytes in base64url (43 characters). Anything else in the cookie (malformed, oversized,
 * tampered) is no session at all: the request is anonymous, never an error.
 */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function wellFormedSecret(value: string | undefined): string | undefined {
  return value !== undefined && SECRET_PATTERN.test(value) ? value : undefined;
}

export async function readSessionCookie(): Promise<string | undefined> {
  return wellFormedSecret((await cookies()).get(SESSION_COOKIE)?.value);
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/** Reads the session cookie from a raw request (route handlers); a malformed value reads as no cookie. */
export function sessionSecretFromRequest(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    // Our secrets need no decoding (base64url); a value that is not one of them is ignored, never decoded.
    return wellFormedSecret(rest.join("=").trim());
  }
  return undefined;
}

/** The device cookie (decision 015): marks a browser where an account signed in before. Long-lived, httpOnly. */
export const DEVICE_COOKIE = "csr_device";

export async function readDeviceCookie(): Promise<string | undefined> {
  return wellFormedSecret((await cookies()).get(DEVICE_COOKIE)?.value);
}

export async function setDeviceCookie(secret: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE, secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: await shouldBeSecure(),
    path: "/",
    expires: expiresAt,
  });
}

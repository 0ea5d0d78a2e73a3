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

export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/** Reads the session cookie from a raw request (route handlers). */
export function sessionSecretFromRequest(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

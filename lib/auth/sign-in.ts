import "server-only";
import { finishSignInAttempt, reserveSignInAttempt } from "@/lib/data/login-attempts";
import { createSession } from "@/lib/data/sessions";
import { rememberSignInDevice } from "@/lib/data/sign-in-devices";
import { getUserCredentials, type UserDto } from "@/lib/data/users";
import { env } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "./password";
import { sha256Hex } from "./secrets";
import { BASE_DELAY_MS, retryText, type ThrottleConfig } from "./throttle";

export type SignInResult =
  | { ok: true; user: UserDto; secret: string; expiresAt: Date; device: { secret: string; expiresAt: Date } }
  | { ok: false; reason: "invalid" | "rate-limited"; message: string; retryAfterMs?: number };

/** Where the attempt comes from: the client address (lib/auth/client-address.ts) and the device cookie, if any. */
export interface SignInFrom {
  ip: string;
  deviceSecret?: string;
}

export function throttleConfig(): ThrottleConfig {
  const config = env();
  return {
    maxPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerClient: config.LOGIN_MAX_FAILURES_PER_IP,
    windowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
    baseDelayMs: BASE_DELAY_MS,
  };
}

/**
 * Verifies email + password under the throttling of decision 015 (known devices apart; per client and per account
 * delays for everyone else). The check and the record are one transaction. The same message is given for an unknown
 * email, a wrong password and a disabled account.
 */
export async function signIn(email: string, password: string, fromClient: SignInFrom | string): Promise<SignInResult> {
  const from = typeof fromClient === "string" ? { ip: fromClient } : fromClient; // a string: the address alone
  const key = email.trim().toLowerCase();
  const client = { key, ip: from.ip, deviceHash: from.deviceSecret ? sha256Hex(from.deviceSecret) : null };
  const reservation = await reserveSignInAttempt(client, throttleConfig());
  if (!reservation.allowed) {
    return { ok: false, reason: "rate-limited", message: retryText(reservation.retryAfterMs), retryAfterMs: reservation.retryAfterMs };
  }
  const finished = { ...client, knownDevice: reservation.knownDevice };
  let valid = false;
  let credentials: Awaited<ReturnType<typeof getUserCredentials>> = null;
  try {
    credentials = await getUserCredentials(key);
    valid = credentials
      ? await verifyPassword(credentials.passwordHash, password)
      : (await verifyPassword(await dummyPasswordHash(), password), false);
  } finally {
    // Reached on errors too: the reserved attempt stays a failure, with its audit entry.
    const success = valid && credentials !== null && !credentials.user.disabled;
    await finishSignInAttempt(reservation.attemptId, finished, success);
  }
  if (!credentials || !valid || credentials.user.disabled) {
    return { ok: false, reason: "invalid", message: "The email or password is not correct." };
  }
  const session = await createSession(credentials.user.id, env().SESSION_TTL_HOURS);
  const device = await rememberSignInDevice(credentials.user.id, from.deviceSecret ?? null);
  return { ok: true, user: credentials.user, ...session, device };
}

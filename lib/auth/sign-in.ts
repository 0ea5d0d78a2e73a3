import "server-only";
import { countRecentFailures, recordLoginAttempt, recordRateLimitedSignIn } from "@/lib/data/login-attempts";
import { createSession } from "@/lib/data/sessions";
import { getUserCredentials, type UserDto } from "@/lib/data/users";
import { env } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "./password";

export type SignInResult =
  | { ok: true; user: UserDto; secret: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "rate-limited"; message: string };

/**
 * Verifies email + password with rate limiting per account and per client address.
 * The same message is given for an unknown email and a wrong password.
 */
export async function signIn(email: string, password: string, ip: string): Promise<SignInResult> {
  const config = env();
  const key = email.trim().toLowerCase();
  const failures = await countRecentFailures(key, ip, config.LOGIN_WINDOW_MINUTES);
  if (failures.forKey >= config.LOGIN_MAX_FAILURES_PER_ACCOUNT || failures.forIp >= config.LOGIN_MAX_FAILURES_PER_IP) {
    await recordRateLimitedSignIn(key, ip);
    return {
      ok: false,
      reason: "rate-limited",
      message: `Too many failed sign-ins. Try again in ${config.LOGIN_WINDOW_MINUTES} minutes.`,
    };
  }
  const credentials = await getUserCredentials(key);
  const valid = credentials
    ? await verifyPassword(credentials.passwordHash, password)
    : (await verifyPassword(await dummyPasswordHash(), password), false);
  if (!credentials || !valid || credentials.user.disabled) {
    await recordLoginAttempt(key, ip, false);
    return { ok: false, reason: "invalid", message: "The email or password is not correct." };
  }
  await recordLoginAttempt(key, ip, true);
  const session = await createSession(credentials.user.id, config.SESSION_TTL_HOURS);
  return { ok: true, user: credentials.user, ...session };
}

import "server-only";
import { newSessionSecret, sha256Hex } from "@/lib/auth/secrets";
import { sqlJobs } from "./sql-jobs";

// The known browsers of each account (decision 015). A device cookie proves only that this browser signed in to that
// account before; it never signs anyone in. Its failures are counted apart from everyone else's.
// RAW SQL in lib/data/sqlite/auth-tables.ts and lib/data/postgres/auth-tables.ts.

/** How long a browser stays known after its last successful sign-in. */
export const DEVICE_TTL_DAYS = 180;

/**
 * After a successful sign-in: keeps the browser's device cookie when it is already known for this user (its expiry
 * moves forward), else registers a new one. Returns the secret for the cookie (the same one when kept).
 */
export async function rememberSignInDevice(userId: string, presentedSecret: string | null, now = new Date()): Promise<{ secret: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + DEVICE_TTL_DAYS * 86_400_000);
  const secret = newSessionSecret();
  const outcome = await sqlJobs().authTables.rememberDevice({
    userId,
    presentedId: presentedSecret ? sha256Hex(presentedSecret) : null,
    newId: sha256Hex(secret),
    now,
    expiresAt,
  });
  return { secret: outcome === "kept" && presentedSecret ? presentedSecret : secret, expiresAt };
}

/** Clean-up: deletes devices past their expiry, at most `limit` rows (by the expiresAt index). */
export function deleteExpiredSignInDevices(limit: number, now = new Date()): Promise<number> {
  return sqlJobs().authTables.deleteExpiredDevices(limit, now);
}

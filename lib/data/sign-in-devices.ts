import "server-only";
import { newSessionSecret, sha256Hex } from "@/lib/auth/secrets";
import { inWriteTransaction, sqlDate } from "./sqlite/connection";

// RAW SQL (SQLite): the known browsers of each account (decision 015). A device cookie proves only that this browser
// signed in to that account before; it never signs anyone in. Its failures are counted apart from everyone else's.

/** How long a browser stays known after its last successful sign-in. */
export const DEVICE_TTL_DAYS = 180;

/**
 * After a successful sign-in: keeps the browser's device cookie when it is already known for this user (its expiry
 * moves forward), else registers a new one. Returns the secret for the cookie (the same one when kept).
 */
export function rememberSignInDevice(userId: string, presentedSecret: string | null, now = new Date()): { secret: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + DEVICE_TTL_DAYS * 86_400_000);
  return inWriteTransaction((db) => {
    if (presentedSecret) {
      const kept = db
        .prepare(`UPDATE SignInDevice SET expiresAt = ? WHERE id = ? AND userId = ? AND expiresAt > ?`)
        .run(sqlDate(expiresAt), sha256Hex(presentedSecret), userId, sqlDate(now));
      if (kept.changes > 0) return { secret: presentedSecret, expiresAt };
    }
    const secret = newSessionSecret();
    db.prepare(`INSERT INTO SignInDevice (id, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)`).run(sha256Hex(secret), userId, sqlDate(now), sqlDate(expiresAt));
    return { secret, expiresAt };
  });
}

/** Clean-up: deletes devices past their expiry, at most `limit` rows (by the expiresAt index). */
export function deleteExpiredSignInDevices(limit: number, now = new Date()): number {
  return inWriteTransaction(
    (db) =>
      db.prepare(`DELETE FROM SignInDevice WHERE id IN (SELECT id FROM SignInDevice WHERE expiresAt < ? ORDER BY expiresAt LIMIT ?)`).run(sqlDate(now), limit)
        .changes,
  );
}

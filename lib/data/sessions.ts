import "server-only";
import { roleSchema } from "@/lib/auth/roles";
import { newSessionSecret, sha256Hex } from "@/lib/auth/secrets";
import { db } from "./db";
import { sqlJobs } from "./sql-jobs";

export interface SessionCaller {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  role: ReturnType<typeof roleSchema.parse>;
  expiresAt: Date;
}

/** Creates a session and returns the secret for the cookie (only its hash is stored). */
export async function createSession(userId: string, ttlHours: number): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSessionSecret();
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db().session.create({ data: { id: sha256Hex(secret), userId, expiresAt } });
  return { secret, expiresAt };
}

/**
 * Resolves a cookie secret to its user. Expired sessions and disabled users resolve to null.
 * Sliding expiry: a session used after a tenth of its lifetime is extended.
 */
export async function getSessionCaller(secret: string, ttlHours: number): Promise<SessionCaller | null> {
  const id = sha256Hex(secret);
  const row = await db().session.findUnique({ where: { id }, include: { user: true } });
  if (!row) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || row.user.disabledAt) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = row.expiresAt;
  if (now - row.lastSeenAt.getTime() > (ttlHours * 3_600_000) / 10) {
    // Best effort: while an upload commits, the extension waits for a later request rather than this one waiting.
    const extended = new Date(now + ttlHours * 3_600_000);
    if (await sqlJobs().authTables.extendSession(id, new Date(now), extended)) expiresAt = extended;
  }
  const role = roleSchema.safeParse(row.user.role);
  if (!role.success) return null;
  return { sessionId: id, userId: row.userId, email: row.user.email, name: row.user.name, role: role.data, expiresAt };
}

export async function deleteSession(secret: string): Promise<void> {
  await db().session.deleteMany({ where: { id: sha256Hex(secret) } });
}

/**
 * Clean-up: deletes sessions past their expiry, at most `limit` rows (RAW SQL, by the expiresAt index, one short
 * write transaction). Returns how many.
 */
export function deleteExpiredSessions(limit: number, now = new Date()): Promise<number> {
  return sqlJobs().authTables.deleteExpiredSessions(limit, now);
}

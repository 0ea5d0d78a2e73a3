import "server-only";
import type { AuditActor, AuditInput } from "@/lib/audit/entry";
import { appendAudit } from "./audit";
import { db } from "./db";

/** Failed sign-ins in the window, per account and per client address (shared by all app instances). */
export async function countRecentFailures(key: string, ip: string, windowMinutes: number) {
  const since = new Date(Date.now() - windowMinutes * 60_000);
  const [forKey, forIp] = await Promise.all([
    db().loginAttempt.count({ where: { key, success: false, createdAt: { gte: since } } }),
    db().loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  return { forKey, forIp };
}

/** The person who tried: the attempted email (lower-cased, shortened), never the password. */
function anonymousActor(key: string): AuditActor {
  return { kind: "anonymous", id: null, name: key.slice(0, 254) || "(empty)" };
}

function signInFailedEntry(key: string, ip: string, reason: "invalid" | "rate-limited"): AuditInput {
  return {
    actor: anonymousActor(key),
    action: "auth.sign-in-failed",
    targetType: "session",
    targetLabel: key.slice(0, 254) || null,
    after: { reason },
    summary: reason === "rate-limited" ? "sign-in refused: too many failed attempts" : "sign-in failed: wrong email or password",
    ip: ip.slice(0, 100) || null,
  };
}

/**
 * Records a sign-in attempt. A failure is written together with its audit entry ("auth.sign-in-failed"), in one
 * transaction; a success clears the account's failure count.
 */
export async function recordLoginAttempt(key: string, ip: string, success: boolean): Promise<void> {
  if (!success) {
    await db().$transaction(async (tx) => {
      await tx.loginAttempt.create({ data: { key, ip, success } });
      await appendAudit(tx, signInFailedEntry(key, ip, "invalid"));
    });
    return;
  }
  await db().loginAttempt.create({ data: { key, ip, success } });
  // A successful sign-in clears the account's failure count.
  await db().loginAttempt.deleteMany({ where: { key, success: false } });
}

/** A sign-in refused by the rate limit: audited, but not counted as another failure (the window does not grow). */
export async function recordRateLimitedSignIn(key: string, ip: string): Promise<void> {
  await appendAudit(db(), signInFailedEntry(key, ip, "rate-limited"));
}

export async function deleteOldLoginAttempts(olderThanMinutes: number): Promise<void> {
  await db().loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - olderThanMinutes * 60_000) } } });
}

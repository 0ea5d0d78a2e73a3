import "server-only";
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

export async function recordLoginAttempt(key: string, ip: string, success: boolean): Promise<void> {
  await db().loginAttempt.create({ data: { key, ip, success } });
  if (success) {
    // A successful sign-in clears the account's failure count.
    await db().loginAttempt.deleteMany({ where: { key, success: false } });
  }
}

export async function deleteOldLoginAttempts(olderThanMinutes: number): Promise<void> {
  await db().loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - olderThanMinutes * 60_000) } } });
}

import "server-only";
import { db } from "../db";

// RAW SQL (PostgreSQL): sessions, API tokens and known sign-in devices. PostgreSQL has no database-wide write lock,
// so a touch is a plain one-row UPDATE; `lock_timeout` keeps it best effort (skipped, not waited for, when another
// transaction holds the row). Deletes are bounded by the expiresAt/createdAt indexes.

async function bestEffort(sql: string, ...params: unknown[]): Promise<boolean> {
  try {
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL lock_timeout = '200ms'");
      await tx.$executeRawUnsafe(sql, ...params);
    });
    return true;
  } catch (error) {
    // Skipped, not failed: the row is locked by another transaction, or the pool has no free connection in time.
    const message = String((error as { message?: string })?.message ?? error);
    if (/lock timeout|55P03|P2028|Unable to start a transaction/i.test(message) || (error as { code?: string })?.code === "P2028") return false;
    throw error;
  }
}

export function extendSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<boolean> {
  return bestEffort('UPDATE "Session" SET "lastSeenAt" = $1, "expiresAt" = $2 WHERE "id" = $3', lastSeenAt, expiresAt, id);
}

export function touchApiToken(id: string, now: Date): Promise<boolean> {
  return bestEffort('UPDATE "ApiToken" SET "lastUsedAt" = $1 WHERE "id" = $2', now, id);
}

/** Bounded delete; SKIP LOCKED lets instances sweeping at the same moment take different rows instead of waiting. */
function boundedDelete(table: string, column: string, before: Date, limit: number): Promise<number> {
  return db().$executeRawUnsafe(
    `DELETE FROM "${table}" WHERE "id" IN (SELECT "id" FROM "${table}" WHERE "${column}" < $1 ORDER BY "${column}" LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    before,
    limit,
  );
}

export function deleteExpiredSessions(limit: number, now: Date): Promise<number> {
  return boundedDelete("Session", "expiresAt", now, limit);
}

export async function rememberDevice(input: { userId: string; presentedId: string | null; newId: string; now: Date; expiresAt: Date }): Promise<"kept" | "created"> {
  return db().$transaction(async (tx) => {
    if (input.presentedId) {
      const kept = await tx.$executeRawUnsafe(
        'UPDATE "SignInDevice" SET "expiresAt" = $1 WHERE "id" = $2 AND "userId" = $3 AND "expiresAt" > $4',
        input.expiresAt,
        input.presentedId,
        input.userId,
        input.now,
      );
      if (kept > 0) return "kept" as const;
    }
    await tx.$executeRawUnsafe(
      'INSERT INTO "SignInDevice" ("id", "userId", "createdAt", "expiresAt") VALUES ($1, $2, $3, $4)',
      input.newId,
      input.userId,
      input.now,
      input.expiresAt,
    );
    return "created" as const;
  });
}

export function deleteExpiredDevices(limit: number, now: Date): Promise<number> {
  return boundedDelete("SignInDevice", "expiresAt", now, limit);
}

export { boundedDelete };

import "server-only";
import { inWriteTransaction, sqlDate } from "./connection";
import { writeIfFree } from "./write-if-free";

// RAW SQL (SQLite): sessions, API tokens and known sign-in devices (lib/data/sessions.ts, api-tokens.ts,
// sign-in-devices.ts). Touches never wait for the write lock (write-if-free.ts); deletes are bounded by an index.

export async function extendSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<boolean> {
  return writeIfFree("UPDATE Session SET lastSeenAt = ?, expiresAt = ? WHERE id = ?", sqlDate(lastSeenAt), sqlDate(expiresAt), id);
}

export async function touchApiToken(id: string, now: Date): Promise<boolean> {
  return writeIfFree("UPDATE ApiToken SET lastUsedAt = ? WHERE id = ?", sqlDate(now), id);
}

export async function deleteExpiredSessions(limit: number, now: Date): Promise<number> {
  return inWriteTransaction(
    (db) => db.prepare(`DELETE FROM Session WHERE id IN (SELECT id FROM Session WHERE expiresAt < ? ORDER BY expiresAt LIMIT ?)`).run(sqlDate(now), limit).changes,
  );
}

export async function rememberDevice(input: { userId: string; presentedId: string | null; newId: string; now: Date; expiresAt: Date }): Promise<"kept" | "created"> {
  return inWriteTransaction((db) => {
    if (input.presentedId) {
      const kept = db
        .prepare(`UPDATE SignInDevice SET expiresAt = ? WHERE id = ? AND userId = ? AND expiresAt > ?`)
        .run(sqlDate(input.expiresAt), input.presentedId, input.userId, sqlDate(input.now));
      if (kept.changes > 0) return "kept";
    }
    db.prepare(`INSERT INTO SignInDevice (id, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)`).run(input.newId, input.userId, sqlDate(input.now), sqlDate(input.expiresAt));
    return "created";
  });
}

export async function deleteExpiredDevices(limit: number, now: Date): Promise<number> {
  return inWriteTransaction(
    (db) =>
      db.prepare(`DELETE FROM SignInDevice WHERE id IN (SELECT id FROM SignInDevice WHERE expiresAt < ? ORDER BY expiresAt LIMIT ?)`).run(sqlDate(now), limit)
        .changes,
  );
}

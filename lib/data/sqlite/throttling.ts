import "server-only";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { decideSignIn, type FailureCount, type ThrottleConfig } from "@/lib/auth/throttle";
import { failureFilters, signInFailedEntry, throttleFacts, type FailureFilter, type Reservation, type SignInClient } from "../sign-in-attempt";
import { appendAuditSql } from "./audit";
import { inWriteTransaction, sqlDate } from "./connection";

// RAW SQL (SQLite): sign-in throttling (docs/decisions/015-sign-in-throttling.md). The check and the record of an
// attempt happen in ONE immediate write transaction, so concurrent attempts (in this process or another process on
// the same file) are judged one after the other: twenty wrong passwords at once are never all evaluated.

function failures(db: Database.Database, filter: FailureFilter, since: string): FailureCount {
  const where = ["success = 0", "createdAt >= ?"];
  const params: (string | null)[] = [since];
  const add = (column: string, value: string) => {
    where.push(`${column} = ?`);
    params.push(value);
  };
  if (filter.key !== undefined) add("key", filter.key);
  if (filter.ip !== undefined) add("ip", filter.ip);
  if (filter.device === null) where.push("device IS NULL");
  else add("device", filter.device);
  const row = db.prepare(`SELECT COUNT(*) AS count, MAX(createdAt) AS last FROM LoginAttempt WHERE ${where.join(" AND ")}`).get(...params) as {
    count: number;
    last: string | null;
  };
  return { count: row.count, last: row.last === null ? null : Date.parse(row.last) };
}

function isKnownDevice(db: Database.Database, key: string, deviceHash: string | null, now: Date): boolean {
  if (!deviceHash) return false;
  const row = db
    .prepare(`SELECT 1 FROM SignInDevice d JOIN User u ON u.id = d.userId WHERE d.id = ? AND u.email = ? AND d.expiresAt > ?`)
    .get(deviceHash, key, sqlDate(now));
  return row !== undefined;
}

export async function reserve(client: SignInClient, config: ThrottleConfig, now: Date): Promise<Reservation> {
  return inWriteTransaction((db) => {
    const knownDevice = isKnownDevice(db, client.key, client.deviceHash, now);
    const since = sqlDate(new Date(now.getTime() - config.windowMs));
    const filters = failureFilters(client, knownDevice);
    const counts = Object.fromEntries(
      Object.entries(filters).flatMap(([name, filter]) => (filter === null ? [] : [[name, failures(db, filter, since)]])),
    );
    const decision = decideSignIn(throttleFacts(knownDevice, counts), config, now.getTime());
    if (!decision.allowed) {
      appendAuditSql(db, signInFailedEntry(client, "rate-limited"), now);
      return { ...decision, knownDevice };
    }
    const attemptId = randomUUID();
    db.prepare(`INSERT INTO LoginAttempt (id, key, ip, device, success, createdAt) VALUES (?, ?, ?, ?, 0, ?)`).run(
      attemptId,
      client.key,
      client.ip,
      knownDevice ? client.deviceHash : null,
      sqlDate(now),
    );
    return { allowed: true, attemptId, knownDevice };
  });
}

export async function finish(attemptId: string, client: SignInClient & { knownDevice: boolean }, success: boolean, now: Date): Promise<void> {
  inWriteTransaction((db) => {
    if (!success) {
      appendAuditSql(db, signInFailedEntry(client, "invalid"), now);
      return;
    }
    db.prepare(`UPDATE LoginAttempt SET success = 1 WHERE id = ?`).run(attemptId);
    if (client.knownDevice) {
      db.prepare(`DELETE FROM LoginAttempt WHERE key = ? AND success = 0 AND device = ?`).run(client.key, client.deviceHash);
    } else {
      db.prepare(`DELETE FROM LoginAttempt WHERE key = ? AND success = 0 AND device IS NULL AND ip = ?`).run(client.key, client.ip);
    }
  });
}

export async function deleteBefore(before: Date, limit: number): Promise<number> {
  return inWriteTransaction(
    (db) =>
      db
        .prepare(`DELETE FROM LoginAttempt WHERE id IN (SELECT id FROM LoginAttempt WHERE createdAt < ? ORDER BY createdAt LIMIT ?)`)
        .run(sqlDate(before), limit).changes,
  );
}

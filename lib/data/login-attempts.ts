import "server-only";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { AuditActor, AuditInput } from "@/lib/audit/entry";
import { decideSignIn, type FailureCount, type ThrottleConfig, type ThrottleDecision, type ThrottleFacts } from "@/lib/auth/throttle";
import { appendAuditSql } from "./audit";
import { inWriteTransaction, sqlDate } from "./sqlite/connection";

// RAW SQL (SQLite): sign-in throttling (docs/decisions/015-sign-in-throttling.md). The check and the record of an
// attempt happen in ONE immediate write transaction, so concurrent attempts (in this process or another instance)
// are judged one after the other: twenty wrong passwords at once are never all evaluated.

export interface SignInClient {
  /** The lower-cased email tried. */
  key: string;
  /** The client address (lib/auth/client-address.ts). */
  ip: string;
  /** sha256 of the browser's device cookie, if it sent one. */
  deviceHash: string | null;
}

export type Reservation =
  | { allowed: true; attemptId: string; knownDevice: boolean }
  | (Extract<ThrottleDecision, { allowed: false }> & { knownDevice: boolean });

function failures(db: Database.Database, where: string, params: (string | null)[]): FailureCount {
  const row = db.prepare(`SELECT COUNT(*) AS count, MAX(createdAt) AS last FROM LoginAttempt WHERE success = 0 AND ${where}`).get(...params) as {
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

function gatherFacts(db: Database.Database, client: SignInClient, knownDevice: boolean, since: string): ThrottleFacts {
  const none: FailureCount = { count: 0, last: null };
  if (knownDevice) {
    return {
      knownDevice,
      deviceFailures: failures(db, "key = ? AND createdAt >= ? AND device = ?", [client.key, since, client.deviceHash]),
      clientAccountFailures: none,
      accountFailures: none,
      clientFailures: none,
    };
  }
  return {
    knownDevice,
    deviceFailures: none,
    clientAccountFailures: failures(db, "key = ? AND createdAt >= ? AND device IS NULL AND ip = ?", [client.key, since, client.ip]),
    accountFailures: failures(db, "key = ? AND createdAt >= ? AND device IS NULL", [client.key, since]),
    clientFailures: failures(db, "ip = ? AND createdAt >= ? AND device IS NULL", [client.ip, since]),
  };
}

/**
 * Decides whether this attempt may be evaluated and, when it may, records it at once as a failure (a password check
 * that never finishes stays counted). finishSignInAttempt turns it into a success. A refusal is audited, not counted.
 */
export function reserveSignInAttempt(client: SignInClient, config: ThrottleConfig, now = new Date()): Reservation {
  return inWriteTransaction((db) => {
    const knownDevice = isKnownDevice(db, client.key, client.deviceHash, now);
    const since = sqlDate(new Date(now.getTime() - config.windowMs));
    const decision = decideSignIn(gatherFacts(db, client, knownDevice, since), config, now.getTime());
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

/**
 * Completes a reserved attempt. A failure gets its audit entry ("auth.sign-in-failed"). A success marks the attempt
 * and forgets this client's earlier failures for the account (the device's, or the address's as an unknown client);
 * failures from other clients stay counted, so signing in never hands an attacker fresh guesses.
 */
export function finishSignInAttempt(attemptId: string, client: SignInClient & { knownDevice: boolean }, success: boolean): void {
  inWriteTransaction((db) => {
    if (!success) {
      appendAuditSql(db, signInFailedEntry(client, "invalid"));
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

/** The person who tried: the attempted email (lower-cased, shortened), never the password. */
function anonymousActor(key: string): AuditActor {
  return { kind: "anonymous", id: null, name: key.slice(0, 254) || "(empty)" };
}

function signInFailedEntry(client: SignInClient, reason: "invalid" | "rate-limited"): AuditInput {
  return {
    actor: anonymousActor(client.key),
    action: "auth.sign-in-failed",
    targetType: "session",
    targetLabel: client.key.slice(0, 254) || null,
    after: { reason },
    summary: reason === "rate-limited" ? "sign-in refused: too many failed attempts" : "sign-in failed: wrong email or password",
    ip: client.ip.slice(0, 100) || null,
  };
}

/** Clean-up: deletes attempts older than `before`, at most `limit` rows (by the createdAt index). Returns how many. */
export function deleteLoginAttemptsBefore(before: Date, limit: number): number {
  return inWriteTransaction(
    (db) =>
      db
        .prepare(`DELETE FROM LoginAttempt WHERE id IN (SELECT id FROM LoginAttempt WHERE createdAt < ? ORDER BY createdAt LIMIT ?)`)
        .run(sqlDate(before), limit).changes,
  );
}

import "server-only";
import type { ThrottleConfig } from "@/lib/auth/throttle";
import type { Reservation, SignInClient } from "./sign-in-attempt";
import { sqlJobs } from "./sql-jobs";

// Sign-in throttling (docs/decisions/015-sign-in-throttling.md). The check and the record of an attempt are atomic,
// so concurrent attempts (in this process or another instance) are judged one after the other: twenty wrong passwords
// at once are never all evaluated. RAW SQL in lib/data/sqlite/throttling.ts (one immediate write transaction) and
// lib/data/postgres/throttling.ts (advisory locks on the account and the address).

export type { Reservation, SignInClient } from "./sign-in-attempt";

/**
 * Decides whether this attempt may be evaluated and, when it may, records it at once as a failure (a password check
 * that never finishes stays counted). finishSignInAttempt turns it into a success. A refusal is audited, not counted.
 */
export function reserveSignInAttempt(client: SignInClient, config: ThrottleConfig, now = new Date()): Promise<Reservation> {
  return sqlJobs().throttling.reserve(client, config, now);
}

/**
 * Completes a reserved attempt. A failure gets its audit entry ("auth.sign-in-failed"). A success marks the attempt
 * and forgets this client's earlier failures for the account (the device's, or the address's as an unknown client);
 * failures from other clients stay counted, so signing in never hands an attacker fresh guesses.
 */
export function finishSignInAttempt(attemptId: string, client: SignInClient & { knownDevice: boolean }, success: boolean): Promise<void> {
  return sqlJobs().throttling.finish(attemptId, client, success, new Date());
}

/** Clean-up: deletes attempts older than `before`, at most `limit` rows (by the createdAt index). Returns how many. */
export function deleteLoginAttemptsBefore(before: Date, limit: number): Promise<number> {
  return sqlJobs().throttling.deleteBefore(before, limit);
}

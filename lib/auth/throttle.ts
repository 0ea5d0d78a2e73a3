/**
 * Sign-in throttling policy (decision 015): pure, no I/O, no clock. lib/data/login-attempts.ts gathers the facts and
 * applies the decision in the same write transaction that records the attempt.
 *
 * - A **known device** (a browser whose device cookie belongs to this account: it signed in here before) is judged
 *   only by its own failures. Failures from anywhere else never throttle it, so an attacker cannot lock the owner out
 *   of a browser they have used.
 * - An **unknown client** (no such cookie) is judged by its address: its own failures for this account
 *   (`maxPerAccount` free, then progressive delays), the account's failures from all unknown clients (once they reach
 *   twice `maxPerAccount`, every unknown client waits: an attacker rotating addresses gets a bounded number of
 *   guesses), and the address's failures over all accounts (`maxPerClient`, against password spraying).
 * - Delays double from `baseDelayMs` with every failure past the limit, measured from the last failure that counts,
 *   and never exceed the window (failures older than the window are forgotten).
 */

export interface ThrottleConfig {
  /** Free failures per account from one client (a known device, or one address). */
  maxPerAccount: number;
  /** Free failures from one address over all accounts. */
  maxPerClient: number;
  windowMs: number;
  baseDelayMs: number;
}

/** Failures in the window of one kind: how many, and when the newest was (ms since the epoch). */
export interface FailureCount {
  count: number;
  last: number | null;
}

export interface ThrottleFacts {
  /** The client presented a device cookie of this account. */
  knownDevice: boolean;
  /** Failures for this account from this device (known devices only). */
  deviceFailures: FailureCount;
  /** Failures for this account from this address, unknown clients only. */
  clientAccountFailures: FailureCount;
  /** Failures for this account from every unknown client. */
  accountFailures: FailureCount;
  /** Failures from this address over all accounts, unknown clients only. */
  clientFailures: FailureCount;
}

export type ThrottleDecision =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; reason: "device" | "client-account" | "account" | "client" };

export const BASE_DELAY_MS = 30_000;

/** The wait after the limit is reached: base × 2^(failures past the limit), at most the window. */
export function backoffMs(failures: number, limit: number, config: Pick<ThrottleConfig, "baseDelayMs" | "windowMs">): number {
  const past = Math.max(0, failures - limit);
  return Math.min(config.baseDelayMs * 2 ** Math.min(past, 30), config.windowMs);
}

function waitFor(failures: FailureCount, limit: number, config: ThrottleConfig, now: number): number {
  if (failures.count < limit || failures.last === null) return 0;
  return Math.max(0, failures.last + backoffMs(failures.count, limit, config) - now);
}

export function decideSignIn(facts: ThrottleFacts, config: ThrottleConfig, now: number): ThrottleDecision {
  if (facts.knownDevice) {
    const wait = waitFor(facts.deviceFailures, config.maxPerAccount, config, now);
    return wait > 0 ? { allowed: false, retryAfterMs: wait, reason: "device" } : { allowed: true };
  }
  const checks: [Exclude<ThrottleDecision, { allowed: true }>["reason"], number][] = [
    ["client-account", waitFor(facts.clientAccountFailures, config.maxPerAccount, config, now)],
    ["account", waitFor(facts.accountFailures, 2 * config.maxPerAccount, config, now)],
    ["client", waitFor(facts.clientFailures, config.maxPerClient, config, now)],
  ];
  let longest: [Exclude<ThrottleDecision, { allowed: true }>["reason"], number] | undefined;
  for (const check of checks) if (check[1] > 0 && (!longest || check[1] > longest[1])) longest = check;
  return longest ? { allowed: false, retryAfterMs: longest[1], reason: longest[0] } : { allowed: true };
}

/** "Try again in 30 seconds." / "in 4 minutes." */
export function retryText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (seconds < 90) return `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minutes.`;
}

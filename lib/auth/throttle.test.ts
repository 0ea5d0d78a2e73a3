import { describe, expect, it } from "vitest";
import { backoffMs, decideSignIn, retryText, type ThrottleConfig, type ThrottleFacts } from "./throttle";

const config: ThrottleConfig = { maxPerAccount: 5, maxPerClient: 25, windowMs: 60 * 60_000, baseDelayMs: 30_000 };
const none = { count: 0, last: null };
const NOW = 1_800_000_000_000;

function facts(partial: Partial<ThrottleFacts>): ThrottleFacts {
  return { knownDevice: false, deviceFailures: none, clientAccountFailures: none, accountFailures: none, clientFailures: none, ...partial };
}

describe("sign-in throttling policy", () => {
  it("lets a clean client try while the account is under attack from elsewhere (up to twice the limit)", () => {
    const attacked = facts({ accountFailures: { count: 9, last: NOW - 1_000 } });
    expect(decideSignIn(attacked, config, NOW)).toEqual({ allowed: true });
  });

  it("bounds an attacker that rotates addresses: from twice the limit every unknown client waits", () => {
    const decision = decideSignIn(facts({ accountFailures: { count: 10, last: NOW - 1_000 } }), config, NOW);
    expect(decision).toEqual({ allowed: false, retryAfterMs: 29_000, reason: "account" });
  });

  it("never throttles a known device for failures elsewhere, only for its own", () => {
    const elsewhere = facts({
      knownDevice: true,
      accountFailures: { count: 500, last: NOW },
      clientAccountFailures: { count: 50, last: NOW },
      clientFailures: { count: 500, last: NOW },
    });
    expect(decideSignIn(elsewhere, config, NOW)).toEqual({ allowed: true });
    const own = facts({ knownDevice: true, deviceFailures: { count: 5, last: NOW - 10_000 } });
    expect(decideSignIn(own, config, NOW)).toEqual({ allowed: false, retryAfterMs: 20_000, reason: "device" });
  });

  it("delays a client that failed for this account, doubling with each further failure, at most the window", () => {
    const waits = [5, 6, 7, 8, 12, 30].map((count) => decideSignIn(facts({ clientAccountFailures: { count, last: NOW } }), config, NOW));
    expect(waits.map((w) => (w.allowed ? 0 : w.retryAfterMs))).toEqual([30_000, 60_000, 120_000, 240_000, config.windowMs, config.windowMs]);
    expect(decideSignIn(facts({ clientAccountFailures: { count: 4, last: NOW } }), config, NOW)).toEqual({ allowed: true });
    // Once the delay has passed, the next attempt is allowed.
    expect(decideSignIn(facts({ clientAccountFailures: { count: 6, last: NOW - 60_000 } }), config, NOW)).toEqual({ allowed: true });
  });

  it("delays an address that sprays many accounts", () => {
    expect(decideSignIn(facts({ clientFailures: { count: 24, last: NOW } }), config, NOW)).toEqual({ allowed: true });
    expect(decideSignIn(facts({ clientFailures: { count: 26, last: NOW } }), config, NOW)).toMatchObject({ allowed: false, reason: "client", retryAfterMs: 60_000 });
  });

  it("reports the longest wait when several rules apply", () => {
    const both = facts({ clientAccountFailures: { count: 5, last: NOW }, clientFailures: { count: 27, last: NOW } });
    expect(decideSignIn(both, config, NOW)).toMatchObject({ reason: "client", retryAfterMs: 120_000 });
  });

  it("backoff and message", () => {
    expect(backoffMs(5, 5, config)).toBe(30_000);
    expect(backoffMs(100, 5, config)).toBe(config.windowMs);
    expect(retryText(29_001)).toBe("Too many failed sign-ins. Try again in 30 seconds.");
    expect(retryText(1)).toBe("Too many failed sign-ins. Try again in 1 second.");
    expect(retryText(240_000)).toBe("Too many failed sign-ins. Try again in 4 minutes.");
  });
});

import type { AuditActor, AuditInput } from "@/lib/audit/entry";
import type { FailureCount, ThrottleDecision, ThrottleFacts } from "@/lib/auth/throttle";

// What both throttling implementations (lib/data/sqlite/throttling.ts, lib/data/postgres/throttling.ts) share:
// the types, which failures count (decision 015), and the audit entry of a failed or refused attempt.

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

/** Failed attempts since the window start matching: the account `key` and/or address `ip`, and `device` (null: IS NULL). */
export type FailureFilter = { key?: string; ip?: string; device: string | null };

type FactName = "deviceFailures" | "clientAccountFailures" | "accountFailures" | "clientFailures";

/** Which failures count for this client (null: none). A known device counts only its own failures. */
export function failureFilters(client: SignInClient, knownDevice: boolean): Record<FactName, FailureFilter | null> {
  if (knownDevice) {
    return { deviceFailures: { key: client.key, device: client.deviceHash }, clientAccountFailures: null, accountFailures: null, clientFailures: null };
  }
  return {
    deviceFailures: null,
    clientAccountFailures: { key: client.key, ip: client.ip, device: null },
    accountFailures: { key: client.key, device: null },
    clientFailures: { ip: client.ip, device: null },
  };
}

const NONE: FailureCount = { count: 0, last: null };

/** ThrottleFacts from the counted filters (`counts` holds the result of each non-null filter). */
export function throttleFacts(knownDevice: boolean, counts: Partial<Record<FactName, FailureCount>>): ThrottleFacts {
  return {
    knownDevice,
    deviceFailures: counts.deviceFailures ?? NONE,
    clientAccountFailures: counts.clientAccountFailures ?? NONE,
    accountFailures: counts.accountFailures ?? NONE,
    clientFailures: counts.clientFailures ?? NONE,
  };
}

/** The person who tried: the attempted email (lower-cased, shortened), never the password. */
function anonymousActor(key: string): AuditActor {
  return { kind: "anonymous", id: null, name: key.slice(0, 254) || "(empty)" };
}

export function signInFailedEntry(client: SignInClient, reason: "invalid" | "rate-limited"): AuditInput {
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

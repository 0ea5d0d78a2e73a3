import "server-only";
import { deleteLoginAttemptsBefore } from "@/lib/data/login-attempts";
import { deleteExpiredSessions } from "@/lib/data/sessions";
import { deleteExpiredSignInDevices } from "@/lib/data/sign-in-devices";
import { env } from "@/lib/env";
import { plural } from "@/lib/text/plural";

/**
 * Deletes expired sessions, expired device cookies and sign-in attempts older than the throttling window (they no
 * longer count). Every DELETE is bounded (`batch` rows by an index, one short write transaction each, at most
 * `maxBatches` per table per run), so a sweep never holds the write lock for long; whatever is left goes next time.
 * Idempotent: several instances sharing one database may run it at the same moment (the second finds nothing).
 */
export interface AuthSweepResult {
  sessions: number;
  loginAttempts: number;
  devices: number;
}

export async function sweepAuthTables(options: { now?: Date; batch?: number; maxBatches?: number } = {}): Promise<AuthSweepResult> {
  const now = options.now ?? new Date();
  const batch = options.batch ?? 5_000;
  const maxBatches = options.maxBatches ?? 20;
  const attemptsBefore = new Date(now.getTime() - env().LOGIN_WINDOW_MINUTES * 60_000);
  const drain = async (deleteBatch: () => Promise<number>): Promise<number> => {
    let total = 0;
    for (let i = 0; i < maxBatches; i += 1) {
      const deleted = await deleteBatch();
      total += deleted;
      if (deleted < batch) break;
    }
    return total;
  };
  return {
    sessions: await drain(() => deleteExpiredSessions(batch, now)),
    loginAttempts: await drain(() => deleteLoginAttemptsBefore(attemptsBefore, batch)),
    devices: await drain(() => deleteExpiredSignInDevices(batch, now)),
  };
}

/** How often each server instance sweeps (besides once on start). */
export const AUTH_SWEEP_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** For lib/server-start.ts: one sweep, logged, never thrown. */
export async function sweepAuthTablesLogged(log: (line: string) => void = console.log): Promise<void> {
  try {
    const result = await sweepAuthTables();
    const total = result.sessions + result.loginAttempts + result.devices;
    if (total > 0) {
      log(`[auth] clean-up: ${plural(result.sessions, "expired session")}, ${plural(result.loginAttempts, "old sign-in attempt")}, ${plural(result.devices, "expired device")} deleted`);
    }
  } catch (error) {
    console.error("[auth] clean-up failed", error);
  }
}

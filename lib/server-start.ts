import "server-only";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap";
import { AUTH_SWEEP_INTERVAL_MS, sweepAuthTablesLogged } from "@/lib/auth/cleanup";
import { reevaluateOutdatedRuleset } from "@/lib/data/ingest/ruleset-refresh";
import { expireDueWaivers } from "@/lib/data/waivers";
import { migrateDatabase } from "@/lib/data/schema-state";
import { plural } from "@/lib/text/plural";

/** Start-up work of a server instance (see instrumentation.ts). */
export async function startServerInstance(): Promise<void> {
  // On PostgreSQL under Prisma's advisory lock: instances starting together migrate once (lib/data/schema-state.ts).
  const applied = await migrateDatabase();
  if (applied.length > 0) console.log(`[db] applied ${applied.length} migration(s): ${applied.join(", ")}`);
  await ensureBootstrapAdmin();
  // Once per fleet: instances starting together take the write transaction's lock in turn; the later ones find every
  // server current (lib/data/ingest/ruleset-refresh.ts).
  const reevaluated = await reevaluateOutdatedRuleset();
  if (reevaluated > 0) console.log(`[rules] ruleset changed: re-evaluated ${plural(reevaluated, "server")}`);
  await sweepWaivers();
  startWaiverSweep();
  await sweepAuthTablesLogged();
  startAuthSweep();
}

/** Marks waivers past their expiry "expired" and re-evaluates what they covered (logged, never thrown). */
async function sweepWaivers(): Promise<void> {
  try {
    const expired = await expireDueWaivers();
    if (expired > 0) console.log(`[waivers] ${expired} waiver(s) expired`);
  } catch (error) {
    console.error("[waivers] expiry sweep failed", error);
  }
}

const globalForSweep = globalThis as unknown as {
  csrWaiverSweep?: ReturnType<typeof setInterval>;
  csrAuthSweep?: ReturnType<typeof setInterval>;
};

/** The hourly expiry sweep (one per process; unref'd so it never keeps the process alive). */
function startWaiverSweep(): void {
  if (globalForSweep.csrWaiverSweep) return;
  const timer = setInterval(sweepWaivers, 60 * 60 * 1000);
  timer.unref?.();
  globalForSweep.csrWaiverSweep = timer;
}

/** Expired sessions and devices, sign-in attempts past the throttling window: every 6 hours (bounded, idempotent). */
function startAuthSweep(): void {
  if (globalForSweep.csrAuthSweep) return;
  const timer = setInterval(() => void sweepAuthTablesLogged(), AUTH_SWEEP_INTERVAL_MS);
  timer.unref?.();
  globalForSweep.csrAuthSweep = timer;
}

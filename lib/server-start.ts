import "server-only";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap";
import { reevaluateOutdatedRuleset } from "@/lib/data/ingest/ruleset-refresh";
import { applyMigrations } from "@/lib/data/migrations/apply-migrations.mjs";
import { env } from "@/lib/env";

/** Start-up work of a server instance (see instrumentation.ts). */
export async function startServerInstance(): Promise<void> {
  const { DATABASE_URL } = env();
  const applied = applyMigrations({ url: DATABASE_URL });
  if (applied.length > 0) console.log(`[db] applied ${applied.length} migration(s): ${applied.join(", ")}`);
  await ensureBootstrapAdmin();
  const reevaluated = reevaluateOutdatedRuleset();
  if (reevaluated > 0) console.log(`[rules] ruleset changed: re-evaluated ${reevaluated} server(s)`);
}

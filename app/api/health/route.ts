import { healthSchema } from "@/lib/api/schemas";
import { checkDatabase } from "@/lib/data/health";
import { APP_VERSION } from "@/lib/version";
import type { z } from "zod";

export const dynamic = "force-dynamic";

/**
 * Liveness and database check for load balancers and the e2e harness. No authentication. 503 (with the reason) while
 * the database does not answer or its migrations are not all applied; 200 again as soon as it does.
 */
export async function GET() {
  const health = await checkDatabase();
  const upToDate = health.ok && health.migrations.upToDate;
  const body: z.infer<typeof healthSchema> = {
    status: upToDate ? "ok" : "degraded",
    db: upToDate ? "ok" : "error",
    version: APP_VERSION,
    database: { kind: health.kind, migrations: health.ok ? health.migrations : null },
    ...(health.ok
      ? upToDate
        ? {}
        : { error: `database migrations not applied (pending: ${health.migrations.pending.length}, failed: ${health.migrations.failed.join(", ") || "none"})` }
      : { error: health.error }),
  };
  return Response.json(body, { status: upToDate ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

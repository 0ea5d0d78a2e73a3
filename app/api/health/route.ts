import { checkDatabase } from "@/lib/data/health";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

/** Liveness and database check for load balancers and the e2e harness. No authentication. */
export async function GET() {
  const db = await checkDatabase();
  return Response.json(
    { status: db ? "ok" : "degraded", db: db ? "ok" : "error", version: APP_VERSION },
    { status: db ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

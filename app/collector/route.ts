import { readFile } from "node:fs/promises";
import path from "node:path";
import { apiRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Downloads the read-only collector script (collector/Get-CloudSyncReadiness.ps1). */
export const GET = apiRoute("read", async () => {
  const script = await readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "collector", "Get-CloudSyncReadiness.ps1"));
  return new Response(new Uint8Array(script), {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": 'attachment; filename="Get-CloudSyncReadiness.ps1"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

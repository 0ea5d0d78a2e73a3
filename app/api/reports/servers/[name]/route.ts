import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { pdfHeaders } from "@/lib/reports/pdf";
import { renderServerReport } from "@/lib/reports/server/render";
import { pdfSegment, requestOrigin } from "@/lib/reports/route-helpers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ name: z.string().min(1).max(320) });

/** GET /api/reports/servers/{name}.pdf: one server's readiness report (FQDN or unique NetBIOS name). */
export const GET = apiRoute("report", async (request, caller, context) => {
  const { name } = paramsSchema.parse(await context.params);
  const server = pdfSegment(name);
  if (!server) return apiError(404, "not-found", "Ask for /api/reports/servers/<name>.pdf.");
  const report = await renderServerReport({ name: server, caller, origin: requestOrigin(request) });
  if (!report) return apiError(404, "not-found", "There is no server with this name.");
  return new Response(new Uint8Array(report.bytes), { headers: pdfHeaders(report.fileName, report.bytes.length) });
});

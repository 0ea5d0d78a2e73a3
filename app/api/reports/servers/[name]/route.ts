import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { respondWithPdf } from "@/lib/reports/pdf-response";
import { pdfSegment, requestOrigin } from "@/lib/reports/route-helpers";
import { renderServerReport } from "@/lib/reports/server/render";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ name: z.string().min(1).max(320) });

/** GET /api/reports/servers/{name}.pdf: one server's readiness report (FQDN or unique NetBIOS name). */
export const GET = apiRoute("report", async (request, caller, context) => {
  const { name } = paramsSchema.parse(await context.params);
  const server = pdfSegment(name);
  if (!server) return apiError(404, "not-found", "Ask for /api/reports/servers/<name>.pdf.");
  return respondWithPdf(
    caller,
    new Date(),
    async (generatedBy) => (await renderServerReport({ name: server, generatedBy, origin: requestOrigin(request) })) ?? apiError(404, "not-found", "There is no server with this name."),
  );
});

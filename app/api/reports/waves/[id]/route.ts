import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { respondWithPdf } from "@/lib/reports/pdf-response";
import { pdfSegment } from "@/lib/reports/route-helpers";
import { renderWaveReport } from "@/lib/reports/wave/render";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().min(1).max(200) });

/** GET /api/reports/waves/{id}.pdf: a wave's go/no-go gate, blockers, servers and waivers. */
export const GET = apiRoute("report", async (_request, caller, context) => {
  const { id } = paramsSchema.parse(await context.params);
  const waveId = pdfSegment(id);
  if (!waveId) return apiError(404, "not-found", "Ask for /api/reports/waves/<id>.pdf.");
  return respondWithPdf(caller, new Date(), async (generatedBy) => (await renderWaveReport({ id: waveId, generatedBy })) ?? apiError(404, "not-found", "There is no wave with this id."));
});

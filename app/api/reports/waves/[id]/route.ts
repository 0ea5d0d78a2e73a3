import { z } from "zod";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { pdfHeaders, ReportTooLargeError } from "@/lib/reports/pdf";
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
  try {
    const report = await renderWaveReport({ id: waveId, caller });
    if (!report) return apiError(404, "not-found", "There is no wave with this id.");
    return new Response(new Uint8Array(report.bytes), { headers: pdfHeaders(report.fileName, report.bytes.length) });
  } catch (error) {
    if (error instanceof ReportTooLargeError) return apiError(413, "report-too-large", error.message, [], { rows: error.rows, limit: error.limit });
    throw error;
  }
});

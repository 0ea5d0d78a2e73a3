import { apiError, apiRoute } from "@/lib/auth/guards";
import { getFleetReport } from "@/lib/data/reports/fleet-report";
import { provenanceForLog } from "@/lib/data/report-provenance";
import { isoDay } from "@/lib/rollout/status";
import { parseFleetReportQuery } from "@/lib/reports/fleet/query";
import { renderFleetReport } from "@/lib/reports/fleet/render";
import { respondWithPdf } from "@/lib/reports/pdf-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The fleet readiness report as a PDF, for the servers matching the Servers page filters (`q`, `readiness`, `rule`,
 * `domain`, `os`, `site`, `tag`, `owner`, `wave`, `rollout`, `overdue`, `stale`) and `appendix=true|false`
 * (one section per server; at most 500 servers, else 413 with a hint to add a filter).
 */
export const GET = apiRoute("report", async (request, caller) => {
  const query = parseFleetReportQuery(new URL(request.url).searchParams);
  if (!query.ok) return apiError(400, "bad-request", "Some filters are not valid.", query.issues);
  const now = new Date();
  return respondWithPdf(caller, now, async (generatedBy) => {
    const report = await getFleetReport(query.filters, { appendix: query.appendix }, now);
    if (!report.ok) return apiError(413, report.code, report.message, [], { servers: report.servers, limit: report.limit });
    const { data } = report;
    return {
      bytes: await renderFleetReport(data, { generatedBy }),
      fileName: `fleet-readiness-${isoDay(now)}.pdf`,
      record: {
        kind: "fleet.pdf",
        scope: data.scope.label,
        options: { filters: data.scope.search.replace(/^\?/, ""), appendix: query.appendix },
        provenance: provenanceForLog(data.provenance),
        size: { servers: data.total },
      },
    };
  });
});

import { actorFromCaller } from "@/lib/audit/entry";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { getFleetReport } from "@/lib/data/reports/fleet-report";
import { recordReport } from "@/lib/data/report-log";
import { provenanceForLog } from "@/lib/data/report-provenance";
import { parseFleetReportQuery } from "@/lib/reports/fleet/query";
import { renderFleetReport } from "@/lib/reports/fleet/render";
import { pdfHeaders } from "@/lib/reports/pdf";

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
  const report = await getFleetReport(query.filters, { appendix: query.appendix }, now);
  if (!report.ok) return apiError(413, report.code, report.message, [], { servers: report.servers, limit: report.limit });
  const by = caller.kind === "session" ? caller.email : `token:${caller.name}`;
  const pdf = await renderFleetReport(report.data, { generatedBy: by });
  const { data } = report;
  await recordReport(
    actorFromCaller(caller),
    {
      kind: "fleet.pdf",
      scope: data.scope.label,
      options: { filters: data.scope.search.replace(/^\?/, ""), appendix: query.appendix },
      provenance: provenanceForLog(data.provenance),
      size: { bytes: pdf.bytes.byteLength, pages: pdf.pages, servers: data.total },
    },
    now,
  );
  return new Response(new Uint8Array(pdf.bytes), { headers: pdfHeaders(`fleet-readiness-${now.toISOString().slice(0, 10)}.pdf`, pdf.bytes.byteLength) });
});

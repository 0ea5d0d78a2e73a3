import { apiError, apiRoute } from "@/lib/auth/guards";
import { getChanges } from "@/lib/data/changes";
import { getChangesProvenance, provenanceForLog } from "@/lib/data/report-provenance";
import { changesPeriod } from "@/lib/reports/changes/document";
import { parseChangesQuery } from "@/lib/reports/changes/query";
import { renderChangesReport } from "@/lib/reports/changes/render";
import { respondWithPdf } from "@/lib/reports/pdf-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * "What changed": servers whose verdict changed between `from` and `to` (YYYY-MM-DD, UTC days, both included;
 * default the last 7 days), grouped by cause, as a PDF. Takes the Servers page filters too. More than 5,000 changes:
 * 413 with a hint to shorten the period or add a filter.
 */
export const GET = apiRoute("report", async (request, caller) => {
  const now = new Date();
  const parsed = parseChangesQuery(new URL(request.url).searchParams, now);
  if (!parsed.ok) return apiError(400, "bad-request", "The period or a filter is not valid.", parsed.issues);
  const { query } = parsed;
  return respondWithPdf(caller, now, async (generatedBy) => {
    const [report, provenance] = await Promise.all([getChanges({ from: query.from, to: query.to, filters: query.filters }, now), getChangesProvenance(query.from, query.to)]);
    const bytes = await renderChangesReport({ report, provenance, fromDay: query.fromDay, toDay: query.toDay, generatedAt: now, generatedBy });
    return {
      bytes,
      fileName: `changes-${query.fromDay}-to-${query.toDay}.pdf`,
      record: {
        kind: "changes.pdf",
        scope: `${changesPeriod(query)}${report.filter ? ` · ${report.filter.slice(1)}` : ""}`,
        options: { from: query.fromDay, to: query.toDay, filters: report.filter.replace(/^\?/, "") },
        provenance: provenanceForLog(provenance),
        size: { changes: report.changed },
      },
    };
  });
});

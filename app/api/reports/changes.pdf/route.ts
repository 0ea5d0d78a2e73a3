import { actorFromCaller } from "@/lib/audit/entry";
import { apiError, apiRoute } from "@/lib/auth/guards";
import { getChanges } from "@/lib/data/changes";
import { getChangesProvenance } from "@/lib/data/changes-provenance";
import { recordReport } from "@/lib/data/report-log";
import { changesPeriod } from "@/lib/reports/changes/document";
import { parseChangesQuery } from "@/lib/reports/changes/query";
import { renderChangesReport } from "@/lib/reports/changes/render";
import { pdfHeaders, ReportTooLargeError } from "@/lib/reports/pdf";

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
  const [report, provenance] = await Promise.all([getChanges({ from: query.from, to: query.to, filters: query.filters }, now), getChangesProvenance(query.from, query.to)]);
  const generatedBy = caller.kind === "session" ? caller.email : `token:${caller.name}`;
  let pdf: { bytes: Buffer; pages: number };
  try {
    pdf = await renderChangesReport({ report, provenance, fromDay: query.fromDay, toDay: query.toDay, generatedAt: now, generatedBy });
  } catch (error) {
    if (error instanceof ReportTooLargeError) return apiError(413, "report-too-large", error.message, [], { changes: error.rows, limit: error.limit });
    throw error;
  }
  await recordReport(
    actorFromCaller(caller),
    {
      kind: "changes.pdf",
      scope: `${changesPeriod(query)}${report.filter ? ` · ${report.filter.slice(1)}` : ""}`,
      options: { from: query.fromDay, to: query.toDay, filters: report.filter.replace(/^\?/, "") },
      provenance: { rulesetVersion: provenance.rulesetVersion, dataAsOf: provenance.dataAsOf, uploadsInPeriod: provenance.uploads.total, newestUpload: provenance.uploads.newest[0]?.fileName ?? null },
      size: { bytes: pdf.bytes.byteLength, pages: pdf.pages, changes: report.changed },
    },
    now,
  );
  return new Response(new Uint8Array(pdf.bytes), { headers: pdfHeaders(`changes-${query.fromDay}-to-${query.toDay}.pdf`, pdf.bytes.byteLength) });
});

import { apiRoute } from "@/lib/auth/guards";
import { downloadHeaders, exportFileName, exportFilters, MAX_RESULT_ROWS, recordExport, tooLarge } from "@/lib/data/exports/export-route";
import { countExportResults, iterateExportResults } from "@/lib/data/exports/result-rows";
import { csvStream } from "@/lib/reports/csv/stream";
import { RESULT_COLUMNS } from "@/lib/reports/csv/tables";

export const dynamic = "force-dynamic";

/** One row per server and rule result for the current filter, as CSV (UTF-8 with BOM, streamed). */
export const GET = apiRoute("report", async (request, caller) => {
  const parsed = exportFilters(request);
  if (!parsed.ok) return parsed.response;
  const { filters } = parsed;
  const rows = await countExportResults(filters);
  if (rows > MAX_RESULT_ROWS) return tooLarge("result rows", rows, MAX_RESULT_ROWS);
  const body = csvStream(RESULT_COLUMNS, iterateExportResults(filters), (size) => recordExport(caller, "results.csv", filters, size));
  return new Response(body, { headers: downloadHeaders(exportFileName("results", "csv"), "text/csv; charset=utf-8") });
});

import { apiRoute } from "@/lib/auth/guards";
import { downloadHeaders, exportFileName, exportFilters, recordExport } from "@/lib/data/exports/export-route";
import { exportServerBatches } from "@/lib/data/exports/server-rows";
import { csvStream } from "@/lib/reports/csv/stream";
import { SERVER_COLUMNS } from "@/lib/reports/csv/tables";

export const dynamic = "force-dynamic";

/** The servers list for the current filter as CSV (UTF-8 with BOM, streamed in the list's order). */
export const GET = apiRoute("report", async (request, caller) => {
  const parsed = exportFilters(request);
  if (!parsed.ok) return parsed.response;
  const { filters } = parsed;
  const body = csvStream(SERVER_COLUMNS, exportServerBatches(filters), (size) => recordExport(caller, "servers.csv", filters, size));
  return new Response(body, { headers: downloadHeaders(exportFileName("servers", "csv"), "text/csv; charset=utf-8") });
});

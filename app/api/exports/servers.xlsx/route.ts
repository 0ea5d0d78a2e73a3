import { apiRoute } from "@/lib/auth/guards";
import { downloadHeaders, exportFileName, exportFilters, recordExport, tooLarge } from "@/lib/data/exports/export-route";
import { countExportResults, iterateExportResults } from "@/lib/data/exports/result-rows";
import { countExportServers, exportServerBatches } from "@/lib/data/exports/server-rows";
import { RESULT_COLUMNS, SERVER_COLUMNS } from "@/lib/reports/csv/tables";
import { sheet, XLSX_MAX_ROWS, xlsxStream } from "@/lib/reports/xlsx/workbook";

export const dynamic = "force-dynamic";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The servers and results tables as one workbook (sheets "Servers" and "Results"), streamed. */
export const GET = apiRoute("report", async (request, caller) => {
  const parsed = exportFilters(request);
  if (!parsed.ok) return parsed.response;
  const { filters } = parsed;
  const [serverRows, resultRows] = await Promise.all([countExportServers(filters), countExportResults(filters)]);
  // One row of each sheet is its header.
  if (Math.max(serverRows, resultRows) > XLSX_MAX_ROWS - 1) return tooLarge("rows on one sheet (Excel's limit per sheet)", Math.max(serverRows, resultRows), XLSX_MAX_ROWS - 1);
  const body = xlsxStream(
    [
      sheet({ name: "Servers", columns: SERVER_COLUMNS, batches: () => exportServerBatches(filters) }),
      sheet({ name: "Results", columns: RESULT_COLUMNS, batches: () => iterateExportResults(filters) }),
    ],
    ([serverCount = 0, resultCount = 0]) => void recordExport(caller, "servers.xlsx", filters, { servers: serverCount, results: resultCount }),
    (error) => console.error("[exports] workbook failed", error),
  );
  return new Response(body, { headers: downloadHeaders(exportFileName("servers", "xlsx"), XLSX_TYPE) });
});

import { renderPdf, ReportTooLargeError } from "@/lib/reports/pdf";
import { ChangesReportDocument, changesReportMeta, type ChangesPdfInput } from "./document";

/** The most changes one PDF lists (about 1 s per 1,000 rows on 2 cores, decision 003). */
export const MAX_CHANGES_ROWS = 5_000;

/** Renders the "what changed" report; throws ReportTooLargeError above MAX_CHANGES_ROWS changes. */
export async function renderChangesReport(input: ChangesPdfInput): Promise<Buffer> {
  if (input.report.changed > MAX_CHANGES_ROWS) {
    throw new ReportTooLargeError(input.report.changed, MAX_CHANGES_ROWS, "Choose a shorter period or add a filter (a domain, a wave or a readiness).");
  }
  return renderPdf(<ChangesReportDocument input={input} meta={changesReportMeta(input)} />);
}

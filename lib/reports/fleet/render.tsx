import type { FleetReportData } from "@/lib/data/reports/fleet-report";
import { renderPdf } from "@/lib/reports/pdf";
import { FleetReportDocument, fleetReportMeta } from "./document";

/** Renders the fleet readiness report to PDF bytes. */
export async function renderFleetReport(data: FleetReportData, options: { generatedBy: string }): Promise<Buffer> {
  return renderPdf(<FleetReportDocument data={data} meta={fleetReportMeta(data, options.generatedBy)} />);
}

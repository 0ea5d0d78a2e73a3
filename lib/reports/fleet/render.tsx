import type { FleetReportData } from "@/lib/data/reports/fleet-report";
import { renderPdf } from "@/lib/reports/pdf";
import { FleetReportDocument, fleetReportMeta } from "./document";

/** Pages in a rendered PDF (page objects in the file). */
export function countPdfPages(bytes: Uint8Array): number {
  return (Buffer.from(bytes).toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Renders the fleet readiness report to PDF bytes. */
export async function renderFleetReport(data: FleetReportData, options: { generatedBy: string }): Promise<{ bytes: Buffer; pages: number }> {
  const bytes = await renderPdf(<FleetReportDocument data={data} meta={fleetReportMeta(data, options.generatedBy)} />);
  return { bytes, pages: countPdfPages(bytes) };
}

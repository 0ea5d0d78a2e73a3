import "server-only";
import { provenanceForLog } from "@/lib/data/report-provenance";
import { renderPdf, type ReportMeta } from "@/lib/reports/pdf";
import type { ProducedPdf } from "@/lib/reports/pdf-response";
import { loadServerReport } from "./data";
import { ServerReport } from "./document";

/** The server readiness PDF for an FQDN or unique NetBIOS name, and its audit record (null: no such server). */
export async function renderServerReport({ name, generatedBy, origin, now = new Date() }: { name: string; generatedBy: string; origin: string; now?: Date }): Promise<ProducedPdf | null> {
  const data = await loadServerReport(name, now);
  if (!data) return null;
  const meta: ReportMeta = {
    title: "Server readiness",
    scope: data.server.fqdn,
    subtitle: `${data.server.fqdn} · ${data.server.domain}`,
    generatedAt: now,
    generatedBy,
    provenance: data.provenance,
  };
  const fixScriptUrl = `${origin}/servers/${encodeURIComponent(data.server.fqdn)}/fix-script`;
  const bytes = await renderPdf(<ServerReport data={data} meta={meta} fixScriptUrl={fixScriptUrl} />);
  return {
    bytes,
    fileName: `server-${data.server.fqdn}.pdf`,
    record: { kind: "server.pdf", scope: data.server.fqdn, options: { name }, provenance: provenanceForLog(data.provenance) },
  };
}

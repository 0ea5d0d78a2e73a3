import "server-only";
import { provenanceForLog } from "@/lib/data/report-provenance";
import { renderPdf, type ReportMeta } from "@/lib/reports/pdf";
import type { ProducedPdf } from "@/lib/reports/pdf-response";
import { loadWaveReport } from "./data";
import { WaveReport } from "./document";
import { plural } from "@/lib/text/plural";

/** The wave readiness PDF and its audit record (null: no such wave). Throws ReportTooLargeError for huge waves. */
export async function renderWaveReport({ id, generatedBy, now = new Date() }: { id: string; generatedBy: string; now?: Date }): Promise<ProducedPdf | null> {
  const data = await loadWaveReport(id, now);
  if (!data) return null;
  const meta: ReportMeta = {
    title: "Wave readiness",
    scope: `wave ${data.wave.name}`,
    subtitle: `Wave “${data.wave.name}” · ${data.gate.status === "go" ? "GO" : "NO-GO"} · ${plural(data.servers.length, "server")}`,
    generatedAt: now,
    generatedBy,
    provenance: data.provenance,
  };
  const bytes = await renderPdf(<WaveReport data={data} meta={meta} />);
  const slug = data.wave.name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || data.wave.id;
  return {
    bytes,
    fileName: `wave-${slug}.pdf`,
    record: { kind: "wave.pdf", scope: `wave ${data.wave.name}`, options: { waveId: id }, provenance: provenanceForLog(data.provenance), size: { servers: data.servers.length } },
  };
}

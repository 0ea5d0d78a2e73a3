import "server-only";
import { actorFromCaller } from "@/lib/audit/entry";
import type { Caller } from "@/lib/auth/caller";
import { recordReport } from "@/lib/data/report-log";
import { provenanceForLog } from "@/lib/data/report-provenance";
import { renderPdf, type ReportMeta } from "@/lib/reports/pdf";
import { loadWaveReport } from "./data";
import { WaveReport } from "./document";

/** The wave readiness PDF (null: no such wave); recorded in the audit log. Throws ReportTooLargeError for huge waves. */
export async function renderWaveReport({ id, caller, now = new Date() }: { id: string; caller: Caller; now?: Date }): Promise<{ bytes: Buffer; fileName: string } | null> {
  const data = await loadWaveReport(id, now);
  if (!data) return null;
  const actor = actorFromCaller(caller);
  const meta: ReportMeta = {
    title: "Wave readiness",
    scope: `wave ${data.wave.name}`,
    subtitle: `Wave “${data.wave.name}” · ${data.gate.status === "go" ? "GO" : "NO-GO"} · ${data.servers.length} servers`,
    generatedAt: now,
    generatedBy: actor.name,
    provenance: data.provenance,
  };
  const bytes = await renderPdf(<WaveReport data={data} meta={meta} />);
  await recordReport(actor, { kind: "wave.pdf", scope: `wave ${data.wave.name}`, options: { waveId: id }, provenance: provenanceForLog(data.provenance), size: { bytes: bytes.length, servers: data.servers.length } }, now);
  const slug = data.wave.name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || data.wave.id;
  return { bytes, fileName: `wave-${slug}.pdf` };
}

import "server-only";
import { actorFromCaller } from "@/lib/audit/entry";
import type { Caller } from "@/lib/auth/caller";
import { provenanceForLog } from "@/lib/data/report-provenance";
import { recordReport } from "@/lib/data/report-log";
import { renderPdf, type ReportMeta } from "@/lib/reports/pdf";
import { loadServerReport } from "./data";
import { ServerReport } from "./document";

export interface RenderedReport {
  bytes: Buffer;
  fileName: string;
}

/** The server readiness PDF for an FQDN or unique NetBIOS name (null: no such server); recorded in the audit log. */
export async function renderServerReport({ name, caller, origin, now = new Date() }: { name: string; caller: Caller; origin: string; now?: Date }): Promise<RenderedReport | null> {
  const data = await loadServerReport(name, now);
  if (!data) return null;
  const actor = actorFromCaller(caller);
  const meta: ReportMeta = {
    title: "Server readiness",
    scope: data.server.fqdn,
    subtitle: `${data.server.fqdn} · ${data.server.domain}`,
    generatedAt: now,
    generatedBy: actor.name,
    provenance: data.provenance,
  };
  const fixScriptUrl = `${origin}/servers/${encodeURIComponent(data.server.fqdn)}/fix-script`;
  const bytes = await renderPdf(<ServerReport data={data} meta={meta} fixScriptUrl={fixScriptUrl} />);
  await recordReport(actor, { kind: "server.pdf", scope: data.server.fqdn, options: { name }, provenance: provenanceForLog(data.provenance), size: { bytes: bytes.length } }, now);
  return { bytes, fileName: `server-${data.server.fqdn}.pdf` };
}

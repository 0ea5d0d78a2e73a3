import "server-only";
import { getReportProvenance, type ReportProvenanceDto } from "@/lib/data/report-provenance";
import { getWaveGate, type WaveGateDetail } from "@/lib/data/rollout/gates";
import { getWave, type WaveDto } from "@/lib/data/rollout/waves";
import { iterateServers, type ServerListItem } from "@/lib/data/servers";
import { listWaivers, MAX_WAIVERS_LISTED, type WaiverDto } from "@/lib/data/waivers";
import { MAX_REPORT_ROWS, ReportTooLargeError } from "@/lib/reports/pdf";
import { parseServerFilters } from "@/lib/views/server-filters";

export interface WaveReportData {
  wave: WaveDto;
  gate: WaveGateDetail;
  /** Every member, worst verdict first. */
  servers: ServerListItem[];
  /** Waivers of the members and of their domains (active, expired and lapsed; not rejected or revoked requests). */
  waivers: WaiverDto[];
  provenance: ReportProvenanceDto;
}

/** How many gate blockers the report lists (one per server and rule); the rest are counted. */
export const WAVE_REPORT_BLOCKERS = 2_000;

/** Everything the wave PDF shows; null for an unknown wave. Throws ReportTooLargeError past MAX_REPORT_ROWS members. */
export async function loadWaveReport(id: string, now = new Date()): Promise<WaveReportData | null> {
  const wave = await getWave(id);
  if (!wave) return null;
  const gate = await getWaveGate(id, WAVE_REPORT_BLOCKERS);
  if (!gate) return null;
  const filters = parseServerFilters({ wave: id, sort: "verdict" });
  if (!filters.success) throw new Error("wave filter did not parse");
  const servers: ServerListItem[] = [];
  for await (const server of iterateServers(filters.data, 2_000, now)) {
    servers.push(server);
    if (servers.length > MAX_REPORT_ROWS) throw new ReportTooLargeError(servers.length, MAX_REPORT_ROWS, "Split the wave, or export its servers as CSV.");
  }
  const domains = new Set(servers.map((server) => server.domain));
  const [waivers, provenance] = await Promise.all([
    listWaivers({ wave: { id, domains: [...domains] }, statuses: ["active", "pending", "expired", "lapsed"], take: MAX_WAIVERS_LISTED }, now),
    getReportProvenance({ servers: { waveId: id }, uploadsOfServers: true }),
  ]);
  return { wave, gate, servers, waivers, provenance };
}

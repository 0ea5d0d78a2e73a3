import "server-only";
import { getReportProvenance, type ReportProvenanceDto } from "@/lib/data/report-provenance";
import { getUploadFileNames } from "@/lib/data/server-views";
import { findServerFqdn, getServerDetail, getServerHistory, type ServerDetail, type ServerHistory } from "@/lib/data/servers";
import { listWaivers, type WaiverDto } from "@/lib/data/waivers";
import { causeUploadIds } from "@/lib/readiness";

export interface ServerReportData {
  server: ServerDetail;
  history: ServerHistory;
  /** File names of the uploads the history names (deleted uploads are missing). */
  uploadNames: ReadonlyMap<string, string>;
  /** The server's own and its domain's waivers, every status. */
  waivers: WaiverDto[];
  provenance: ReportProvenanceDto;
}

/** Everything the server PDF shows, by FQDN or unique NetBIOS name; null when there is no such server. */
export async function loadServerReport(name: string, now = new Date()): Promise<ServerReportData | null> {
  const fqdn = await findServerFqdn(name);
  if (!fqdn) return null;
  const server = await getServerDetail(fqdn, now);
  if (!server) return null;
  const [history, waivers, provenance] = await Promise.all([
    getServerHistory(server.id, 200),
    listWaivers({ server: server.fqdn, take: 200 }, now),
    getReportProvenance({ servers: { id: server.id }, uploadsOfServers: true }),
  ]);
  const uploadIds = new Set<string>([...history.uploads.map((upload) => upload.uploadId), ...causeUploadIds(history.evaluations.map((e) => e.cause))]);
  const uploadNames = await getUploadFileNames([...uploadIds]);
  return { server, history, uploadNames, waivers, provenance };
}

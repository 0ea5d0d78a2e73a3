import "server-only";
import { parseServerFilters } from "@/lib/views/server-filters";
import { listServers, type ServerListItem } from "../servers";
import { getWaveGate, type WaveGateDetail } from "./gates";
import { getWave, type WaveDto } from "./waves";

export interface WaveDetail {
  wave: WaveDto;
  gate: WaveGateDetail;
  servers: { total: number; page: number; pageSize: number; items: ServerListItem[] };
}

/** A wave with its full gate (blockers from stored results) and one page of its servers (worst verdict first). */
export async function getWaveDetail(
  id: string,
  options: { page?: number; pageSize?: number; sort?: string; dir?: string; blockerServers?: number } = {},
  now = new Date(),
): Promise<WaveDetail | null> {
  const wave = await getWave(id);
  if (!wave) return null;
  const gate = await getWaveGate(id, options.blockerServers);
  if (!gate) return null;
  const filters = parseServerFilters({
    wave: id,
    page: String(options.page ?? 1),
    pageSize: String(options.pageSize ?? 100),
    ...(options.sort ? { sort: options.sort } : {}),
    ...(options.dir ? { dir: options.dir } : {}),
  });
  if (!filters.success) throw new Error("wave filter did not parse");
  const list = await listServers(filters.data, now);
  return { wave, gate, servers: { total: list.total, page: list.page, pageSize: list.pageSize, items: list.servers } };
}

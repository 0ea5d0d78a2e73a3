import type { ServerListItem } from "@/lib/data/servers";
import type { WaveDetail } from "@/lib/data/rollout/wave-detail";
import { describeGateBlocker } from "@/lib/rollout/gate-text";

/** The wave detail as the API shows it (blockers with their reason and remediation link). */
export function presentWaveDetail(detail: WaveDetail) {
  return {
    ...detail.wave,
    gate: {
      ...detail.wave.gate,
      status: detail.gate.status,
      blockerCount: detail.gate.blockerCount,
      summary: detail.gate.summary,
      blockers: detail.gate.blockers.map((blocker) => {
        const { why, remediation } = describeGateBlocker(blocker);
        return blocker.kind === "server" ? { ...blocker, why, remediation: remediation ?? "" } : { ...blocker, why };
      }),
      truncated: detail.gate.truncated,
      problemServers: detail.gate.problemServerCount,
      waivedServers: detail.gate.waivedServers,
    },
    servers: { ...detail.servers, items: detail.servers.items.map(presentWaveServer) },
  };
}

function presentWaveServer(server: ServerListItem) {
  return {
    fqdn: server.fqdn,
    name: server.name,
    domain: server.domain,
    verdict: server.verdict,
    status: server.rollout.status,
    source: server.rollout.source,
    owner: server.rollout.owner,
    targetDate: server.rollout.targetDate,
    overdue: server.rollout.overdue,
    waivedRuleIds: server.waivedRuleIds,
    version: server.rollout.version,
  };
}

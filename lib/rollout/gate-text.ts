import { GATE_ISSUE_LABELS, type GateBlocker } from "@/lib/readiness";
import { getRule } from "@/lib/rules";

/** Why a gate blocker stops the wave, in words, and where its remediation is. Shared by the wave page, the API and reports. */
export function describeGateBlocker(blocker: GateBlocker): { why: string; remediation: string | null } {
  switch (blocker.kind) {
    case "server": {
      const rule = getRule(blocker.ruleId);
      return {
        why: `${GATE_ISSUE_LABELS[blocker.issue]}: ${rule?.meta.title ?? blocker.ruleId}`,
        remediation: `/rules/${encodeURIComponent(blocker.ruleId)}#remediation`,
      };
    }
    case "agents":
      return {
        why: `${blocker.domain} will have ${blocker.installed + blocker.planned} agent(s) (${blocker.installed} installed, ${blocker.planned} planned through this wave); Microsoft recommends ${blocker.needed} for high availability. Plan more servers of this domain in this or an earlier wave.`,
        remediation: null,
      };
    case "empty":
      return { why: "No servers are assigned to this wave.", remediation: null };
  }
}

/**
 * The go/no-go gate of a rollout wave (pure). A wave is "go" only when:
 * - it has servers (excluded servers do not count);
 * - no server in it has a failing blocker, an unknown blocker, or a failing warning (a waived result is
 *   accepted and does not count; it is reported as accepted);
 * - each domain in it will have at least the recommended number of agents: installed anywhere in the domain
 *   plus planned in this and earlier waves.
 * Otherwise "no-go", with the exact blockers.
 */

export type GateStatus = "go" | "no-go";

/** A server of the wave whose stored results stop the gate. */
export interface GateServer {
  fqdn: string;
  name: string;
  domain: string;
  blockingRuleIds: readonly string[];
  conditionRuleIds: readonly string[];
  unknownBlockerIds: readonly string[];
}

/** Agents for one domain of the wave. */
export interface DomainAgentPlan {
  domain: string;
  /** Servers of the domain with the agent installed (detected or typed), in any wave or none. */
  installed: number;
  /** Servers of the domain planned in this or an earlier active wave, not yet installed and not excluded. */
  planned: number;
}

export type GateIssue = "fails-blocker" | "unknown-blocker" | "fails-warning";

export type GateBlocker =
  | { kind: "server"; fqdn: string; name: string; domain: string; ruleId: string; issue: GateIssue }
  | { kind: "agents"; domain: string; installed: number; planned: number; needed: number }
  | { kind: "empty" };

export interface GateInput {
  memberCount: number;
  /** Servers with at least one gate issue; may be a prefix of them (see problemServerCount). */
  problemServers: readonly GateServer[];
  /** How many servers have a gate issue in all (problemServers may hold fewer). */
  problemServerCount: number;
  domains: readonly DomainAgentPlan[];
  recommendedAgents: number;
}

export interface GateOutcome {
  status: GateStatus;
  /** Problem servers + domains short of agents (+1 when the wave is empty). */
  blockerCount: number;
  problemServerCount: number;
  /** Listed blockers: one per server and rule, then one per domain short of agents. */
  blockers: GateBlocker[];
  /** One sentence: why the gate is what it is. */
  summary: string;
}

const ISSUE_ORDER: Readonly<Record<GateIssue, number>> = { "fails-blocker": 0, "unknown-blocker": 1, "fails-warning": 2 };

export const GATE_ISSUE_LABELS: Readonly<Record<GateIssue, string>> = {
  "fails-blocker": "Blocker fails",
  "unknown-blocker": "Blocker unknown (missing data)",
  "fails-warning": "Warning fails (not waived)",
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** The gate issues of one server, blockers first. */
export function serverGateIssues(server: GateServer): { ruleId: string; issue: GateIssue }[] {
  const issues: { ruleId: string; issue: GateIssue }[] = [];
  for (const ruleId of server.blockingRuleIds) issues.push({ ruleId, issue: "fails-blocker" });
  for (const ruleId of server.unknownBlockerIds) issues.push({ ruleId, issue: "unknown-blocker" });
  for (const ruleId of server.conditionRuleIds) issues.push({ ruleId, issue: "fails-warning" });
  return issues;
}


export function evaluateWaveGate(input: GateInput): GateOutcome {
  if (input.memberCount === 0) {
    return { status: "no-go", blockerCount: 1, problemServerCount: 0, blockers: [{ kind: "empty" }], summary: "No servers are assigned to this wave." };
  }
  const blockers: GateBlocker[] = [];
  const servers = [...input.problemServers].sort((a, b) => a.name.localeCompare(b.name) || a.fqdn.localeCompare(b.fqdn));
  for (const server of servers) {
    const issues = serverGateIssues(server).sort((a, b) => ISSUE_ORDER[a.issue] - ISSUE_ORDER[b.issue] || a.ruleId.localeCompare(b.ruleId));
    for (const { ruleId, issue } of issues) blockers.push({ kind: "server", fqdn: server.fqdn, name: server.name, domain: server.domain, ruleId, issue });
  }
  const short = input.domains
    .filter((plan) => plan.domain !== "" && plan.installed + plan.planned < input.recommendedAgents)
    .sort((a, b) => a.domain.localeCompare(b.domain));
  for (const plan of short) blockers.push({ kind: "agents", domain: plan.domain, installed: plan.installed, planned: plan.planned, needed: input.recommendedAgents });

  const problemServerCount = Math.max(input.problemServerCount, input.problemServers.length);
  const blockerCount = problemServerCount + short.length;
  if (blockerCount === 0) {
    return { status: "go", blockerCount: 0, problemServerCount: 0, blockers: [], summary: `All ${plural(input.memberCount, "server")} are clear and every domain will have at least ${input.recommendedAgents} agents.` };
  }
  const parts: string[] = [];
  if (problemServerCount > 0) parts.push(`${plural(problemServerCount, "server")} with a failing or unknown blocker or an unwaived failing warning`);
  if (short.length > 0) parts.push(`${plural(short.length, "domain")} short of ${input.recommendedAgents} agents (${short.map((plan) => plan.domain).join(", ")})`);
  return { status: "no-go", blockerCount, problemServerCount, blockers, summary: `No-go: ${parts.join("; ")}.` };
}

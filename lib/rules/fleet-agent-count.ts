import { COLLECT as DOMAIN_COLLECT } from "./domain/collect";
import type { CollectHint } from "./types";
import { isRecord, prop, readArray, readCount, readString } from "./domain/read";
import { cite, DOCS } from "./sources";
import { evidence, fail, pass, unknown } from "./outcome";
import { defineRule, type RuleContext } from "./types";

export const RECOMMENDED_AGENTS = 3;

const COLLECT_AGENTS: CollectHint = {
  command: "powershell.exe -ExecutionPolicy Bypass -File .\\Get-CloudSyncReadiness.ps1",
  note:
    "Run the collector on every server of the domain and upload the reports: it records the AADConnectProvisioningAgent service. " +
    "Or list the agents in Microsoft Entra admin center > Entra Connect > Cloud sync > Agents.",
};

/** The domain to judge: the domain facts' DNS name, else the host's domain. */
function targetDomain(ctx: RuleContext): string | undefined {
  const name = readString(ctx.domain?.dnsName) ?? readString(ctx.host?.identity?.domain);
  const trimmed = name?.trim().toLowerCase();
  return trimmed ? trimmed : undefined;
}

export default defineRule({
  meta: {
    id: "fleet-agent-count",
    title: "Three provisioning agents are installed for the domain (high availability)",
    severity: "warning",
    scope: "fleet",
    rationale:
      "With several agents installed and running, cloud sync keeps working when one agent fails; Microsoft recommends " +
      "three active agents for high availability.",
    source: cite(DOCS.prerequisites, "Cloud provisioning agent requirements", "cloud-provisioning-agent-requirements"),
    otherSources: [
      cite(DOCS.faq, "Does the cloud provisioning agent load balance if I have multiple agents installed?"),
      cite(DOCS.decisionGuide, "Technical benefits of migration > Enhanced reliability through multiple active agents", "enhanced-reliability-through-multiple-active-agents"),
    ],
    notes: [
      "Contradiction: the prerequisites recommend \"3 active agents\" and the decision guide describes multiple active " +
        "agents with automatic failover and load distribution, while the FAQ says there is no load balancing and \"Only " +
        "one agent is ever active\". Either way extra agents give failover, so the rule counts installed agents and treats " +
        "three as a recommendation (warning), never a blocker.",
      "3 or more installed agents pass; 1-2 fail as a warning; 0 fails as a warning (no agent installed yet). Unknown " +
        "when the fleet has no agent data for the domain.",
      "Only hosts uploaded to this tool are counted; agents on servers that were never inventoried are invisible here, " +
        "so check the Agents page of the admin center before acting on a fail.",
    ],
    remediation: {
      summary: "Install the provisioning agent on further domain-joined, Tier 0 servers of the domain until three are registered.",
      steps: [
        "Pick servers that pass this tool's host checks (2022/2025, not Server Core, TLS 1.2, .NET 4.7.1+)",
        "Download the agent from Microsoft Entra admin center > Entra Connect > Cloud sync > Agents and install it",
        "When the wizard asks for the gMSA, reuse the existing one (the installer adds the new host's permissions)",
        "Confirm three agents show as Active on the Agents page",
      ],
    },
  },
  evaluate: (ctx) => {
    const domain = targetDomain(ctx);
    if (domain === undefined) {
      return unknown("domain.dnsName", { command: DOMAIN_COLLECT.domainName, note: "Upload the result with the domain facts, or record the host's domain (host.identity.domain) in the inventory." }, "The domain to count agents for is unknown (no domain.dnsName or host.identity.domain).");
    }
    const fact = `fleet.domains[${domain}]`;
    const domains = ctx.fleet?.domains;
    const entry = isRecord(domains)
      ? Object.entries(domains).find(([key]) => key.trim().toLowerCase() === domain)?.[1]
      : undefined;
    const reported = readCount(prop(entry, "hostsWithAgentData"));
    const hosts = readArray(prop(entry, "agentHosts"));
    if (entry === undefined || hosts === undefined || reported === undefined || (reported === 0 && hosts.length === 0)) {
      return unknown(fact, COLLECT_AGENTS, `No host of ${domain} has reported provisioning-agent data yet.`);
    }
    const agents = [...new Set(hosts.map(readString).filter((h): h is string => h !== undefined).map((h) => h.trim().toLowerCase()))];
    const found = [
      evidence(`${fact}.agentHosts`, agents, `at least ${RECOMMENDED_AGENTS} hosts with the agent installed`),
      evidence(`${fact}.hostsWithAgentData`, reported, "hosts that reported agent data"),
    ];
    if (agents.length >= RECOMMENDED_AGENTS) {
      return pass(`${agents.length} provisioning agents are installed for ${domain}: ${agents.join(", ")}.`, found);
    }
    if (agents.length === 0) {
      return fail(`No agent installed yet for ${domain} (${reported} host(s) reported); Microsoft recommends ${RECOMMENDED_AGENTS} for high availability.`, found, "warning");
    }
    return fail(
      `Only ${agents.length} provisioning agent(s) installed for ${domain} (${agents.join(", ")}); Microsoft recommends ${RECOMMENDED_AGENTS} for high availability.`,
      found,
      "warning",
    );
  },
  examples: [
    {
      name: "three agents across two sites",
      expect: "pass",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: { dnsName: "corp.contoso.com" },
        fleet: {
          domains: {
            "corp.contoso.com": {
              agentHosts: ["sync01.corp.contoso.com", "sync02.corp.contoso.com", "dc03.corp.contoso.com"],
              hostsWithAgentData: 5,
            },
          },
        },
      },
    },
    {
      name: "a single agent",
      expect: "fail",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        host: { identity: { fqdn: "sync01.corp.contoso.com", domain: "corp.contoso.com" } },
        fleet: { domains: { "corp.contoso.com": { agentHosts: ["sync01.corp.contoso.com"], hostsWithAgentData: 2 } } },
      },
    },
    {
      name: "no agent data for the domain",
      expect: "unknown",
      context: {
        asOf: "2026-08-01T00:00:00Z",
        domain: { dnsName: "emea.contoso.com" },
        fleet: { domains: { "corp.contoso.com": { agentHosts: ["sync01.corp.contoso.com"], hostsWithAgentData: 1 } } },
      },
    },
  ],
});

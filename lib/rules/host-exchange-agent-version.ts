import { featureUse } from "./feature/use";
import { agentEvidenced, readAgent } from "./host/agent";
import { own } from "./host/read";
import { hostContext } from "./host/examples";
import { featureAgentOutcome } from "./host/feature-agent";
import { AGENT_VERSION_HISTORY } from "./host/sources";
import { cite, DOCS } from "./sources";
import { defineRule, type RuleContext } from "./types";

/** Exchange hybrid writeback with cloud sync, Prerequisites: provisioning agent 1.1.1107.0 or later. */
export const EXCHANGE_AGENT_MINIMUM = "1.1.1107.0";

const withExchange = (ctx: RuleContext): RuleContext => ({ ...ctx, tenant: { featuresUsed: { exchangeHybridWriteback: true } } });

export default defineRule({
  meta: {
    id: "host-exchange-agent-version",
    title: `The provisioning agent is ${EXCHANGE_AGENT_MINIMUM} or later for Exchange hybrid writeback`,
    severity: "blocker",
    scope: "host",
    rationale: `Exchange hybrid writeback needs provisioning agent ${EXCHANGE_AGENT_MINIMUM} or later; older agents cannot write Exchange Online attributes back to AD.`,
    source: cite(DOCS.exchangeHybrid, "Prerequisites"),
    otherSources: [AGENT_VERSION_HISTORY],
    notes: [
      "Applies only when the tenant facts (featuresUsed.exchangeHybridWriteback) or a sync configuration of the host's domain (exchangeHybridWriteback) say Exchange hybrid writeback is used; otherwise not applicable (feature/use.ts).",
      `Like host-agent-version, it applies only to hosts with an installed agent (agent.installed = true, or a version without the flag): a new install gets the current release, later than ${EXCHANGE_AGENT_MINIMUM}, and a host without agent data is treated as having none.`,
      "If the schema was extended for Exchange after the agent was installed, restart the agent so that it detects the Exchange attributes (domain-schema-exchange).",
    ],
    remediation: {
      summary: `Upgrade the provisioning agent to ${EXCHANGE_AGENT_MINIMUM} or later before enabling Exchange hybrid writeback.`,
      steps: [
        "Check that the 'Microsoft Azure AD Connect Agent Updater' service runs so auto-upgrade can work.",
        "Or download the current agent from Microsoft Entra admin center > Entra Connect > Cloud sync > Agents and install it over the existing one.",
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "exchangeHybridWriteback").used && agentEvidenced(readAgent(own(ctx, "host"))),
  evaluate: (ctx) => featureAgentOutcome(ctx, "exchangeHybridWriteback", EXCHANGE_AGENT_MINIMUM),
  examples: [
    { name: "agent 1.1.2505.0", expect: "pass", context: withExchange(hostContext({ agent: { installed: true, version: "1.1.2505.0" } })) },
    { name: "agent 1.1.977.0", expect: "fail", context: withExchange(hostContext({ agent: { installed: true, version: "1.1.977.0" } })) },
    { name: "agent installed, version not collected", expect: "unknown", context: withExchange(hostContext({ agent: { installed: true } })) },
  ],
});

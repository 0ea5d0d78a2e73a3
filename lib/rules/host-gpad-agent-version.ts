import { featureUse } from "./feature/use";
import { AGENT_GMSA_PERMISSIONS_CHANGE, agentEvidenced, readAgent } from "./host/agent";
import { own } from "./host/read";
import { hostContext } from "./host/examples";
import { featureAgentOutcome } from "./host/feature-agent";
import { AGENT_VERSION_HISTORY, prerequisites, SECTION } from "./host/sources";
import { defineRule, type RuleContext } from "./types";

/** [PRE-2026] GPAD prerequisites: provisioning agent 1.1.2334.0 or later. */
export const GPAD_AGENT_MINIMUM = AGENT_GMSA_PERMISSIONS_CHANGE;

const withGroupProvisioning = (ctx: RuleContext): RuleContext => ({ ...ctx, tenant: { featuresUsed: { groupProvisioning: true } } });

export default defineRule({
  meta: {
    id: "host-gpad-agent-version",
    title: `The provisioning agent is ${GPAD_AGENT_MINIMUM} or later for group provisioning to Active Directory`,
    severity: "blocker",
    scope: "host",
    rationale: `Group provisioning to AD needs provisioning agent ${GPAD_AGENT_MINIMUM} or later; older agents cannot run the Entra ID to AD provisioning job.`,
    source: prerequisites(SECTION.gpad),
    otherSources: [AGENT_VERSION_HISTORY],
    notes: [
      "Applies only when the tenant facts (featuresUsed.groupProvisioning) or a sync configuration of the host's domain (groupProvisioning) say group provisioning to AD is used; otherwise not applicable (feature/use.ts).",
      `Like host-agent-version, it applies only to hosts with an installed agent (agent.installed = true, or a version without the flag): a new install gets the current release (1.1.2505.0), later than ${GPAD_AGENT_MINIMUM}, and a host without agent data is treated as having none.`,
      `${GPAD_AGENT_MINIMUM} is also the release from which Add-AADCloudSyncADDomain stops setting AD permissions on custom gMSAs (see gmsa-acl-group-provisioning for the rights group provisioning needs).`,
      "The GPAD section still lists Windows Server 2022, 2019 and 2016 for the agent host, while the rest of the page adds 2025; host-os-supported follows the rest of the page.",
    ],
    remediation: {
      summary: `Upgrade the provisioning agent to ${GPAD_AGENT_MINIMUM} or later before enabling group provisioning to AD.`,
      steps: [
        "Check that the 'Microsoft Azure AD Connect Agent Updater' service runs so auto-upgrade can work.",
        "Or download the current agent from Microsoft Entra admin center > Entra Connect > Cloud sync > Agents and install it over the existing one.",
        "After upgrading, grant the gMSA the group provisioning rights (Set-AADCloudSyncPermissions -PermissionType UserGroupCreateDelete): an upgrade does not assign them.",
      ],
    },
  },
  appliesTo: (ctx) => featureUse(ctx, "groupProvisioning").used && agentEvidenced(readAgent(own(ctx, "host"))),
  evaluate: (ctx) => featureAgentOutcome(ctx, "groupProvisioning", GPAD_AGENT_MINIMUM),
  examples: [
    { name: "agent 1.1.2505.0", expect: "pass", context: withGroupProvisioning(hostContext({ agent: { installed: true, version: "1.1.2505.0" } })) },
    { name: "agent 1.1.2107.0 not yet upgraded", expect: "fail", context: withGroupProvisioning(hostContext({ agent: { installed: true, version: "1.1.2107.0" } })) },
    { name: "agent installed, version not collected", expect: "unknown", context: withGroupProvisioning(hostContext({ agent: { installed: true } })) },
  ],
});

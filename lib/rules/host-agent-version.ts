import { evidence, fail, pass, unknown } from "@/lib/rules/outcome";
import { defineRule, type RuleContext, type RuleOutcome } from "@/lib/rules/types";
import {
  AGENT_CURRENT_RELEASE,
  AGENT_GMSA_PERMISSIONS_CHANGE,
  AGENT_NTLM_DENY_FIX,
  AGENT_VERSION_COLLECT,
  agentEvidenced,
  readAgent,
} from "./host/agent";
import { hostContext } from "./host/examples";
import { hostLabel, own, readDword } from "./host/read";
import { psComment, remediationScript, shouldProcess } from "./host/registry-script";
import { AGENT_VERSION_HISTORY, CLOUD_SYNC_FAQ, hostCollect, prerequisites, SECTION } from "./host/sources";
import { compareVersions } from "./host/version";

const FACT = "host.agent.version";
const EXPECTED = `>= ${AGENT_CURRENT_RELEASE} (newest release in the version history)`;
const UPDATER_DISPLAY_NAME = "Microsoft Azure AD Connect Agent Updater";

/** Only hosts with an installed agent (installed = true, or a version reported without the installed flag). */
function appliesTo(ctx: RuleContext): boolean {
  return agentEvidenced(readAgent(own(ctx, "host")));
}

function isOlder(version: string, than: string): boolean {
  return (compareVersions(version, than) ?? 0) < 0;
}

function evaluate(ctx: RuleContext): RuleOutcome {
  const host = own(ctx, "host");
  const agent = readAgent(host);
  if (agent.installed === false) return pass("No provisioning agent is installed; there is no version to check.", [evidence("host.agent.installed", false, "an installed agent")]);
  if (agent.version === undefined) {
    return unknown(FACT, hostCollect(AGENT_VERSION_COLLECT), "The installed provisioning agent's version was not collected.");
  }
  if (!agent.parts) {
    return unknown(
      FACT,
      hostCollect(AGENT_VERSION_COLLECT),
      `The agent version '${agent.version}' is not a dotted version number.`,
      [evidence(FACT, agent.version, EXPECTED)],
    );
  }
  const version = agent.version;
  const found = [evidence(FACT, version, EXPECTED)];
  const gmsaNote = ` When it upgrades past ${AGENT_GMSA_PERMISSIONS_CHANGE}, Add-AADCloudSyncADDomain no longer sets AD permissions on custom gMSAs: grant them yourself (group provisioning to AD also needs ${AGENT_GMSA_PERMISSIONS_CHANGE} or later).`;

  if (isOlder(version, AGENT_NTLM_DENY_FIX)) {
    const ntlm = readDword(own(own(host, "ntlm"), "restrictSendingNtlmTraffic"));
    if (ntlm !== undefined) found.push(evidence("host.ntlm.restrictSendingNtlmTraffic", ntlm ?? "absent", "with agents older than 1.1.1365.0: not 2 (Deny all)"));
    const ntlmNote =
      ntlm === 2
        ? ` Outgoing NTLM is set to Deny all on this server: agents older than ${AGENT_NTLM_DENY_FIX} fail with wrong-credential errors in that configuration (known failure).`
        : ` Agents older than ${AGENT_NTLM_DENY_FIX} fail with wrong-credential errors if outgoing NTLM is set to Deny all.`;
    return fail(`Agent ${version} is very old; auto-upgrade appears not to be working.${ntlmNote}${gmsaNote}`, found, "warning");
  }
  if (isOlder(version, AGENT_GMSA_PERMISSIONS_CHANGE)) {
    return fail(`Agent ${version} is older than ${AGENT_GMSA_PERMISSIONS_CHANGE}; check that auto-upgrade works.${gmsaNote}`, found, "warning");
  }
  if (isOlder(version, AGENT_CURRENT_RELEASE)) {
    return fail(
      `Agent ${version} is older than the current release ${AGENT_CURRENT_RELEASE}; check that the Agent Updater service runs (Microsoft pushes only some releases to auto-upgrade, so this can be expected).`,
      found,
      "info",
    );
  }
  return pass(`Agent ${version} is current (${AGENT_CURRENT_RELEASE} or later).`, found);
}

function script(ctx: RuleContext): string | null {
  const host = own(ctx, "host");
  const agent = readAgent(host);
  if (!agentEvidenced(agent) || !agent.version || !agent.parts || !isOlder(agent.version, AGENT_CURRENT_RELEASE)) return null;
  return remediationScript({
    ruleId: "host-agent-version",
    title: "The installed provisioning agent is a current version",
    host: hostLabel(host),
    notes: [
      `Collected agent version: ${agent.version}. Auto-upgrade cannot be disabled, but it needs the Agent Updater service running.`,
      "If the updater service is missing or upgrades still do not arrive, download the latest agent from the Microsoft Entra admin center and install it over the existing one.",
    ],
    body: [
      `$updater = Get-Service -DisplayName '${UPDATER_DISPLAY_NAME}' -ErrorAction SilentlyContinue | Select-Object -First 1`,
      "if ($null -eq $updater) {",
      `    Write-Warning 'The ${UPDATER_DISPLAY_NAME} service was not found: reinstall the latest agent from the Microsoft Entra admin center.'`,
      "} else {",
      "    if ($updater.StartType -eq 'Disabled') {",
      ...shouldProcess("$updater.Name", "'Set startup type to Automatic'", ["Set-Service -Name $updater.Name -StartupType Automatic", "$changed = $true"]).map(
        (line) => `        ${line}`,
      ),
      "    }",
      "    if ($updater.Status -ne 'Running') {",
      ...shouldProcess("$updater.Name", "'Start service'", ["Start-Service -Name $updater.Name", "$changed = $true"]).map((line) => `        ${line}`),
      "    } else {",
      "        Write-Verbose \"$($updater.Name) is already running\"",
      "    }",
      "}",
      psComment("Check the installed version afterwards:"),
      `Write-Verbose ("Agent version: " + (Get-Item -LiteralPath (Join-Path $env:ProgramFiles 'Microsoft Azure AD Connect Provisioning Agent\\AADConnectProvisioningAgent.exe') -ErrorAction SilentlyContinue).VersionInfo.FileVersion)`,
    ],
    afterChange: "The Agent Updater service was changed; upgrades are applied when Microsoft releases them to auto-upgrade.",
  });
}

export default defineRule({
  meta: {
    id: "host-agent-version",
    title: "The installed provisioning agent is a current version",
    severity: "warning",
    scope: "host",
    rationale:
      "Microsoft auto-upgrades the provisioning agent; an agent far behind the release history misses fixes (such as the deny-all NTLM fix in 1.1.1365.0) and behaviour changes (custom gMSA permissions in 1.1.2334.0), and points to a broken updater.",
    source: AGENT_VERSION_HISTORY,
    otherSources: [CLOUD_SYNC_FAQ, prerequisites(SECTION.gpad)],
    notes: [
      "Applies only to hosts with an installed agent (agent.installed = true, or a version reported without the flag). Hosts that report no agent data are treated as having none.",
      "Versions compare numerically part by part (1.1.999.0 < 1.1.1365.0).",
      "Severities (this project's choice): below 1.1.1365.0 fails as a warning and names the known failure with outgoing NTLM 'Deny all' (stressed when this host denies NTLM); below 1.1.2334.0 fails as a warning and explains that from 1.1.2334.0 Add-AADCloudSyncADDomain stops setting AD permissions on custom gMSAs (GPAD also requires 1.1.2334.0); below the current release 1.1.2505.0 fails as info (check auto-upgrade; only some releases are pushed to auto-upgrade). 1.1.2505.0 or later passes.",
      "1.1.2505.0 is the newest release in the version history revision the reference was built from (released 2026-09-21); it may fail to install on localized Windows Server (error 0x80070643). Update AGENT_CURRENT_RELEASE when a newer release ships.",
      "Auto-upgrade cannot be disabled (FAQ), so an old agent usually means the Agent Updater service is stopped or blocked from the network.",
    ],
    remediation: {
      summary: "Make sure the Agent Updater service runs so auto-upgrade can work, or install the latest agent manually.",
      steps: [
        `Check the service '${UPDATER_DISPLAY_NAME}' is running (startup type Automatic).`,
        "If the agent stays old, download the latest agent from the Microsoft Entra admin center (Cloud sync > Agents > Download on-premises agent) and install it over the existing one.",
        "Before upgrading past 1.1.2334.0 with a custom gMSA, grant the gMSA its AD permissions yourself (Set-AADCloudSyncPermissions).",
        "Upgrade agents older than 1.1.1365.0 before denying outgoing NTLM.",
      ],
    },
  },
  appliesTo,
  evaluate,
  remediationScript: script,
  examples: [
    { name: "current agent", expect: "pass", context: hostContext({ agent: { installed: true, version: "1.1.2505.0", serviceState: "Running" } }) },
    {
      name: "old agent on a server that denies NTLM",
      expect: "fail",
      context: hostContext({ agent: { installed: true, version: "1.1.1107.0", serviceState: "Running" }, ntlm: { restrictSendingNtlmTraffic: 2 } }),
    },
    { name: "agent installed, version not collected", expect: "unknown", context: hostContext({ agent: { installed: true } }) },
  ],
});

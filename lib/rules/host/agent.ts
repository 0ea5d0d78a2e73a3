import { own, readBoolean, readString } from "./read";
import { parseVersion } from "./version";

/**
 * Provisioning agent versions that matter for host rules ([VERHIST], reference §1.10).
 * - 1.1.1365.0 fixed wrong-credential failures when outgoing NTLM is "Deny all".
 * - 1.1.2334.0 (auto-upgrade 2026-05-05): Add-AADCloudSyncADDomain stops setting AD permissions on custom
 *   gMSAs; GPAD requires it.
 * - 1.1.2505.0 (2026-09-21): newest release in the version history the reference was built from.
 */
export const AGENT_NTLM_DENY_FIX = "1.1.1365.0";
export const AGENT_GMSA_PERMISSIONS_CHANGE = "1.1.2334.0";
export const AGENT_CURRENT_RELEASE = "1.1.2505.0";

export const AGENT_DIR = "C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent";
export const AGENT_VERSION_COLLECT =
  "(Get-Item 'C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\AADConnectProvisioningAgent.exe').VersionInfo.FileVersion";

export interface AgentFacts {
  installed?: boolean;
  /** Raw version text as collected. */
  version?: string;
  /** Parsed numeric parts, when the version text is a dotted version. */
  parts?: number[];
}

export function readAgent(host: unknown): AgentFacts {
  const agent = own(host, "agent");
  const installed = readBoolean(own(agent, "installed"));
  const version = readString(own(agent, "version"));
  const parts = version ? parseVersion(version) : undefined;
  return { installed, version, parts };
}

/** An agent is evidenced when the facts say installed, or (installed not collected) a version was reported. */
export function agentEvidenced(agent: AgentFacts): boolean {
  return agent.installed === true || (agent.installed === undefined && agent.version !== undefined);
}

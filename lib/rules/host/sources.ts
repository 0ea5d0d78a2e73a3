import type { RuleSource } from "@/lib/rules/types";

/**
 * The documents the host rules encode, one constant per revision, so every rule cites the same
 * document/section/URL/date. Revisions and mirrors are described in
 * /work/shared/reference/cloud-sync-requirements.md (source shorthand in brackets).
 */

const PREREQUISITES_URL = "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-prerequisites";
const PREREQUISITES = "Prerequisites for Microsoft Entra Cloud Sync";

/** [PRE-2026] The current prerequisites page, ms.date 2026-07-27, for a given section. */
export function prerequisites(section: string): RuleSource {
  return { document: PREREQUISITES, section, url: PREREQUISITES_URL, revised: "2026-07-27" };
}

/** [PRE-2025-09] The revision that declared Windows Server 2025 not supported (KB5070773 guidance). */
export function prerequisites2025September(section: string): RuleSource {
  return { document: PREREQUISITES, section, url: PREREQUISITES_URL, revised: "2025-09-29" };
}

/** [PRE-2025-04] Earlier revision ("Windows Server 2016 or later"). */
export function prerequisites2025April(section: string): RuleSource {
  return { document: PREREQUISITES, section, url: PREREQUISITES_URL, revised: "2025-04-09" };
}

/** [TLS-CONN] Entra Connect TLS 1.2 enforcement (lists the WOW6432Node and SystemDefaultTlsVersions values). */
export const TLS_CONNECT_ENFORCEMENT: RuleSource = {
  document: "Microsoft Entra Connect: TLS 1.2 enforcement for Microsoft Entra Connect",
  section: "Update the registry / Enable TLS 1.2",
  url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-tls-enforcement",
  revised: "2025-04-09",
};

/** [NETFX] .NET Framework Release DWORD table. */
export const DOTNET_VERSIONS: RuleSource = {
  document: "How to: Determine which .NET Framework versions are installed",
  section: "Detect .NET Framework 4.5 and later versions",
  url: "https://learn.microsoft.com/en-us/dotnet/framework/install/how-to-determine-which-versions-are-installed",
  revised: "2025-10-20",
};

/** [VERHIST] Provisioning agent release history (lists up to 1.1.2505.0). */
export const AGENT_VERSION_HISTORY: RuleSource = {
  document: "Microsoft Entra provisioning agent: Release version history",
  section: "Version history",
  url: "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/provisioning-agent-release-version-history",
  revised: "2026-04-14",
};

/** [FAQ] Cloud sync FAQ (Server Core unsupported, auto-upgrade cannot be disabled). */
export const CLOUD_SYNC_FAQ: RuleSource = {
  document: "Microsoft Entra Cloud Sync FAQ",
  section: "Frequently asked questions",
  url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/reference-cloud-sync-faq",
  revised: "2026-03-30",
};

/** Windows security policy reference for the outgoing-NTLM setting the hardening section links to. */
export const NTLM_OUTGOING_POLICY: RuleSource = {
  document: "Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers",
  section: "Possible values / Best practices",
  url: "https://learn.microsoft.com/en-us/windows/security/threat-protection/security-policy-settings/network-security-restrict-ntlm-outgoing-ntlm-traffic-to-remote-servers",
  revised: "2022-06-15",
};

/** Section names of the current prerequisites page, as headed on the page. */
export const SECTION = {
  agentRequirements: "Cloud provisioning agent requirements",
  harden: "Harden your Microsoft Entra provisioning agent server",
  onPremises: "In your on-premises environment",
  moreRequirements: "More requirements",
  tls: "More requirements / TLS requirements",
  firewall: "Firewall and Proxy requirements",
  ntlm: "NTLM requirement",
  gpad: "Provision Microsoft Entra ID to Active Directory Domain Services - Prerequisites",
  gmsa: "Group Managed Service Accounts / Prerequisites for gMSA",
} as const;

/** Alternative to any single command: the project's collector gathers every host fact at once. */
export const COLLECTOR_HINT = "or run Get-CloudSyncReadiness.ps1 on the server";

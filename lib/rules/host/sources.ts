import type { RuleSource } from "@/lib/rules/types";
import { cite, DOCS, HOST_TITLES, titled } from "../sources";

/**
 * The host rules' citations of the shared Microsoft document catalogue (../sources.ts): the prerequisites
 * page by section and revision, and the sections the host rules cite of the other documents.
 */

const PREREQUISITES = titled(DOCS.prerequisites, HOST_TITLES.prerequisites);
const PREREQUISITES_2025_SEPTEMBER = titled(DOCS.prerequisites2025September, HOST_TITLES.prerequisites);
const PREREQUISITES_2025_APRIL = titled(DOCS.prerequisites2025, HOST_TITLES.prerequisites);

/** [PRE-2026] The current prerequisites page, ms.date 2026-07-27, for a given section. */
export function prerequisites(section: string): RuleSource {
  return cite(PREREQUISITES, section);
}

/** [PRE-2025-09] The revision that declared Windows Server 2025 not supported (KB5070773 guidance). */
export function prerequisites2025September(section: string): RuleSource {
  return cite(PREREQUISITES_2025_SEPTEMBER, section);
}

/** [PRE-2025-04] Earlier revision ("Windows Server 2016 or later"). */
export function prerequisites2025April(section: string): RuleSource {
  return cite(PREREQUISITES_2025_APRIL, section);
}

export const TLS_CONNECT_ENFORCEMENT: RuleSource = cite(DOCS.tlsConnectEnforcement, "Update the registry / Enable TLS 1.2");
export const DOTNET_VERSIONS: RuleSource = cite(DOCS.dotnetVersions, "Detect .NET Framework 4.5 and later versions");
export const AGENT_VERSION_HISTORY: RuleSource = cite(titled(DOCS.agentVersionHistory, HOST_TITLES.agentVersionHistory), "Version history");
export const CLOUD_SYNC_FAQ: RuleSource = cite(DOCS.faq, "Frequently asked questions");
export const NTLM_OUTGOING_POLICY: RuleSource = cite(DOCS.ntlmOutgoingPolicy, "Possible values / Best practices");

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

import type { CollectHint } from "@/lib/rules/types";

/** Alternative to any single command, said outside the code box: the project's collector gathers every host fact at once. */
export const COLLECTOR_HINT =
  "The command shows the value on the server; to record it here, run the collector, Get-CloudSyncReadiness.ps1, on the server (it gathers every host fact at once, in one file to upload) or upload an inventory that has it.";

/** A host fact's collect hint: the single read-only command, with the collector as the alternative. */
export function hostCollect(command: string): CollectHint {
  return { command, note: COLLECTOR_HINT };
}

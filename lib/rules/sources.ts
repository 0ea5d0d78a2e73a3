import type { RuleSource } from "@/lib/rules/types";

/**
 * The Microsoft documents the rules encode, one entry per document and revision (ms.date), shared by every
 * rule family so that each rule cites the same title, URL and date. Source shorthand in brackets; see
 * /work/shared/reference/cloud-sync-requirements.md for where each revision was read.
 */
export type SourceDocument = Omit<RuleSource, "section">;

const PREREQUISITES_URL = "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-prerequisites";
const PREREQUISITES_TITLE = "Prerequisites for Microsoft Entra Cloud Sync in Microsoft Entra ID";
const AGENT_VERSION_HISTORY_URL = "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/provisioning-agent-release-version-history";

export const DOCS = {
  /** [PRE-2026] Current cloud sync prerequisites page (ms.date 2026-07-27, PR 2048 added Windows Server 2025); its "Custom gMSA account" table is unchanged since 2021. */
  prerequisites: { document: PREREQUISITES_TITLE, url: PREREQUISITES_URL, revised: "2026-07-27" },
  /** [PRE-2025-09] The revision that declared Windows Server 2025 not supported (KB5070773 guidance). */
  prerequisites2025September: { document: PREREQUISITES_TITLE, url: PREREQUISITES_URL, revised: "2025-09-29" },
  /** [PRE-2025-04] April 2025 revision: first with the 4 MB scoping-configuration limit instead of "59 OUs"; "Windows Server 2016 or later". */
  prerequisites2025: { document: PREREQUISITES_TITLE, url: PREREQUISITES_URL, revised: "2025-04-09" },
  /** November 2023 revision: "You can only sync up to 59 separate OUs or Security Groups". */
  prerequisites2023: { document: PREREQUISITES_TITLE, url: PREREQUISITES_URL, revised: "2023-11-06" },
  /** [GMSA-CS] What the installer grants ("ALL" permissions). */
  gmsaCloudSync: {
    document: "Use a group managed service account with Microsoft Entra Cloud Sync",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/gmsa-cloud-sync",
    revised: "2025-09-29",
  },
  /** [GMSA-START] PrincipalsAllowedToRetrieveManagedPassword. */
  gmsaGettingStarted: {
    document: "Get started with Group Managed Service Accounts (Windows Server)",
    url: "https://learn.microsoft.com/en-us/windows-server/identity/ad-ds/manage/group-managed-service-accounts/group-managed-service-accounts/getting-started-with-group-managed-service-accounts",
    revised: "2024-08-26",
  },
  kdsRootKey: {
    document: "Create a Key Distribution Service (KDS) root key (Windows Server)",
    url: "https://learn.microsoft.com/en-us/windows-server/identity/ad-ds/manage/group-managed-service-accounts/group-managed-service-accounts/create-the-key-distribution-services-kds-root-key",
    revised: "2025-07-09",
  },
  schemaVersion: {
    document: "Find the current Active Directory schema (Windows Server)",
    url: "https://learn.microsoft.com/en-us/windows-server/identity/ad-ds/deploy/find-active-directory-schema",
    revised: "2024-04-03",
  },
  whatsNew2025: {
    document: "What's new in Windows Server 2025",
    url: "https://learn.microsoft.com/en-us/windows-server/get-started/whats-new-windows-server-2025",
    revised: "2026-01-15",
  },
  /** [GMSA-CMD] Set-AADCloudSyncPermissions; says the permissions are granted at the domain root. */
  gmsaCmdlets: {
    document: "Microsoft Entra provisioning Agent gMSA PowerShell cmdlets",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-gmsa-cmdlets",
    revised: "2025-04-09",
  },
  /** [ADDS-CONN] Entra Connect's ADSyncConfig permission sets (dsacls-based reference implementation). */
  adDsConnectorAccount: {
    document: "Microsoft Entra Connect: Configure AD DS Connector Account Permissions",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-configure-ad-ds-connector-account",
    revised: "2025-04-09",
  },
  decisionGuide: {
    document: "Migrate from Microsoft Entra Connect to Cloud Sync: Decision Guide",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/connect-to-cloud-sync-decision-guide",
    revised: "2025-02-17",
  },
  /** [FAQ] Cloud sync FAQ (Server Core unsupported, auto-upgrade cannot be disabled). */
  faq: {
    document: "Microsoft Entra Cloud Sync FAQ",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/reference-cloud-sync-faq",
    revised: "2026-03-30",
  },
  /** [VERHIST] Provisioning agent release history (lists up to 1.1.2505.0; 1.1.2334.0: Add-AADCloudSyncADDomain stops setting permissions on custom gMSAs). */
  agentVersionHistory: {
    document: "Microsoft Entra Connect Provisioning Agent - Version release history",
    url: AGENT_VERSION_HISTORY_URL,
    revised: "2026-04-14",
  },
  /** Exchange hybrid writeback with cloud sync (merill/entra-docs-mirror @ 60bcd50e…): agent 1.1.1107.0 or later, Exchange-extended schema. */
  exchangeHybrid: {
    document: "Exchange hybrid writeback with cloud sync",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/exchange-hybrid",
    revised: "2026-08-25",
  },
  /** [TLS-CONN] Entra Connect TLS 1.2 enforcement (lists the WOW6432Node and SystemDefaultTlsVersions values). */
  tlsConnectEnforcement: {
    document: "Microsoft Entra Connect: TLS 1.2 enforcement for Microsoft Entra Connect",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-tls-enforcement",
    revised: "2025-04-09",
  },
  /** [NETFX] .NET Framework Release DWORD table. */
  dotnetVersions: {
    document: "How to: Determine which .NET Framework versions are installed",
    url: "https://learn.microsoft.com/en-us/dotnet/framework/install/how-to-determine-which-versions-are-installed",
    revised: "2025-10-20",
  },
  /**
   * The Windows update the 2025-09-29 prerequisites revision links to for the Windows Server 2025 known issue;
   * the link's title gives its build, 26100.6901 (later cumulative updates carry a higher UBR on build 26100).
   */
  kb5070773: {
    document: "October 20, 2025 - KB5070773 (OS Build 26100.6901) Out-of-band",
    url: "https://support.microsoft.com/topic/october-20-2025-kb5070773-os-build-26100-6901-out-of-band-f8effaa1-1c73-41e5-bcb3-e58a46c7601e",
    revised: "2025-10-20",
  },
  /** Windows security policy reference for the outgoing-NTLM setting the hardening section links to. */
  ntlmOutgoingPolicy: {
    document: "Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers",
    url: "https://learn.microsoft.com/en-us/windows/security/threat-protection/security-policy-settings/network-security-restrict-ntlm-outgoing-ntlm-traffic-to-remote-servers",
    revised: "2022-06-15",
  },
} as const satisfies Record<string, SourceDocument>;

/**
 * The titles under which the host rules have always cited two of these documents (shorter than the page
 * headings above). docs/rules.md and the rules page show them, so they are kept as written until the
 * titles are unified on purpose.
 */
export const HOST_TITLES = {
  prerequisites: "Prerequisites for Microsoft Entra Cloud Sync",
  agentVersionHistory: "Microsoft Entra provisioning agent: Release version history",
} as const;

/** A citation of one section of a document; `anchor` is the Learn heading id, appended to the URL. */
export function cite(doc: SourceDocument, section: string, anchor?: string): RuleSource {
  return { document: doc.document, section, url: anchor ? `${doc.url}#${anchor}` : doc.url, revised: doc.revised };
}

/** The same document cited under another title (see HOST_TITLES). */
export function titled(doc: SourceDocument, document: string): SourceDocument {
  return { document, url: doc.url, revised: doc.revised };
}

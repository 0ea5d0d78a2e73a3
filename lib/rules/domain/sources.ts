import type { RuleSource } from "@/lib/rules/types";

/**
 * The documents the domain, tenant, sync-scope and fleet rules encode, with the revision (ms.date) each rule was
 * written against. See /work/shared/reference/cloud-sync-requirements.md for where each revision was read.
 */
type Doc = Omit<RuleSource, "section">;

const PREREQ_URL = "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-prerequisites";
const PREREQ_TITLE = "Prerequisites for Microsoft Entra Cloud Sync in Microsoft Entra ID";

export const DOCS = {
  /** Current cloud sync prerequisites page (ms.date 2026-07-27, PR 2048 added Windows Server 2025). */
  prerequisites: { document: PREREQ_TITLE, url: PREREQ_URL, revised: "2026-07-27" },
  /** April 2025 revision: first with the 4 MB scoping-configuration limit instead of "59 OUs". */
  prerequisites2025: { document: PREREQ_TITLE, url: PREREQ_URL, revised: "2025-04-09" },
  /** November 2023 revision: "You can only sync up to 59 separate OUs or Security Groups". */
  prerequisites2023: { document: PREREQ_TITLE, url: PREREQ_URL, revised: "2023-11-06" },
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
  gmsaCmdlets: {
    document: "Microsoft Entra provisioning Agent gMSA PowerShell cmdlets",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-gmsa-cmdlets",
    revised: "2025-04-09",
  },
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
  faq: {
    document: "Microsoft Entra Cloud Sync FAQ",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/reference-cloud-sync-faq",
    revised: "2026-03-30",
  },
  agentVersionHistory: {
    document: "Microsoft Entra Connect Provisioning Agent - Version release history",
    url: "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/provisioning-agent-release-version-history",
    revised: "2026-04-14",
  },
} as const satisfies Record<string, Doc>;

/** A citation of one section of a document; `anchor` is the Learn heading id, appended to the URL. */
export function cite(doc: Doc, section: string, anchor?: string): RuleSource {
  return { document: doc.document, section, url: anchor ? `${doc.url}#${anchor}` : doc.url, revised: doc.revised };
}

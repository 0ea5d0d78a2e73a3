import type { RuleSource } from "@/lib/rules/types";

/**
 * The documents the gMSA rules encode, with the revision (ms.date) each was read at.
 * See /work/shared/reference/cloud-sync-requirements.md §2–3 for where each revision was read.
 */
type Doc = Omit<RuleSource, "section">;

export const ACL_DOCS = {
  /** [PRE-2026] Current prerequisites page; its "Custom gMSA account" table is unchanged since 2021. */
  prerequisites: {
    document: "Prerequisites for Microsoft Entra Cloud Sync in Microsoft Entra ID",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-prerequisites",
    revised: "2026-07-27",
  },
  /** [GMSA-CS] What the installer grants ("ALL" permissions). */
  gmsaCloudSync: {
    document: "Use a group managed service account with Microsoft Entra Cloud Sync",
    url: "https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/gmsa-cloud-sync",
    revised: "2025-09-29",
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
  /** [VERHIST] 1.1.2334.0: Add-AADCloudSyncADDomain stops setting permissions on custom gMSAs. */
  agentVersionHistory: {
    document: "Microsoft Entra Connect Provisioning Agent - Version release history",
    url: "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/provisioning-agent-release-version-history",
    revised: "2026-04-14",
  },
  /** [GMSA-START] PrincipalsAllowedToRetrieveManagedPassword. */
  gmsaGettingStarted: {
    document: "Get started with Group Managed Service Accounts (Windows Server)",
    url: "https://learn.microsoft.com/en-us/windows-server/identity/ad-ds/manage/group-managed-service-accounts/group-managed-service-accounts/getting-started-with-group-managed-service-accounts",
    revised: "2024-08-26",
  },
} as const satisfies Record<string, Doc>;

/** A citation of one section; `anchor` is the Learn heading id appended to the URL. */
export function citeAcl(doc: Doc, section: string, anchor?: string): RuleSource {
  return { document: doc.document, section, url: anchor ? `${doc.url}#${anchor}` : doc.url, revised: doc.revised };
}

/** Notes shared by every gMSA ACL rule. */
export const COMMON_ACL_NOTES: readonly string[] = [
  "The documented permissions are granted on the domain root ([GMSA-CMD]); the rule judges the ACL export of the domain root and says so in evidence when the export is for another object.",
  "Since agent 1.1.2334.0 Add-AADCloudSyncADDomain no longer sets AD permissions on a custom gMSA: administrators must grant them ([VERHIST]).",
  "Grants to a group count only when group membership data (domain.groupMemberships) is supplied; the status then says covered-by-group.",
  "Deny ACE order is not evaluated: any Deny ACE for the gMSA or its groups is treated as cancelling the permission, although in canonical order an explicit allow is evaluated before an inherited deny.",
  "SelfAndChildren/Children inheritance reaches one level of children only and is not accepted as covering all descendants.",
  "Objects with inheritance disabled or protected by AdminSDHolder do not receive domain-root ACEs; see the domain-protected-objects rule.",
];

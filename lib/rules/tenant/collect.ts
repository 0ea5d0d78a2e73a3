import type { CollectHint } from "@/lib/rules/types";

/** Hybrid Identity Administrator built-in role template id (stable across tenants). */
export const HYBRID_IDENTITY_ADMIN_ROLE_ID = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2";

/** How to collect each tenant fact (Microsoft Graph, read-only). */
export const COLLECT = {
  hybridIdentityAdmins:
    `GET https://graph.microsoft.com/v1.0/directoryRoles(roleTemplateId='${HYBRID_IDENTITY_ADMIN_ROLE_ID}')/members` +
    "?$select=userPrincipalName,userType,onPremisesSyncEnabled,accountEnabled (Directory.Read.All / RoleManagement.Read.Directory)",
  domains: "GET https://graph.microsoft.com/v1.0/domains?$select=id,isVerified,isInitial,isDefault (Domain.Read.All)",
  idfixAttestation:
    "Run IdFix (https://github.com/microsoft/idfix) against the in-scope OUs, then record the \"idfix-run\" attestation " +
    "(who, when, result) on the tenant page.",
} as const;

const GRAPH_NOTE = "Needs the Microsoft.Graph.Authentication module (Install-Module Microsoft.Graph.Authentication) and consent to the scopes named; upload the result with the tenant facts.";

/** COLLECT as collect hints: Microsoft Graph calls as runnable PowerShell (Invoke-MgGraphRequest), the rest beside the box. */
export const HINT: Record<keyof typeof COLLECT, CollectHint> = {
  hybridIdentityAdmins: {
    command:
      "Connect-MgGraph -Scopes Directory.Read.All, RoleManagement.Read.Directory\n" +
      `Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/directoryRoles(roleTemplateId=''${HYBRID_IDENTITY_ADMIN_ROLE_ID}'')/members?$select=userPrincipalName,userType,onPremisesSyncEnabled,accountEnabled'`,
    note: GRAPH_NOTE,
  },
  domains: {
    command: "Connect-MgGraph -Scopes Domain.Read.All\nInvoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/domains?$select=id,isVerified,isInitial,isDefault'",
    note: GRAPH_NOTE,
  },
  idfixAttestation: { command: "", note: COLLECT.idfixAttestation },
};

/** Tenant facts of the optional features (group provisioning to AD): licence and Connect Sync. */
export const FEATURE_HINT = {
  entraIdP1: {
    command:
      "Connect-MgGraph -Scopes Organization.Read.All\n" +
      "Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/subscribedSkus?$select=skuPartNumber,capabilityStatus,servicePlans'",
    note:
      "Entra ID P1 is present when an enabled SKU carries the service plan AAD_PREMIUM (P1) or AAD_PREMIUM_P2; record entraIdP1 = true or false with the tenant facts. " +
      GRAPH_NOTE,
  },
  connectSync: {
    command:
      "Connect-MgGraph -Scopes Organization.Read.All\n" +
      "Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/organization?$select=onPremisesSyncEnabled,onPremisesLastSyncDateTime'",
    note:
      "Shows whether directory sync runs at all; on each Entra Connect Sync server read the installed version (Programs and Features, or (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect').Version) " +
      "and record connectSync.inUse and connectSync.version with the tenant facts. " +
      GRAPH_NOTE,
  },
} as const satisfies Record<string, CollectHint>;

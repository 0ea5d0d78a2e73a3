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

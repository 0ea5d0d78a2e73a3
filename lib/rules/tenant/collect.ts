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

import type { TenantFacts } from "@/lib/facts";

/**
 * TenantFacts -> the combined Microsoft Graph file the graph-json parser reads: the GET /v1.0/domains response and
 * the Hybrid Identity Administrator role members response
 * (GET /v1.0/directoryRoles(roleTemplateId='8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2')/members
 * ?$select=userPrincipalName,userType,onPremisesSyncEnabled,accountEnabled), with tenantId and collectedAt. Pure.
 *
 * Not carried: attestations (they are recorded in the app, not exported from Graph). Domain ids come back
 * lower-case; collectedAt in toISOString() form. A list that was not collected (undefined) is left out.
 */

const GRAPH = "https://graph.microsoft.com/v1.0";

export function toGraphJson(tenant: TenantFacts): string {
  const document: Record<string, unknown> = {};
  if (tenant.tenantId !== undefined) document.tenantId = tenant.tenantId;
  if (tenant.collectedAt !== undefined) document.collectedAt = tenant.collectedAt;
  if (tenant.domains !== undefined) {
    document.domains = { "@odata.context": `${GRAPH}/$metadata#domains`, value: tenant.domains.map((domain) => ({ ...domain })) };
  }
  if (tenant.hybridIdentityAdmins !== undefined) {
    document.hybridIdentityAdministrators = {
      "@odata.context": `${GRAPH}/$metadata#directoryObjects(userPrincipalName,userType,onPremisesSyncEnabled,accountEnabled)`,
      value: tenant.hybridIdentityAdmins.map((admin) => ({ "@odata.type": "#microsoft.graph.user", ...admin })),
    };
  }
  // Beyond Graph (issue 14): the features used, the licence and Connect Sync, read by graph-json as they are.
  if (tenant.featuresUsed !== undefined) document.featuresUsed = { ...tenant.featuresUsed };
  if (tenant.entraIdP1 !== undefined) document.entraIdP1 = tenant.entraIdP1;
  if (tenant.connectSync !== undefined) document.connectSync = { ...tenant.connectSync };
  return JSON.stringify(document, null, 2);
}

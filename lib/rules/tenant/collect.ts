import type { CollectHint } from "@/lib/rules/types";

/** Hybrid Identity Administrator built-in role template id (stable across tenants). */
export const HYBRID_IDENTITY_ADMIN_ROLE_ID = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2";
/** Global Administrator built-in role template id (stable across tenants). */
export const GLOBAL_ADMIN_ROLE_ID = "62e90394-69f5-4237-9190-012177145e10";

const ADMIN_SELECT = "userPrincipalName,userType,onPremisesSyncEnabled,accountEnabled";

/**
 * Microsoft Graph PowerShell writing one combined tenant file (the newest tenant upload replaces the previous one
 * whole, so it carries the domains too): the tenant-wide assignments (roleAssignments: active, including
 * activated PIM roles) and PIM eligibilities (roleEligibilitySchedules) of both roles, each user re-read with the
 * account facts the rule needs, and the users of each role-assignable group (transitiveMembers) added.
 */
export const ROLE_COLLECT_SCRIPT = [
  "Connect-MgGraph -Scopes Domain.Read.All, RoleManagement.Read.Directory, Directory.Read.All",
  "$graph = 'https://graph.microsoft.com/v1.0'",
  "$select = 'id,userPrincipalName,userType,onPremisesSyncEnabled,accountEnabled'",
  "$out = [ordered]@{ tenantId = (Get-MgContext).TenantId; collectedAt = (Get-Date).ToUniversalTime().ToString('o') }",
  "$out.domains = @((Invoke-MgGraphRequest -Method GET -Uri \"$graph/domains\").value)",
  "foreach ($kind in 'roleAssignments', 'roleEligibilitySchedules') {",
  "  $out[$kind] = @(foreach ($role in '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', '62e90394-69f5-4237-9190-012177145e10') {",
  "    foreach ($a in (Invoke-MgGraphRequest -Method GET -Uri \"$graph/roleManagement/directory/$kind`?`$filter=roleDefinitionId eq '$role'&`$expand=principal\").value) {",
  "      $p = $a.principal",
  "      if ($p.'@odata.type' -eq '#microsoft.graph.user') {",
  "        $a.principal = Invoke-MgGraphRequest -Method GET -Uri \"$graph/users/$($p.id)?`$select=$select\"",
  "        $a.principal['@odata.type'] = '#microsoft.graph.user'",
  "      } elseif ($p.'@odata.type' -eq '#microsoft.graph.group') {",
  "        $p.members = @((Invoke-MgGraphRequest -Method GET -Uri \"$graph/groups/$($p.id)/transitiveMembers/microsoft.graph.user?`$select=$select&`$top=999\").value)",
  "      }",
  "      $a",
  "    }",
  "  })",
  "}",
  "$out | ConvertTo-Json -Depth 8 | Set-Content -Encoding UTF8 tenant.json",
].join("\n");

/** How to collect each tenant fact (Microsoft Graph, read-only). */
export const COLLECT = {
  hybridIdentityAdmins:
    `GET https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments and .../roleEligibilitySchedules ?$filter=roleDefinitionId eq '<id>'&$expand=principal ` +
    `for Hybrid Identity Administrator (${HYBRID_IDENTITY_ADMIN_ROLE_ID}) and Global Administrator (${GLOBAL_ADMIN_ROLE_ID}), ` +
    `with ${ADMIN_SELECT} of each user and of each role-assignable group's members (RoleManagement.Read.Directory / Directory.Read.All)`,
  domains: "GET https://graph.microsoft.com/v1.0/domains?$select=id,isVerified,isInitial,isDefault (Domain.Read.All)",
  idfixAttestation:
    "Run IdFix (https://github.com/microsoft/idfix) against the in-scope OUs, then record the \"idfix-run\" attestation " +
    "(who, when, result) on the tenant page.",
} as const;

const GRAPH_NOTE = "Needs the Microsoft.Graph.Authentication module (Install-Module Microsoft.Graph.Authentication) and consent to the scopes named; upload the result with the tenant facts.";

/** COLLECT as collect hints: Microsoft Graph calls as runnable PowerShell (Invoke-MgGraphRequest), the rest beside the box. */
export const HINT: Record<keyof typeof COLLECT, CollectHint> = {
  hybridIdentityAdmins: {
    command: ROLE_COLLECT_SCRIPT,
    note:
      GRAPH_NOTE +
      " It lists active and PIM-eligible holders of both roles, directly or through a role-assignable group, with the tenant's domains, in tenant.json (one combined file: the newest tenant upload replaces the previous one). " +
      `The older list of the role's active direct members (GET /v1.0/directoryRoles(roleTemplateId='${HYBRID_IDENTITY_ADMIN_ROLE_ID}')/members?$select=${ADMIN_SELECT}) is still read, but misses eligible, group-based and Global Administrator holders.`,
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

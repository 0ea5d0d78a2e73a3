import type { CollectHint } from "@/lib/rules/types";

/** How to collect the sync-scope facts. */
export const COLLECT = {
  configurations:
    "Import-Module 'C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\Utility\\AADCloudSyncTools'; " +
    "Connect-AADCloudSyncTools; Get-AADCloudSyncToolsJobScope (per sync job ID), or export each configuration's " +
    "Scoping filters page from Microsoft Entra admin center > Entra Connect > Cloud sync > Configurations",
  groupMembers: "(Get-ADGroup -Identity '<scoping group>' -Properties member).member.Count",
  inetOrgPersonCount:
    "(Get-ADObject -SearchBase '<in-scope OU DN>' -LDAPFilter '(objectClass=inetOrgPerson)' -ResultSetSize $null | Measure-Object).Count",
  passwordHashSync: "Microsoft Entra admin center > Cloud sync > <configuration> > Properties: \"Password hash sync\" (or Get-AADCloudSyncToolsJobSettings)",
  objectCount:
    "(Get-ADObject -SearchBase '<in-scope OU DN>' -LDAPFilter '(|(objectCategory=person)(objectClass=group)(objectClass=contact))' -ResultSetSize $null | Measure-Object).Count",
} as const;

const CLOUD_SYNC_TOOLS =
  "Import-Module 'C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\Utility\\AADCloudSyncTools'\nConnect-AADCloudSyncTools";
const OU_NOTE = "Replace <in-scope OU DN> with each OU in the configuration's scope, then record the counts with the sync-scope facts.";

/** COLLECT as collect hints: the command in the code box; the portal alternative and the upload beside it. */
export const HINT: Record<keyof typeof COLLECT, CollectHint> = {
  configurations: {
    command: `${CLOUD_SYNC_TOOLS}\nGet-AADCloudSyncToolsJobScope`,
    note:
      "Run it on an agent server (the AADCloudSyncTools module ships with the agent); Get-AADCloudSyncToolsJobScope asks for each sync job's ID. " +
      "Or export each configuration's Scoping filters page from Microsoft Entra admin center > Entra Connect > Cloud sync > Configurations, and upload it as the sync-scope facts.",
  },
  groupMembers: { command: COLLECT.groupMembers, note: "Replace <scoping group> with each scoping group of the configuration, then record the counts with the sync-scope facts." },
  inetOrgPersonCount: { command: COLLECT.inetOrgPersonCount, note: OU_NOTE },
  passwordHashSync: {
    command: `${CLOUD_SYNC_TOOLS}\nGet-AADCloudSyncToolsJobSettings`,
    note: 'Or read "Password hash sync" in Microsoft Entra admin center > Cloud sync > <configuration> > Properties, and record it with the sync-scope facts.',
  },
  objectCount: { command: COLLECT.objectCount, note: OU_NOTE },
};

/** Group provisioning to AD: the scoping mode and sizes of each configuration that provisions groups to AD. */
export const GPAD_SCOPE_HINT: CollectHint = {
  command:
    "Connect-MgGraph -Scopes Group.Read.All\n" +
    "Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/groups/$count?$filter=securityEnabled eq true' -Headers @{ ConsistencyLevel = 'eventual' }",
  note:
    "Record, for each configuration that provisions groups to AD, groupProvisioningScope: mode (selected-groups or all-groups), attributeFilter, groupCount, " +
    "membershipCount (direct memberships in scope), largestGroupMembers, and for all-groups the tenant's tenantUsers, tenantGroups and tenantMemberships; " +
    "read the scope in Microsoft Entra admin center > Cloud sync > the Entra ID to AD configuration > Scoping filters, and upload it with the sync-scope facts.",
};

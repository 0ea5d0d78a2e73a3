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

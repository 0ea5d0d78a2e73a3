/** How to collect each domain fact: the exact command an administrator runs (read-only). */
export const COLLECT = {
  schemaVersion: "Get-ADObject (Get-ADRootDSE).schemaNamingContext -Property objectVersion",
  domainControllers: "Get-ADDomainController -Filter * | Select-Object Name, OperatingSystem, OperatingSystemVersion",
  dcRsatAdPowerShell:
    "Invoke-Command -ComputerName (Get-ADDomainController -Filter *).HostName -ScriptBlock { Get-WindowsFeature RSAT-AD-PowerShell | Select-Object Name, Installed }",
  kdsRootKeys: "Get-KdsRootKey | Select-Object KeyId, EffectiveTime, CreationTime",
  functionalLevels:
    "Get-ADObject (Get-ADRootDSE).defaultNamingContext -Properties msDS-Behavior-Version; " +
    'Get-ADObject "CN=Partitions,$((Get-ADRootDSE).configurationNamingContext)" -Properties msDS-Behavior-Version',
  inheritanceDisabled:
    "Get-ADObject -SearchBase '<in-scope OU DN>' -LDAPFilter '(objectClass=*)' -Properties nTSecurityDescriptor | " +
    "Where-Object { $_.nTSecurityDescriptor.AreAccessRulesProtected } | Select-Object DistinguishedName",
  adminCount: "Get-ADObject -SearchBase '<in-scope OU DN>' -LDAPFilter '(adminCount=1)' | Select-Object DistinguishedName",
  domainName: "Get-ADDomain | Select-Object DNSRoot, NetBIOSName, DistinguishedName",
} as const;

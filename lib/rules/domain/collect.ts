import type { CollectHint } from "@/lib/rules/types";

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
  exchangeSchemaVersion:
    'Get-ADObject -SearchBase (Get-ADRootDSE).schemaNamingContext -LDAPFilter "(cn=ms-Exch-Schema-Version-Pt)" -Properties rangeUpper | Select-Object Name, rangeUpper',
} as const;

const DOMAIN_NOTE = "Run it on a domain controller or an admin workstation with RSAT, then upload the result with the domain facts. Or run the collector with -IncludeDomain on a domain controller: it collects every domain fact at once.";
const OU_NOTE = "Replace <in-scope OU DN> with each OU in the sync scope (the command reads one OU and everything below it). ";

/** COLLECT as collect hints: the command in the code box, where to run it and what to upload beside it. */
export const HINT: Record<keyof typeof COLLECT, CollectHint> = {
  schemaVersion: { command: COLLECT.schemaVersion, note: DOMAIN_NOTE },
  domainControllers: { command: COLLECT.domainControllers, note: DOMAIN_NOTE },
  dcRsatAdPowerShell: { command: COLLECT.dcRsatAdPowerShell, note: `Needs PowerShell remoting to every domain controller. ${DOMAIN_NOTE}` },
  kdsRootKeys: { command: COLLECT.kdsRootKeys, note: `Reading KDS root keys needs Domain Admins or Enterprise Admins. ${DOMAIN_NOTE}` },
  functionalLevels: { command: COLLECT.functionalLevels.replace("; ", "\n"), note: DOMAIN_NOTE },
  inheritanceDisabled: { command: COLLECT.inheritanceDisabled, note: OU_NOTE + DOMAIN_NOTE },
  adminCount: { command: COLLECT.adminCount, note: OU_NOTE + DOMAIN_NOTE },
  domainName: { command: COLLECT.domainName, note: DOMAIN_NOTE },
  exchangeSchemaVersion: {
    command: COLLECT.exchangeSchemaVersion,
    note: `No output means the schema was never extended for Exchange: record exchangeSchemaVersion = null. ${DOMAIN_NOTE}`,
  },
};

/** Both protected-object listings in one box. */
export const PROTECTED_OBJECTS_HINT: CollectHint = { command: `${COLLECT.inheritanceDisabled}\n${COLLECT.adminCount}`, note: OU_NOTE + DOMAIN_NOTE };

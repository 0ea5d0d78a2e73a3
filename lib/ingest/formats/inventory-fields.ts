import { headerKey } from "../csv/read-csv";
import type { MemoryUnit } from "../values/memory";

/**
 * Canonical fields of the generic inventory CSV and the header names recognised for each
 * (case-, space- and punctuation-insensitive). The UI offers these ids in its column-mapping step;
 * ParseOptions.columnMapping (source header -> field id, or "ignore") overrides and extends the aliases.
 */

export const INVENTORY_FIELD_IDS = [
  "fqdn",
  "hostName",
  "domain",
  "netbiosDomain",
  "osCaption",
  "osVersion",
  "osBuild",
  "osUbr",
  "installationType",
  "serverLevel",
  "productType",
  "domainRole",
  "partOfDomain",
  "architecture",
  "memory",
  "installedMemory",
  "dotnetRelease",
  "executionPolicy",
  "vaultSvc",
  "tls12ClientEnabled",
  "tls12ClientDisabledByDefault",
  "tls12ServerEnabled",
  "tls12ServerDisabledByDefault",
  "schUseStrongCrypto",
  "systemDefaultTlsVersions",
  "schUseStrongCrypto32",
  "systemDefaultTlsVersions32",
  "restrictSendingNtlmTraffic",
  "restrictNtlmInDomain",
  "hotfixes",
  "agentInstalled",
  "agentVersion",
  "agentServiceState",
  "tier0",
  "firewallFiltersByUser",
  "networkServiceAllowed",
  "site",
  "owner",
  "tags",
  "collectedAt",
  "sid",
  "objectGuid",
  "cloud",
  "proxy",
] as const;

export type InventoryFieldId = (typeof INVENTORY_FIELD_IDS)[number];

/** Mapping target that drops a column. */
export const IGNORE_COLUMN = "ignore";

export interface InventoryField {
  id: InventoryFieldId;
  label: string;
  description: string;
  /** Header names recognised without a mapping (compared after removing case, spaces and punctuation). */
  aliases: readonly string[];
  /** Memory fields: unit assumed when neither the value nor the header names one. */
  defaultUnit?: MemoryUnit;
}

export const INVENTORY_FIELDS: readonly InventoryField[] = [
  {
    id: "fqdn",
    label: "FQDN",
    description: "Fully qualified DNS name of the host (srv01.corp.contoso.com).",
    aliases: ["FQDN", "DNSHostName", "DNS Host Name", "DNS Name", "DnsName", "CsDNSHostName", "Fully Qualified Domain Name", "Hostname FQDN"],
  },
  {
    id: "hostName",
    label: "Host name",
    description: "Host name, short (SRV01) or fully qualified; short names are qualified with the Domain column or the default domain.",
    aliases: [
      "Host Name",
      "Hostname",
      "Host",
      "ComputerName",
      "Computer Name",
      "Computer",
      "Name",
      "Server",
      "ServerName",
      "Server Name",
      "CsName",
      "MachineName",
      "Machine Name",
      "Machine",
      "PSComputerName",
      "Device Name",
      "DeviceName",
      "NetBIOS Name",
      "NetbiosName",
      "System Name",
      "SystemName",
    ],
  },
  {
    id: "domain",
    label: "Domain",
    description: "DNS domain the host is joined to (corp.contoso.com).",
    aliases: ["Domain", "DomainName", "Domain Name", "DNS Domain", "DnsDomain", "CsDomain", "AD Domain", "Active Directory Domain", "DNSDomainName"],
  },
  {
    id: "netbiosDomain",
    label: "NetBIOS domain",
    description: "NetBIOS name of the domain (CORP).",
    aliases: ["NetBIOS Domain", "NetbiosDomain", "NetBIOS Domain Name", "Domain NetBIOS", "NetBIOSDomainName"],
  },
  {
    id: "osCaption",
    label: "Operating system",
    description: "OS name, e.g. Microsoft Windows Server 2022 Datacenter.",
    aliases: ["OS", "Operating System", "OperatingSystem", "OSName", "OS Name", "Caption", "OS Caption", "WindowsProductName", "Product Name", "OS Edition"],
  },
  {
    id: "osVersion",
    label: "OS version",
    description: "Version such as 10.0.17763 or 10.0.17763.5696 (the fourth part is the update build revision).",
    aliases: ["OS Version", "OSVersion", "Version", "OperatingSystemVersion", "Operating System Version", "Windows Version"],
  },
  {
    id: "osBuild",
    label: "OS build",
    description: "Build number, e.g. 20348.",
    aliases: ["Build", "Build Number", "BuildNumber", "OsBuildNumber", "OS Build", "OS Build Number", "CurrentBuild", "CurrentBuildNumber"],
  },
  {
    id: "osUbr",
    label: "Update build revision",
    description: "UBR, the fourth version part (e.g. 2402).",
    aliases: ["UBR", "WindowsUBR", "Update Build Revision", "OS UBR"],
  },
  {
    id: "installationType",
    label: "Installation type",
    description: "Client, Server, Server Core or Nano Server (registry InstallationType).",
    aliases: ["Installation Type", "InstallationType", "WindowsInstallationType", "Install Type"],
  },
  {
    id: "serverLevel",
    label: "Server level",
    description: "Get-ComputerInfo OsServerLevel: FullServer, ServerCore, ... or 0-4.",
    aliases: ["OsServerLevel", "Server Level", "ServerLevel"],
  },
  {
    id: "productType",
    label: "Product type",
    description: "1 Workstation, 2 Domain controller, 3 Server (Win32_OperatingSystem.ProductType / OsProductType).",
    aliases: ["ProductType", "Product Type", "OsProductType", "OS Product Type"],
  },
  {
    id: "domainRole",
    label: "Domain role",
    description: "Win32_ComputerSystem.DomainRole: MemberServer, PrimaryDomainController, ... or 0-5.",
    aliases: ["DomainRole", "Domain Role", "CsDomainRole"],
  },
  {
    id: "partOfDomain",
    label: "Domain joined",
    description: "True when the host is joined to a domain.",
    aliases: ["PartOfDomain", "Part Of Domain", "CsPartOfDomain", "Domain Joined", "DomainJoined", "Joined", "Is Domain Joined"],
  },
  {
    id: "architecture",
    label: "Architecture",
    description: "OS architecture, e.g. 64-bit.",
    aliases: ["OSArchitecture", "OS Architecture", "Architecture", "OsArchitecture", "Arch"],
  },
  {
    id: "memory",
    label: "Memory",
    description: "Memory visible to Windows. Units from the value (16 GB) or the header (RAM (GB)); bytes for TotalPhysicalMemory.",
    aliases: [
      "RAM",
      "Memory",
      "Total Memory",
      "Total RAM",
      "Physical Memory",
      "Total Physical Memory",
      "TotalPhysicalMemory",
      "CsTotalPhysicalMemory",
      "Memory Size",
      "MemorySize",
      "Installed RAM",
      "TotalVisibleMemorySize",
      "OsTotalVisibleMemorySize",
    ],
  },
  {
    id: "installedMemory",
    label: "Installed memory",
    description: "Physically installed memory (CsPhysicallyInstalledMemory, in KB unless the header or value says otherwise).",
    aliases: ["CsPhysicallyInstalledMemory", "PhysicallyInstalledMemory", "Installed Memory", "Physically Installed Memory"],
    defaultUnit: "KB",
  },
  {
    id: "dotnetRelease",
    label: ".NET Framework Release",
    description: "HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full\\Release (e.g. 528449); a version name such as .NET 4.8.1 or 4.8 is read as that version's lowest Release, with a warning.",
    aliases: [".NET Release", "NET Release", "DotNet Release", "DotNetRelease", ".NET Framework Release", "NET Framework Release", "NetFxRelease", "NDP Release", ".NET 4 Release"],
  },
  {
    id: "executionPolicy",
    label: "Execution policy",
    description: "Effective PowerShell execution policy (Get-ExecutionPolicy).",
    aliases: ["ExecutionPolicy", "Execution Policy", "PowerShell Execution Policy", "PS Execution Policy"],
  },
  {
    id: "vaultSvc",
    label: "Credential Manager (VaultSvc)",
    description: "VaultSvc start mode: Auto, Manual or Disabled.",
    aliases: ["VaultSvc", "VaultSvc StartMode", "VaultSvc Start Mode", "Credential Manager", "Credential Manager Service", "VaultSvcStartType"],
  },
  {
    id: "tls12ClientEnabled",
    label: "TLS 1.2 Client Enabled",
    description: "SCHANNEL\\Protocols\\TLS 1.2\\Client\\Enabled (number, or Not Found).",
    aliases: ["TLS 1.2 Client Enabled", "TLS12ClientEnabled", "TLS12 Client Enabled", "Tls12 Client Enabled"],
  },
  {
    id: "tls12ClientDisabledByDefault",
    label: "TLS 1.2 Client DisabledByDefault",
    description: "SCHANNEL\\Protocols\\TLS 1.2\\Client\\DisabledByDefault.",
    aliases: ["TLS 1.2 Client DisabledByDefault", "TLS12ClientDisabledByDefault", "TLS 1.2 Client Disabled By Default"],
  },
  {
    id: "tls12ServerEnabled",
    label: "TLS 1.2 Server Enabled",
    description: "SCHANNEL\\Protocols\\TLS 1.2\\Server\\Enabled.",
    aliases: ["TLS 1.2 Server Enabled", "TLS12ServerEnabled", "TLS12 Server Enabled", "Tls12 Server Enabled"],
  },
  {
    id: "tls12ServerDisabledByDefault",
    label: "TLS 1.2 Server DisabledByDefault",
    description: "SCHANNEL\\Protocols\\TLS 1.2\\Server\\DisabledByDefault.",
    aliases: ["TLS 1.2 Server DisabledByDefault", "TLS12ServerDisabledByDefault", "TLS 1.2 Server Disabled By Default"],
  },
  {
    id: "schUseStrongCrypto",
    label: "SchUseStrongCrypto (64-bit)",
    description: "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319\\SchUseStrongCrypto.",
    aliases: ["SchUseStrongCrypto", "SchUseStrongCrypto (64-bit)", "SchUseStrongCrypto 64", "SchUseStrongCrypto x64", ".NET SchUseStrongCrypto", "NET SchUseStrongCrypto"],
  },
  {
    id: "systemDefaultTlsVersions",
    label: "SystemDefaultTlsVersions (64-bit)",
    description: "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319\\SystemDefaultTlsVersions.",
    aliases: ["SystemDefaultTlsVersions", "SystemDefaultTlsVersions (64-bit)", "SystemDefaultTlsVersions 64", "SystemDefaultTlsVersions x64"],
  },
  {
    id: "schUseStrongCrypto32",
    label: "SchUseStrongCrypto (32-bit)",
    description: "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319\\SchUseStrongCrypto.",
    aliases: ["SchUseStrongCrypto (32-bit)", "SchUseStrongCrypto 32", "SchUseStrongCrypto x86", "SchUseStrongCrypto WOW6432Node", "WOW6432Node SchUseStrongCrypto"],
  },
  {
    id: "systemDefaultTlsVersions32",
    label: "SystemDefaultTlsVersions (32-bit)",
    description: "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319\\SystemDefaultTlsVersions.",
    aliases: ["SystemDefaultTlsVersions (32-bit)", "SystemDefaultTlsVersions 32", "SystemDefaultTlsVersions x86", "SystemDefaultTlsVersions WOW6432Node"],
  },
  {
    id: "restrictSendingNtlmTraffic",
    label: "RestrictSendingNTLMTraffic",
    description: "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\RestrictSendingNTLMTraffic (0 allow, 1 audit, 2 deny).",
    aliases: ["RestrictSendingNTLMTraffic", "Restrict Sending NTLM Traffic", "Outgoing NTLM", "NTLM Outgoing"],
  },
  {
    id: "restrictNtlmInDomain",
    label: "RestrictNTLMInDomain",
    description: "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\\Parameters\\RestrictNTLMInDomain (domain controllers).",
    aliases: ["RestrictNTLMInDomain", "Restrict NTLM In Domain"],
  },
  {
    id: "hotfixes",
    label: "Hotfixes",
    description: "Installed KB ids, separated by commas, semicolons or spaces.",
    aliases: ["Hotfixes", "Hotfix", "HotFixID", "HotFixIDs", "Hotfix(s)", "KBs", "KB", "Installed Updates", "Updates", "OsHotFixes"],
  },
  {
    id: "agentInstalled",
    label: "Agent installed",
    description: "True when the provisioning agent is installed.",
    aliases: ["Agent Installed", "AgentInstalled", "Provisioning Agent Installed", "Cloud Sync Agent Installed"],
  },
  {
    id: "agentVersion",
    label: "Agent version",
    description: "Provisioning agent version, e.g. 1.1.2505.0.",
    aliases: ["Agent Version", "AgentVersion", "Provisioning Agent Version", "Cloud Sync Agent Version"],
  },
  {
    id: "agentServiceState",
    label: "Agent service state",
    description: "AADConnectProvisioningAgent service state, e.g. Running.",
    aliases: ["Agent Service State", "AgentServiceState", "Agent Status", "Provisioning Agent Status"],
  },
  {
    id: "tier0",
    label: "Tier 0",
    description: "True when the host is managed as a Tier 0 / control-plane asset.",
    aliases: ["Tier0", "Tier 0", "Is Tier 0", "IsTier0", "Tier Zero", "Control Plane"],
  },
  {
    id: "firewallFiltersByUser",
    label: "Firewall filters by user",
    description: "True when a firewall filters this host's outbound traffic by originating user.",
    aliases: ["FirewallFiltersByUser", "Firewall Filters By User", "Firewall User Filtering", "User Based Firewall"],
  },
  {
    id: "networkServiceAllowed",
    label: "Network Service allowed",
    description: "True when such a firewall allows services running as Network Service.",
    aliases: ["NetworkServiceAllowed", "Network Service Allowed", "Firewall Allows Network Service"],
  },
  { id: "site", label: "Site", description: "Site or location.", aliases: ["Site", "AD Site", "ADSite", "Location", "Datacenter", "Data Center"] },
  { id: "owner", label: "Owner", description: "Owner or responsible team.", aliases: ["Owner", "Owned By", "Responsible", "Contact", "Team"] },
  { id: "tags", label: "Tags", description: "Tags separated by commas or semicolons.", aliases: ["Tags", "Tag", "Labels"] },
  {
    id: "collectedAt",
    label: "Collected at",
    description: "When the row was collected (ISO 8601).",
    aliases: ["Collected At", "CollectedAt", "Collected", "Timestamp", "Collection Date", "Date Collected", "Last Seen", "LastSeen"],
  },
  { id: "sid", label: "Computer SID", description: "Computer account SID.", aliases: ["SID", "Computer SID", "ObjectSid", "objectSID"] },
  { id: "objectGuid", label: "Computer objectGUID", description: "Computer object's objectGUID.", aliases: ["ObjectGUID", "Object GUID", "Computer GUID"] },
  { id: "cloud", label: "Cloud", description: "public or usgov.", aliases: ["Cloud", "Azure Cloud", "Cloud Environment"] },
  {
    id: "proxy",
    label: "WinHTTP proxy",
    description:
      "The proxy the server's outbound traffic goes through, as netsh winhttp show proxy names it (proxy.corp.contoso.com:8080, or http=host:port;https=host:port); none or direct when there is none.",
    aliases: ["Proxy", "WinHTTP Proxy", "WinHttpProxy", "Proxy Server", "ProxyServer", "Web Proxy", "Outbound Proxy"],
  },
];

/** Header keys whose memory values have a known unit when the header and value do not say. */
const DEFAULT_UNIT_BY_HEADER: ReadonlyMap<string, MemoryUnit> = new Map([
  ["totalphysicalmemory", "B"],
  ["cstotalphysicalmemory", "B"],
  ["totalvisiblememorysize", "KB"],
  ["ostotalvisiblememorysize", "KB"],
  ["csphysicallyinstalledmemory", "KB"],
  ["physicallyinstalledmemory", "KB"],
]);

const FIELD_BY_ID: ReadonlyMap<string, InventoryField> = new Map(INVENTORY_FIELDS.map((f) => [f.id, f]));
const FIELD_BY_ALIAS: ReadonlyMap<string, InventoryFieldId> = new Map(
  INVENTORY_FIELDS.flatMap((f) => [f.id, ...f.aliases].map((alias): [string, InventoryFieldId] => [headerKey(alias), f.id])),
);
const UNIT_SUFFIX = /(bytes|byte|kib|mib|gib|tib|kb|mb|gb|tb)$/;
const UNIT_PREFIX_IN = /in$/;

export function isInventoryFieldId(value: string): value is InventoryFieldId {
  return FIELD_BY_ID.has(value);
}

export function inventoryField(id: InventoryFieldId): InventoryField {
  const field = FIELD_BY_ID.get(id);
  if (field === undefined) throw new Error(`unknown inventory field ${id}`);
  return field;
}

/** The field a header names without any mapping, or undefined. "RAM (GB)" -> memory, "Memory_MB" -> memory. */
export function fieldForHeader(header: string): InventoryFieldId | undefined {
  const key = headerKey(header);
  const exact = FIELD_BY_ALIAS.get(key);
  if (exact !== undefined) return exact;
  // "ramgb", "memoryinmb", "totalmemorybytes": strip the unit and try the memory fields only.
  const stripped = key.replace(UNIT_SUFFIX, "").replace(UNIT_PREFIX_IN, "");
  if (stripped !== key) {
    const candidate = FIELD_BY_ALIAS.get(stripped);
    if (candidate === "memory" || candidate === "installedMemory") return candidate;
  }
  return undefined;
}

/** Unit a memory header implies on its own ("TotalPhysicalMemory" is bytes). */
export function defaultUnitForHeader(header: string, field: InventoryFieldId): MemoryUnit | undefined {
  return DEFAULT_UNIT_BY_HEADER.get(headerKey(header)) ?? inventoryField(field).defaultUnit;
}

export interface ResolvedColumn {
  index: number;
  header: string;
  field?: InventoryFieldId;
  /** How the field was chosen. */
  via?: "alias" | "mapping";
}

export interface ColumnResolution {
  columns: ResolvedColumn[];
  /** Mapping entries whose target is not a field id (and not "ignore"). */
  badMappings: Array<{ header: string; target: string }>;
  /** Mapping entries naming a header that is not in the file. */
  unusedMappings: string[];
}

/**
 * Resolves each header to a field: options.columnMapping first (exact header, then case/space-insensitive),
 * then the built-in aliases. A mapping to "ignore" (or "") drops the column.
 */
export function resolveInventoryColumns(headers: readonly string[], mapping: Record<string, string> = {}): ColumnResolution {
  const byExact = new Map<string, string>();
  const byKey = new Map<string, string>();
  for (const [source, target] of Object.entries(mapping)) {
    byExact.set(source, target);
    byKey.set(headerKey(source), target);
  }
  const used = new Set<string>();
  const badMappings: Array<{ header: string; target: string }> = [];
  const columns = headers.map((header, index): ResolvedColumn => {
    const exactTarget = byExact.get(header);
    const target = exactTarget ?? byKey.get(headerKey(header));
    if (target !== undefined) {
      for (const [source] of Object.entries(mapping)) {
        if (source === header || headerKey(source) === headerKey(header)) used.add(source);
      }
      const trimmed = target.trim();
      if (trimmed === "" || trimmed.toLowerCase() === IGNORE_COLUMN) return { index, header };
      if (isInventoryFieldId(trimmed)) return { index, header, field: trimmed, via: "mapping" };
      badMappings.push({ header, target });
      return { index, header };
    }
    const field = fieldForHeader(header);
    return field === undefined ? { index, header } : { index, header, field, via: "alias" };
  });
  const unusedMappings = Object.keys(mapping).filter((source) => !used.has(source));
  return { columns, badMappings, unusedMappings };
}

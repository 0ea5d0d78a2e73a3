import type { HostFacts, RegistryDword } from "@/lib/facts";
import { csvLine } from "./csv";

/**
 * HostFacts -> the generic inventory CSV (lib/ingest/formats/inventory-csv.ts): one row per host, headers from the
 * aliases in inventory-fields.ts (so no column mapping is needed), every field quoted, CRLF. Pure.
 *
 * Columns: FQDN, Domain, NetBIOS Domain, SID, ObjectGUID, Operating System, OS Version, Build Number, UBR,
 * Installation Type, OsServerLevel, Product Type, Domain Role, Domain Joined, OS Architecture,
 * TotalPhysicalMemory (bytes), Installed Memory (bytes), .NET Release, Execution Policy, VaultSvc, the eight TLS 1.2 /
 * .NET strong-crypto registry values, RestrictSendingNTLMTraffic, RestrictNTLMInDomain, Hotfixes, Agent Installed,
 * Agent Version, Agent Service State, Tier 0, Site, Owner, Tags, Cloud, Collected At.
 *
 * What the format cannot carry (parseFile gives back the same facts except):
 * - executionPolicy.scopes (only the effective policy has a column);
 * - network.checks and network.proxy (only network.cloud has a column);
 * - empty lists: hotfixes [] and tags [] come back as not collected; tags cannot contain "," or ";";
 * - text with leading/trailing spaces is trimmed; values the parser reads as blank ("unknown", "n/a", "-", "null")
 *   come back as not collected;
 * - identity.netbiosName is derived from the FQDN's first label (upper-case): a NetBIOS name that differs is lost;
 * - a host whose Domain Role is known comes back with what the parser derives from the role when it was not
 *   collected: os.productType (MemberServer -> server, *DomainController -> domain-controller) and
 *   domainMembership.partOfDomain (Standalone* -> false, otherwise true);
 * - a registry value that is absent (null) is written "Not Found", as Get-ADSyncToolsTls12RegValue prints it;
 * - services.vaultSvc null (no such service) is written "Not Found".
 */

export const INVENTORY_CSV_HEADERS = [
  "FQDN",
  "Domain",
  "NetBIOS Domain",
  "SID",
  "ObjectGUID",
  "Operating System",
  "OS Version",
  "Build Number",
  "UBR",
  "Installation Type",
  "OsServerLevel",
  "Product Type",
  "Domain Role",
  "Domain Joined",
  "OS Architecture",
  "TotalPhysicalMemory",
  "Installed Memory (bytes)",
  ".NET Release",
  "Execution Policy",
  "VaultSvc",
  "TLS 1.2 Client Enabled",
  "TLS 1.2 Client DisabledByDefault",
  "TLS 1.2 Server Enabled",
  "TLS 1.2 Server DisabledByDefault",
  "SchUseStrongCrypto",
  "SystemDefaultTlsVersions",
  "SchUseStrongCrypto (32-bit)",
  "SystemDefaultTlsVersions (32-bit)",
  "RestrictSendingNTLMTraffic",
  "RestrictNTLMInDomain",
  "Hotfixes",
  "Agent Installed",
  "Agent Version",
  "Agent Service State",
  "Tier 0",
  "FirewallFiltersByUser",
  "NetworkServiceAllowed",
  "Site",
  "Owner",
  "Tags",
  "Cloud",
  "Collected At",
] as const;

const PRODUCT_TYPE_NAMES = { workstation: "WorkStation", "domain-controller": "DomainController", server: "Server" } as const;

function text(value: string | undefined): string {
  return value ?? "";
}

function integer(value: number | undefined): string {
  return value === undefined ? "" : String(value);
}

function dword(value: RegistryDword | undefined): string {
  if (value === undefined) return "";
  return value === null ? "Not Found" : String(value);
}

function bool(value: boolean | undefined): string {
  return value === undefined ? "" : value ? "True" : "False";
}

function list(values: readonly string[] | undefined): string {
  return values === undefined ? "" : values.join(";");
}

/** One row's fields, in INVENTORY_CSV_HEADERS order. */
export function inventoryRow(host: HostFacts): string[] {
  const { identity, os, memory, tls, ntlm, agent } = host;
  const vault = host.services?.vaultSvc;
  return [
    text(identity?.fqdn ?? identity?.netbiosName),
    text(identity?.domain),
    text(identity?.netbiosDomain),
    text(identity?.sid),
    text(identity?.objectGuid),
    text(os?.caption),
    text(os?.version),
    integer(os?.build),
    integer(os?.ubr),
    text(os?.installationType),
    text(os?.serverLevel),
    os?.productType === undefined ? "" : PRODUCT_TYPE_NAMES[os.productType],
    text(host.domainMembership?.domainRole),
    bool(host.domainMembership?.partOfDomain),
    text(os?.architecture),
    integer(memory?.totalPhysicalBytes),
    integer(memory?.installedBytes),
    dword(host.dotnet?.release),
    text(host.executionPolicy?.effective),
    vault === undefined ? "" : vault === null ? "Not Found" : vault,
    dword(tls?.schannelTls12?.client?.enabled),
    dword(tls?.schannelTls12?.client?.disabledByDefault),
    dword(tls?.schannelTls12?.server?.enabled),
    dword(tls?.schannelTls12?.server?.disabledByDefault),
    dword(tls?.dotnet64?.schUseStrongCrypto),
    dword(tls?.dotnet64?.systemDefaultTlsVersions),
    dword(tls?.dotnet32?.schUseStrongCrypto),
    dword(tls?.dotnet32?.systemDefaultTlsVersions),
    dword(ntlm?.restrictSendingNtlmTraffic),
    dword(ntlm?.restrictNtlmInDomain),
    list(host.hotfixes),
    bool(agent?.installed),
    text(agent?.version),
    text(agent?.serviceState),
    bool(host.tier0),
    bool(host.firewall?.filtersByUser),
    bool(host.firewall?.networkServiceAllowed),
    text(host.site),
    text(host.owner),
    list(host.tags),
    text(host.network?.cloud),
    text(host.collectedAt),
  ];
}

/** The CSV as text chunks (the header, then one line per host), for streaming a large inventory to a file. */
export function* inventoryCsvChunks(hosts: Iterable<HostFacts>): Generator<string> {
  yield csvLine(INVENTORY_CSV_HEADERS);
  for (const host of hosts) yield csvLine(inventoryRow(host));
}

/** The inventory CSV of these hosts. */
export function toInventoryCsv(hosts: Iterable<HostFacts>): string {
  return [...inventoryCsvChunks(hosts)].join("");
}

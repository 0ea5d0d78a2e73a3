import type { HostFacts } from "@/lib/facts";

/**
 * Enum encodings of Get-ComputerInfo / WMI values, as numbers (ConvertTo-Json in Windows PowerShell 5.1)
 * or names (Format-List, -EnumsAsStrings, CSV). Source: cloud-sync-requirements.md §1.2 and §4c.
 */

type Os = NonNullable<HostFacts["os"]>;
export type ProductType = NonNullable<Os["productType"]>;
export type ServerLevel = NonNullable<Os["serverLevel"]>;
export type InstallationType = NonNullable<Os["installationType"]>;

function key(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Win32_OperatingSystem.ProductType / OsProductType: 1 WorkStation, 2 DomainController, 3 Server. */
export function parseProductType(value: unknown): ProductType | undefined {
  if (typeof value === "number") return value === 1 ? "workstation" : value === 2 ? "domain-controller" : value === 3 ? "server" : undefined;
  if (typeof value !== "string") return undefined;
  switch (key(value)) {
    case "1":
    case "workstation":
    case "client":
      return "workstation";
    case "2":
    case "domaincontroller":
    case "dc":
      return "domain-controller";
    case "3":
    case "server":
    case "memberserver":
      return "server";
    default:
      return undefined;
  }
}

const SERVER_LEVELS: readonly ServerLevel[] = ["Unknown", "NanoServer", "ServerCore", "ServerCoreWithManagementTools", "FullServer"];

/** Microsoft.PowerShell.Commands.ServerLevel: Unknown 0, NanoServer 1, ServerCore 2, ServerCoreWithManagementTools 3, FullServer 4. */
export function parseServerLevel(value: unknown): ServerLevel | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? SERVER_LEVELS[value] : undefined;
  if (typeof value !== "string") return undefined;
  const k = key(value);
  if (/^[0-4]$/.test(k)) return SERVER_LEVELS[Number(k)];
  return SERVER_LEVELS.find((level) => key(level) === k);
}

/** Registry InstallationType / WindowsInstallationType: Client, Server, Server Core, Nano Server. */
export function parseInstallationType(value: unknown): InstallationType | undefined {
  if (typeof value !== "string") return undefined;
  switch (key(value)) {
    case "client":
      return "Client";
    case "server":
      return "Server";
    case "servercore":
      return "Server Core";
    case "nanoserver":
      return "Nano Server";
    default:
      return undefined;
  }
}

/** Win32_ComputerSystem.DomainRole / CsDomainRole names, by number 0..5. */
export const DOMAIN_ROLES = [
  "StandaloneWorkstation",
  "MemberWorkstation",
  "StandaloneServer",
  "MemberServer",
  "BackupDomainController",
  "PrimaryDomainController",
] as const;
export type DomainRole = (typeof DOMAIN_ROLES)[number];

export function parseDomainRole(value: unknown): DomainRole | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? DOMAIN_ROLES[value] : undefined;
  if (typeof value !== "string") return undefined;
  const k = key(value);
  if (/^[0-5]$/.test(k)) return DOMAIN_ROLES[Number(k)];
  return DOMAIN_ROLES.find((role) => key(role) === k);
}

/** What a domain role implies: product type and domain membership (definitions, not guesses). */
export function domainRoleImplies(role: DomainRole): { productType: ProductType; partOfDomain: boolean } {
  switch (role) {
    case "StandaloneWorkstation":
      return { productType: "workstation", partOfDomain: false };
    case "MemberWorkstation":
      return { productType: "workstation", partOfDomain: true };
    case "StandaloneServer":
      return { productType: "server", partOfDomain: false };
    case "MemberServer":
      return { productType: "server", partOfDomain: true };
    case "BackupDomainController":
    case "PrimaryDomainController":
      return { productType: "domain-controller", partOfDomain: true };
  }
}

/** systeminfo "OS Configuration" (English): "Member Server", "Primary Domain Controller", "Additional Domain Controller"... */
export function parseOsConfiguration(value: string): DomainRole | undefined {
  switch (key(value)) {
    case "standaloneworkstation":
      return "StandaloneWorkstation";
    case "memberworkstation":
      return "MemberWorkstation";
    case "standaloneserver":
      return "StandaloneServer";
    case "memberserver":
      return "MemberServer";
    case "primarydomaincontroller":
      return "PrimaryDomainController";
    case "additionaldomaincontroller":
    case "backupdomaincontroller":
      return "BackupDomainController";
    default:
      return undefined;
  }
}

export type ExecutionPolicy = NonNullable<NonNullable<HostFacts["executionPolicy"]>["effective"]>;
const POLICIES: readonly ExecutionPolicy[] = ["Undefined", "Restricted", "AllSigned", "RemoteSigned", "Unrestricted", "Bypass", "Default"];

/** Microsoft.PowerShell.ExecutionPolicy numbers: Unrestricted 0, RemoteSigned 1, AllSigned 2, Restricted 3, Bypass 4, Undefined 5. */
const POLICY_BY_NUMBER: readonly ExecutionPolicy[] = ["Unrestricted", "RemoteSigned", "AllSigned", "Restricted", "Bypass", "Undefined"];

export function parseExecutionPolicy(value: unknown): ExecutionPolicy | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? POLICY_BY_NUMBER[value] : undefined;
  if (typeof value !== "string") return undefined;
  const k = key(value);
  return POLICIES.find((policy) => key(policy) === k);
}

export type VaultSvcMode = "Auto" | "Manual" | "Disabled";

/** Service start mode: Auto / Automatic / Automatic (Delayed Start) / Manual / Disabled, or Win32 start type 2/3/4. */
export function parseStartMode(value: unknown): VaultSvcMode | undefined {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : undefined;
  if (text === undefined) return undefined;
  const k = key(text);
  if (k === "auto" || k === "automatic" || k.startsWith("automaticdelayed") || k === "2") return "Auto";
  if (k === "manual" || k === "3") return "Manual";
  if (k === "disabled" || k === "4") return "Disabled";
  return undefined;
}

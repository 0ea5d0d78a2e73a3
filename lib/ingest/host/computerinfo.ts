import type { IssueSink } from "../issues";
import type { ParseResult } from "../types";
import { displayValue } from "../text/display";
import { parseBoolean } from "../values/booleans";
import { parseNonNegativeInteger } from "../values/numbers";
import { parseOsVersion } from "../values/os-version";
import { parseDomainRole, parseInstallationType, parseProductType, parseServerLevel } from "./enums";
import { draftInvalidCell, finishHost, newHostDraft, noteSource, type HostDraft } from "./host-draft";

/**
 * Get-ComputerInfo properties -> host draft, shared by the JSON and Format-List formats.
 * OS facts come from OsName / OsVersion / OsBuildNumber / WindowsUBR (WindowsProductName only as a fallback
 * caption); never from WindowsCurrentVersion (always 6.3) or WindowsVersion (the old ReleaseId, e.g. 2009).
 */
export interface ComputerInfoSource {
  /** The property value (case-insensitive key); undefined when absent or empty. */
  value(key: string): unknown;
  /** How to name the property in messages (JSON path, or the key). */
  column(key: string): string;
  /** Hotfix ids already extracted from OsHotFixes. */
  hotfixes?: string[];
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function integer(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === "string") return parseNonNegativeInteger(value);
  return undefined;
}

function isUnknownEnum(value: unknown): boolean {
  return value === 0 || (typeof value === "string" && /^(0|unknown)$/i.test(value.trim()));
}

export function computerInfoDraft(source: ComputerInfoSource, ctx: { sink: IssueSink; row?: number }): HostDraft {
  const draft = newHostDraft();
  const facts = draft.facts;
  const col = (key: string) => source.column(key);

  // Identity: CsDNSHostName is the DNS host label; CsName the NetBIOS name; CsDomain the DNS domain (or workgroup).
  const dnsHost = text(source.value("CsDNSHostName"));
  const csName = text(source.value("CsName"));
  const psComputer = text(source.value("PSComputerName"));
  if (dnsHost !== undefined) draft.identity.name = { value: dnsHost, column: col("CsDNSHostName") };
  else if (csName !== undefined) draft.identity.name = { value: csName, column: col("CsName") };
  else if (psComputer !== undefined) draft.identity.name = { value: psComputer, column: col("PSComputerName") };
  if (csName !== undefined && csName.length <= 15) draft.identity.netbiosName = csName;
  const domain = text(source.value("CsDomain"));
  if (domain !== undefined) draft.identity.domain = { value: domain, column: col("CsDomain") };

  const partOfDomainRaw = source.value("CsPartOfDomain");
  if (partOfDomainRaw !== undefined) {
    const joined = parseBoolean(partOfDomainRaw);
    if (joined === undefined) draftInvalidCell(draft, col("CsPartOfDomain"), `${displayValue(String(partOfDomainRaw))} is not True or False.`);
    else {
      (facts.domainMembership ??= {}).partOfDomain = joined;
      noteSource(draft, "domainMembership.partOfDomain", col("CsPartOfDomain"));
    }
  }
  const roleRaw = source.value("CsDomainRole");
  if (roleRaw !== undefined) {
    const role = parseDomainRole(roleRaw);
    if (role === undefined) draftInvalidCell(draft, col("CsDomainRole"), `${displayValue(String(roleRaw))} is not a CsDomainRole (0-5 or a name such as MemberServer).`);
    else {
      draft.domainRole = role;
      noteSource(draft, "domainMembership.domainRole", col("CsDomainRole"));
    }
  }

  // OS.
  const osName = text(source.value("OsName"));
  const productName = text(source.value("WindowsProductName"));
  const caption = osName ?? productName;
  if (caption !== undefined) {
    (facts.os ??= {}).caption = caption;
    noteSource(draft, "os.caption", osName !== undefined ? col("OsName") : col("WindowsProductName"));
  }
  if (osName !== undefined && productName !== undefined) {
    const osMajor = /Windows (?:Server )?(\d+)/i.exec(osName)?.[1];
    const productMajor = /Windows (?:Server )?(\d+)/i.exec(productName)?.[1];
    if (osMajor !== undefined && productMajor !== undefined && osMajor !== productMajor) {
      ctx.sink.warnOnce(
        "product-name-mismatch",
        `WindowsProductName says ${displayValue(productName)} but OsName says ${displayValue(osName)}; OsName was used ` +
          `(Windows 11 still reports "Windows 10" in the registry ProductName).`,
        { row: ctx.row, column: col("WindowsProductName") },
      );
    }
  }
  const versionText = text(source.value("OsVersion"));
  if (versionText !== undefined) {
    const parts = parseOsVersion(versionText);
    if (parts === undefined) draftInvalidCell(draft, col("OsVersion"), `${displayValue(versionText)} is not a Windows version such as 10.0.20348.`);
    else {
      const os = (facts.os ??= {});
      if (parts.version !== undefined) os.version = parts.version;
      if (parts.build !== undefined) os.build = parts.build;
      if (parts.ubr !== undefined) os.ubr = parts.ubr;
      noteSource(draft, "os.version", col("OsVersion"));
      noteSource(draft, "os.build", col("OsVersion"));
    }
  }
  const buildRaw = source.value("OsBuildNumber");
  if (buildRaw !== undefined) {
    const build = integer(buildRaw);
    if (build === undefined) draftInvalidCell(draft, col("OsBuildNumber"), `${displayValue(String(buildRaw))} is not a build number.`);
    else {
      const os = (facts.os ??= {});
      if (os.build !== undefined && os.build !== build) {
        ctx.sink.warning(`OsBuildNumber ${build} differs from OsVersion ${os.version ?? ""}; OsBuildNumber was used.`, {
          row: ctx.row,
          column: col("OsBuildNumber"),
        });
      }
      os.build = build;
      noteSource(draft, "os.build", col("OsBuildNumber"));
    }
  }
  const ubrRaw = source.value("WindowsUBR");
  if (ubrRaw !== undefined) {
    const ubr = integer(ubrRaw);
    if (ubr === undefined) draftInvalidCell(draft, col("WindowsUBR"), `${displayValue(String(ubrRaw))} is not an update build revision.`);
    else {
      (facts.os ??= {}).ubr = ubr;
      noteSource(draft, "os.ubr", col("WindowsUBR"));
    }
  }
  const installRaw = source.value("WindowsInstallationType");
  if (installRaw !== undefined) {
    const type = parseInstallationType(installRaw);
    if (type === undefined) {
      draftInvalidCell(draft, col("WindowsInstallationType"), `${displayValue(String(installRaw))} is not Client, Server, Server Core or Nano Server.`);
    } else {
      (facts.os ??= {}).installationType = type;
      noteSource(draft, "os.installationType", col("WindowsInstallationType"));
    }
  }
  const levelRaw = source.value("OsServerLevel");
  if (levelRaw !== undefined) {
    const level = parseServerLevel(levelRaw);
    if (level === undefined) {
      draftInvalidCell(draft, col("OsServerLevel"), `${displayValue(String(levelRaw))} is not an OsServerLevel (FullServer, ServerCore, ... or 0-4).`);
    } else {
      (facts.os ??= {}).serverLevel = level;
      noteSource(draft, "os.serverLevel", col("OsServerLevel"));
    }
  }
  const productRaw = source.value("OsProductType");
  if (productRaw !== undefined && !isUnknownEnum(productRaw)) {
    const product = parseProductType(productRaw);
    if (product === undefined) {
      draftInvalidCell(draft, col("OsProductType"), `${displayValue(String(productRaw))} is not an OsProductType (1 WorkStation, 2 DomainController, 3 Server).`);
    } else {
      (facts.os ??= {}).productType = product;
      noteSource(draft, "os.productType", col("OsProductType"));
    }
  }
  const architecture = text(source.value("OsArchitecture"));
  if (architecture !== undefined) {
    (facts.os ??= {}).architecture = architecture;
    noteSource(draft, "os.architecture", col("OsArchitecture"));
  }

  // Memory: CsTotalPhysicalMemory is bytes; CsPhysicallyInstalledMemory is KB.
  const totalRaw = source.value("CsTotalPhysicalMemory");
  if (totalRaw !== undefined) {
    const bytes = integer(totalRaw);
    if (bytes === undefined) draftInvalidCell(draft, col("CsTotalPhysicalMemory"), `${displayValue(String(totalRaw))} is not a number of bytes.`);
    else {
      (facts.memory ??= {}).totalPhysicalBytes = bytes;
      noteSource(draft, "memory.totalPhysicalBytes", col("CsTotalPhysicalMemory"));
    }
  }
  const installedRaw = source.value("CsPhysicallyInstalledMemory");
  if (installedRaw !== undefined) {
    const kb = integer(installedRaw);
    if (kb === undefined) draftInvalidCell(draft, col("CsPhysicallyInstalledMemory"), `${displayValue(String(installedRaw))} is not a number of kilobytes.`);
    else {
      (facts.memory ??= {}).installedBytes = kb * 1024;
      noteSource(draft, "memory.installedBytes", col("CsPhysicallyInstalledMemory"));
    }
  }

  if (source.hotfixes !== undefined) {
    facts.hotfixes = source.hotfixes;
    noteSource(draft, "hotfixes", col("OsHotFixes"));
  }
  return draft;
}

/**
 * Refuses a Get-ComputerInfo file with more hosts than one upload takes (nothing is imported); true when refused.
 */
export function tooManyComputerInfoHosts(count: number, maxRows: number, sink: IssueSink): boolean {
  if (count <= maxRows) return false;
  sink.error(`The file has ${count.toLocaleString("en-US")} hosts; the limit for one upload is ${maxRows.toLocaleString("en-US")}. Nothing was imported.`);
  return true;
}

export interface ComputerInfoHostContext {
  sink: IssueSink;
  /** The record's row (JSON array index + 1, or the first line of a Format-List block). */
  row: number;
  defaultDomain: string | undefined;
  /** How to name CsDNSHostName in identity messages. */
  identityColumn: string;
}

/** One Get-ComputerInfo record -> a checked host in `result.hosts`, or one more `result.rejected`. */
export function addComputerInfoHost(result: ParseResult, source: ComputerInfoSource, ctx: ComputerInfoHostContext): void {
  const draft = computerInfoDraft(source, { sink: ctx.sink, row: ctx.row });
  const host = finishHost(draft, { sink: ctx.sink, row: ctx.row, defaultDomain: ctx.defaultDomain, identityColumn: ctx.identityColumn });
  if (host === undefined) result.rejected++;
  else result.hosts.push(host);
}

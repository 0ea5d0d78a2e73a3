import { dotnetReleaseOfVersionText, type HostFacts } from "@/lib/facts";
import { draftInvalidCell, noteSource, type HostDraft } from "../host/host-draft";
import {
  parseDomainRole,
  parseExecutionPolicy,
  parseInstallationType,
  parseProductType,
  parseServerLevel,
  parseStartMode,
} from "../host/enums";
import { normalizeHotfixList } from "../host/hotfixes";
import { parseBoolean } from "../values/booleans";
import { parseDateTime } from "../values/dates";
import { normalizeGuidText } from "../values/guid";
import { parseMemory, type MemoryUnit } from "../values/memory";
import { parseNonNegativeInteger } from "../values/numbers";
import { parseOsVersion } from "../values/os-version";
import { parseDword } from "../values/registry";
import { displayValue } from "../text/display";
import type { InventoryFieldId } from "./inventory-fields";

/** What a column contributes; prepared once per file so rows do no header work. */
export interface PreparedColumn {
  index: number;
  header: string;
  field: InventoryFieldId;
  /** Memory columns: the header's unit, else the header's default unit. */
  headerUnit?: MemoryUnit;
  defaultUnit?: MemoryUnit;
}

export interface ApplyContext {
  /** Called when a memory unit had to be guessed from the magnitude. */
  onUnitGuessed: (column: string, unit: MemoryUnit) => void;
  /** Called when a date had no time zone and was read as UTC. */
  onAssumedUtc: (column: string) => void;
  /** Called when the .NET Release column held a version name instead of the DWORD. */
  onDotnetVersionText?: (column: string, text: string, version: string, minRelease: number) => void;
}

type Tls = NonNullable<HostFacts["tls"]>;

function setDword(draft: HostDraft, column: PreparedColumn, value: string, path: string, assign: (v: number | null) => void): void {
  const parsed = parseDword(value);
  if (!parsed.ok) {
    draftInvalidCell(draft, column.header, `${parsed.message}.`);
    return;
  }
  assign(parsed.value);
  noteSource(draft, path, column.header);
}

function schannel(draft: HostDraft, side: "client" | "server"): NonNullable<NonNullable<Tls["schannelTls12"]>["client"]> {
  const tls = (draft.facts.tls ??= {});
  const sch = (tls.schannelTls12 ??= {});
  return (sch[side] ??= {});
}

function dotnetTls(draft: HostDraft, view: "dotnet64" | "dotnet32"): NonNullable<Tls["dotnet64"]> {
  const tls = (draft.facts.tls ??= {});
  return (tls[view] ??= {});
}

/** Applies one non-blank cell to the draft; problems become row errors on the draft. */
export function applyInventoryValue(draft: HostDraft, column: PreparedColumn, value: string, ctx: ApplyContext): void {
  const facts = draft.facts;
  const h = column.header;
  switch (column.field) {
    case "fqdn":
      draft.identity.dnsHostName ??= { value, column: h };
      return;
    case "hostName":
      draft.identity.name ??= { value, column: h };
      return;
    case "domain":
      draft.identity.domain ??= { value, column: h };
      return;
    case "netbiosDomain":
      draft.identity.netbiosDomain ??= value;
      return;
    case "osCaption":
      (facts.os ??= {}).caption ??= value;
      noteSource(draft, "os.caption", h);
      return;
    case "osVersion": {
      const parts = parseOsVersion(value);
      if (parts === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a Windows version; expected e.g. 10.0.17763 or 10.0.17763.5696.`);
        return;
      }
      const os = (facts.os ??= {});
      if (parts.version !== undefined) os.version ??= parts.version;
      if (parts.build !== undefined) os.build ??= parts.build;
      if (parts.ubr !== undefined) os.ubr ??= parts.ubr;
      noteSource(draft, "os.version", h);
      noteSource(draft, "os.build", h);
      noteSource(draft, "os.ubr", h);
      return;
    }
    case "osBuild": {
      const parts = parseOsVersion(value);
      if (parts?.build === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a build number; expected e.g. 20348.`);
        return;
      }
      const os = (facts.os ??= {});
      os.build = parts.build;
      if (parts.ubr !== undefined) os.ubr ??= parts.ubr;
      noteSource(draft, "os.build", h);
      return;
    }
    case "osUbr": {
      const ubr = parseNonNegativeInteger(value);
      if (ubr === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not an update build revision (a whole number such as 2402).`);
        return;
      }
      (facts.os ??= {}).ubr = ubr;
      noteSource(draft, "os.ubr", h);
      return;
    }
    case "installationType": {
      const type = parseInstallationType(value);
      if (type === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not an installation type; expected Client, Server, Server Core or Nano Server.`);
        return;
      }
      (facts.os ??= {}).installationType = type;
      noteSource(draft, "os.installationType", h);
      return;
    }
    case "serverLevel": {
      const level = parseServerLevel(value);
      if (level === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not an OsServerLevel; expected FullServer, ServerCore, ServerCoreWithManagementTools, NanoServer, Unknown or 0-4.`);
        return;
      }
      (facts.os ??= {}).serverLevel = level;
      noteSource(draft, "os.serverLevel", h);
      return;
    }
    case "productType": {
      const type = parseProductType(value);
      if (type === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a product type; expected 1 (Workstation), 2 (DomainController) or 3 (Server).`);
        return;
      }
      (facts.os ??= {}).productType = type;
      noteSource(draft, "os.productType", h);
      return;
    }
    case "domainRole": {
      const role = parseDomainRole(value);
      if (role === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a domain role; expected MemberServer, PrimaryDomainController, ... or 0-5.`);
        return;
      }
      draft.domainRole = role;
      noteSource(draft, "domainMembership.domainRole", h);
      return;
    }
    case "partOfDomain": {
      const joined = parseBoolean(value);
      if (joined === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not yes/no or true/false.`);
        return;
      }
      (facts.domainMembership ??= {}).partOfDomain = joined;
      noteSource(draft, "domainMembership.partOfDomain", h);
      return;
    }
    case "architecture":
      (facts.os ??= {}).architecture = value;
      noteSource(draft, "os.architecture", h);
      return;
    case "memory":
    case "installedMemory": {
      const parsed = parseMemory(value, { headerUnit: column.headerUnit, defaultUnit: column.defaultUnit });
      if (!parsed.ok) {
        draftInvalidCell(draft, h, `${displayValue(value)}: ${parsed.message}.`);
        return;
      }
      if (parsed.guessed) ctx.onUnitGuessed(h, parsed.unit);
      const memory = (facts.memory ??= {});
      if (column.field === "memory") {
        memory.totalPhysicalBytes = parsed.bytes;
        noteSource(draft, "memory.totalPhysicalBytes", h);
      } else {
        memory.installedBytes = parsed.bytes;
        noteSource(draft, "memory.installedBytes", h);
      }
      return;
    }
    case "dotnetRelease": {
      // A version written as text (".NET 4.8.1", "4.8") is read as the smallest Release of that version.
      const named = parseDword(value).ok ? undefined : dotnetReleaseOfVersionText(value);
      if (named !== undefined) {
        (facts.dotnet ??= {}).release = named.minRelease;
        noteSource(draft, "dotnet.release", h);
        ctx.onDotnetVersionText?.(h, value, named.version, named.minRelease);
        return;
      }
      return setDword(draft, column, value, "dotnet.release", (v) => {
        (facts.dotnet ??= {}).release = v;
      });
    }
    case "executionPolicy": {
      const policy = parseExecutionPolicy(value);
      if (policy === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not an execution policy; expected Undefined, RemoteSigned, AllSigned, Restricted, Unrestricted or Bypass.`);
        return;
      }
      (facts.executionPolicy ??= {}).effective = policy;
      noteSource(draft, "executionPolicy.effective", h);
      return;
    }
    case "vaultSvc": {
      const mode = parseStartMode(value);
      if (mode === undefined) {
        if (/^(not\s*found|missing|absent|not\s*installed)$/i.test(value)) {
          (facts.services ??= {}).vaultSvc = null;
          noteSource(draft, "services.vaultSvc", h);
          return;
        }
        draftInvalidCell(draft, h, `${displayValue(value)} is not a service start mode; expected Auto, Manual or Disabled.`);
        return;
      }
      (facts.services ??= {}).vaultSvc = mode;
      noteSource(draft, "services.vaultSvc", h);
      return;
    }
    case "tls12ClientEnabled":
      return setDword(draft, column, value, "tls.schannelTls12.client.enabled", (v) => {
        schannel(draft, "client").enabled = v;
      });
    case "tls12ClientDisabledByDefault":
      return setDword(draft, column, value, "tls.schannelTls12.client.disabledByDefault", (v) => {
        schannel(draft, "client").disabledByDefault = v;
      });
    case "tls12ServerEnabled":
      return setDword(draft, column, value, "tls.schannelTls12.server.enabled", (v) => {
        schannel(draft, "server").enabled = v;
      });
    case "tls12ServerDisabledByDefault":
      return setDword(draft, column, value, "tls.schannelTls12.server.disabledByDefault", (v) => {
        schannel(draft, "server").disabledByDefault = v;
      });
    case "schUseStrongCrypto":
      return setDword(draft, column, value, "tls.dotnet64.schUseStrongCrypto", (v) => {
        dotnetTls(draft, "dotnet64").schUseStrongCrypto = v;
      });
    case "systemDefaultTlsVersions":
      return setDword(draft, column, value, "tls.dotnet64.systemDefaultTlsVersions", (v) => {
        dotnetTls(draft, "dotnet64").systemDefaultTlsVersions = v;
      });
    case "schUseStrongCrypto32":
      return setDword(draft, column, value, "tls.dotnet32.schUseStrongCrypto", (v) => {
        dotnetTls(draft, "dotnet32").schUseStrongCrypto = v;
      });
    case "systemDefaultTlsVersions32":
      return setDword(draft, column, value, "tls.dotnet32.systemDefaultTlsVersions", (v) => {
        dotnetTls(draft, "dotnet32").systemDefaultTlsVersions = v;
      });
    case "restrictSendingNtlmTraffic":
      return setDword(draft, column, value, "ntlm.restrictSendingNtlmTraffic", (v) => {
        (facts.ntlm ??= {}).restrictSendingNtlmTraffic = v;
      });
    case "restrictNtlmInDomain":
      return setDword(draft, column, value, "ntlm.restrictNtlmInDomain", (v) => {
        (facts.ntlm ??= {}).restrictNtlmInDomain = v;
      });
    case "hotfixes": {
      const items = value.split(/[\s,;|]+/).filter((item) => item !== "");
      const list = normalizeHotfixList(items);
      facts.hotfixes = [...(facts.hotfixes ?? []), ...list.filter((kb) => !(facts.hotfixes ?? []).includes(kb))];
      noteSource(draft, "hotfixes", h);
      return;
    }
    case "agentInstalled": {
      const installed = parseBoolean(value);
      if (installed === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not yes/no or true/false.`);
        return;
      }
      (facts.agent ??= {}).installed = installed;
      noteSource(draft, "agent.installed", h);
      return;
    }
    case "agentVersion":
      if (!/^\d+(\.\d+){1,3}$/.test(value)) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a version number such as 1.1.2505.0.`);
        return;
      }
      (facts.agent ??= {}).version = value;
      noteSource(draft, "agent.version", h);
      return;
    case "agentServiceState":
      (facts.agent ??= {}).serviceState = value;
      noteSource(draft, "agent.serviceState", h);
      return;
    case "tier0": {
      const tier0 = parseBoolean(value);
      if (tier0 === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not yes/no or true/false.`);
        return;
      }
      facts.tier0 = tier0;
      noteSource(draft, "tier0", h);
      return;
    }
    case "firewallFiltersByUser":
    case "networkServiceAllowed": {
      const flag = parseBoolean(value);
      if (flag === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not yes/no or true/false.`);
        return;
      }
      const key = column.field === "firewallFiltersByUser" ? "filtersByUser" : "networkServiceAllowed";
      (facts.firewall ??= {})[key] = flag;
      noteSource(draft, `firewall.${key}`, h);
      return;
    }
    case "site":
      facts.site = value;
      noteSource(draft, "site", h);
      return;
    case "owner":
      facts.owner = value;
      noteSource(draft, "owner", h);
      return;
    case "tags": {
      const tags = value
        .split(/[,;]/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== "");
      facts.tags = [...new Set([...(facts.tags ?? []), ...tags])];
      noteSource(draft, "tags", h);
      return;
    }
    case "collectedAt": {
      const date = parseDateTime(value);
      if (!date.ok) {
        draftInvalidCell(draft, h, `${date.message}.`);
        return;
      }
      if (date.assumedUtc) ctx.onAssumedUtc(h);
      facts.collectedAt = date.iso;
      noteSource(draft, "collectedAt", h);
      return;
    }
    case "sid":
      if (!/^S-1-\d+(-\d+)+$/i.test(value)) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a SID (S-1-5-21-...).`);
        return;
      }
      (facts.identity ??= {}).sid = value.toUpperCase();
      noteSource(draft, "identity.sid", h);
      return;
    case "objectGuid": {
      const guid = normalizeGuidText(value);
      if (guid === undefined) {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a GUID.`);
        return;
      }
      (facts.identity ??= {}).objectGuid = guid;
      noteSource(draft, "identity.objectGuid", h);
      return;
    }
    case "cloud": {
      const cloud = value.toLowerCase().replace(/[^a-z]/g, "");
      if (cloud === "public" || cloud === "azurecloud" || cloud === "global" || cloud === "commercial") {
        (facts.network ??= {}).cloud = "public";
      } else if (cloud === "usgov" || cloud === "azureusgovernment" || cloud === "usgovernment" || cloud === "gcchigh" || cloud === "dod") {
        (facts.network ??= {}).cloud = "usgov";
      } else {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a cloud; expected public or usgov.`);
        return;
      }
      noteSource(draft, "network.cloud", h);
      return;
    }
    case "proxy": {
      const text = value.trim();
      if (/^(none|direct|direct access|no|no proxy|-)$/i.test(text)) {
        (facts.network ??= {}).proxy = { configured: false };
      } else if (PROXY_SETTING.test(text)) {
        (facts.network ??= {}).proxy = { configured: true, address: text };
      } else {
        draftInvalidCell(draft, h, `${displayValue(value)} is not a proxy setting; expected host:port (or http=host:port;https=host:port), or none.`);
        return;
      }
      noteSource(draft, "network.proxy", h);
      return;
    }
  }
}

/** A WinHTTP proxy setting: host:port entries, optionally per scheme ("http=p1:80;https=p2:8443") or with http://. */
const PROXY_SETTING = /^((https?=)?(https?:\/\/)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?:\d{1,5}\/?)([;\s]+(https?=)?(https?:\/\/)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?:\d{1,5}\/?)*$/i;

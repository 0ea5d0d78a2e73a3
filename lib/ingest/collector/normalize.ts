import {
  domainFactsSchema,
  hostFactsSchema,
  type AclFacts,
  type DomainFacts,
  type ExecutionPolicy,
  type ExecutionPolicyScope,
  type HostFacts,
  type NetworkCheck,
} from "@/lib/facts";
import { formatJsonPath, type CollectorDomain, type CollectorHost, type CollectorIssue, type CollectorOutput } from "./schema";
import { normalizeCollectorAcls, type AclError } from "./normalize-acls";
import { markAcceptedHostFacts } from "../host/accept-host";
import { displayValue } from "../text/display";

/**
 * Collector JSON (already zod-checked by schema.ts) -> HostFacts (+ DomainFacts and, from `domain.acls`, one
 * AclFacts per object whose ACL was read: see normalize-acls.ts), validated against lib/facts.
 * Names are canonicalised (lower-case FQDN/domains, upper-case NetBIOS names and hotfix ids), enums mapped to
 * the facts vocabulary, and `null` sections (probe failed) become undefined ("not collected").
 * Anything the facts model cannot hold becomes a warning rather than a guess.
 */

export type NormalizeResult =
  | { ok: true; host: HostFacts; domain?: DomainFacts; acls: AclFacts[]; warnings: CollectorIssue[] }
  | { ok: false; issues: CollectorIssue[] };

type Nullish<T> = T | null | undefined;

const INSTALLATION_TYPES = ["Client", "Server", "Server Core", "Nano Server"] as const;
const PRODUCT_TYPES = { 1: "workstation", 2: "domain-controller", 3: "server" } as const;
const START_MODES = ["Auto", "Manual", "Disabled"] as const;
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** Trimmed non-empty string, else undefined. */
function str(value: Nullish<string>): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function lower(value: Nullish<string>): string | undefined {
  return str(value)?.toLowerCase().replace(/\.$/, "");
}

function upper(value: Nullish<string>): string | undefined {
  return str(value)?.toUpperCase();
}

function num(value: Nullish<number>): number | undefined {
  return value ?? undefined;
}

/** Keeps registry semantics: null (absent) stays null, undefined (not collected) is dropped. */
function dword(value: Nullish<number>): number | null | undefined {
  return value;
}

/** Drops undefined values and objects left empty, so "not collected" is simply absent. */
function compact<T extends object>(value: T): T | undefined {
  const copy = { ...value };
  for (const [key, entry] of Object.entries(copy)) {
    if (entry === undefined) Reflect.deleteProperty(copy, key);
  }
  return Object.keys(copy).length === 0 ? undefined : copy;
}

function uniq(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Get-ComputerInfo's OsServerLevel logic, from the ServerLevels registry DWORDs. */
function serverLevel(levels: NonNullable<NonNullable<CollectorHost["os"]>["serverLevels"]> | null | undefined) {
  if (!levels) return undefined;
  const { nanoServer, serverCore, serverGuiMgmt, serverGuiShell } = levels;
  if ([nanoServer, serverCore, serverGuiMgmt, serverGuiShell].every((v) => v === null || v === undefined)) return undefined;
  if (nanoServer === 1) return "NanoServer" as const;
  if (serverCore !== 1) return "Unknown" as const;
  if (serverGuiMgmt !== 1) return "ServerCore" as const;
  return serverGuiShell === 1 ? ("FullServer" as const) : ("ServerCoreWithManagementTools" as const);
}

class Normalizer {
  readonly warnings: CollectorIssue[] = [];

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }

  identity(host: CollectorHost): HostFacts["identity"] {
    const identity = host.identity;
    if (!identity) return undefined;
    const account = identity.computerAccount;
    let objectGuid: string | undefined;
    if (str(account?.objectGuid)) {
      const match = GUID.exec(str(account?.objectGuid) ?? "");
      if (match) objectGuid = match[1].toLowerCase();
      else this.warn("host.identity.computerAccount.objectGuid", `${displayValue(String(account?.objectGuid))} is not a GUID; ignored`);
    }
    return compact({
      fqdn: lower(identity.fqdn),
      netbiosName: upper(identity.computerName),
      domain: lower(identity.domain),
      netbiosDomain: upper(account?.netbiosDomain),
      objectGuid,
      sid: upper(account?.sid),
    });
  }

  os(host: CollectorHost): HostFacts["os"] {
    const os = host.os;
    if (!os) return undefined;
    let installationType: (typeof INSTALLATION_TYPES)[number] | undefined;
    const rawType = str(os.installationType);
    if (rawType) {
      installationType = INSTALLATION_TYPES.find((t) => t.toLowerCase() === rawType.toLowerCase());
      if (!installationType) this.warn("host.os.installationType", `unknown InstallationType ${displayValue(String(rawType), 40)}; ignored`);
    }
    let productType: NonNullable<HostFacts["os"]>["productType"];
    if (os.productType === 1 || os.productType === 2 || os.productType === 3) productType = PRODUCT_TYPES[os.productType];
    return compact({
      caption: str(os.caption)?.replace(/\s+/g, " "),
      version: str(os.version),
      build: num(os.buildNumber),
      ubr: num(os.ubr),
      installationType,
      serverLevel: serverLevel(os.serverLevels),
      productType,
      architecture: str(os.osArchitecture),
    });
  }

  executionPolicy(host: CollectorHost): HostFacts["executionPolicy"] {
    const section = host.executionPolicy;
    if (!section) return undefined;
    // Passed through as collected: `effective` is Get-ExecutionPolicy in the collector's own process (a
    // `-ExecutionPolicy Bypass` run shows Bypass there and in the Process scope); the host-execution-policy rule
    // judges the machine from the scopes and sets the Process scope aside.
    const scopes: Partial<Record<ExecutionPolicyScope, ExecutionPolicy>> = {};
    for (const entry of section.scopes ?? []) scopes[entry.scope] = entry.policy;
    return compact({ effective: section.effective ?? undefined, scopes: section.scopes ? scopes : undefined });
  }

  tls(host: CollectorHost): HostFacts["tls"] {
    const tls = host.tls;
    if (!tls) return undefined;
    const schannel = tls.schannelTls12;
    const endpoint = (v: Nullish<{ enabled?: number | null; disabledByDefault?: number | null }>) =>
      v ? compact({ enabled: dword(v.enabled), disabledByDefault: dword(v.disabledByDefault) }) : undefined;
    const dotnet = (v: Nullish<{ schUseStrongCrypto?: number | null; systemDefaultTlsVersions?: number | null }>) =>
      v ? compact({ schUseStrongCrypto: dword(v.schUseStrongCrypto), systemDefaultTlsVersions: dword(v.systemDefaultTlsVersions) }) : undefined;
    return compact({
      schannelTls12: schannel ? compact({ client: endpoint(schannel.client), server: endpoint(schannel.server) }) : undefined,
      dotnet64: dotnet(tls.dotnet64),
      dotnet32: dotnet(tls.dotnet32),
    });
  }

  vaultSvc(host: CollectorHost): HostFacts["services"] {
    const service = host.services?.vaultSvc;
    if (!service) return undefined;
    if (service.exists === false) return { vaultSvc: null };
    const mode = service.startMode;
    if (mode === null || mode === undefined) return undefined;
    const known = START_MODES.find((m) => m === mode);
    if (!known) {
      this.warn("host.services.vaultSvc.startMode", `start mode ${displayValue(String(mode), 40)} is not Auto, Manual or Disabled; ignored`);
      return undefined;
    }
    return { vaultSvc: known };
  }

  network(host: CollectorHost): HostFacts["network"] {
    const network = host.network;
    if (!network) return undefined;
    const checks = network.checks?.map((check): NetworkCheck => {
      const out: NetworkCheck = { host: check.host.trim().toLowerCase(), port: check.port, reachable: check.reachable };
      if (check.latencyMs !== null && check.latencyMs !== undefined) out.latencyMs = check.latencyMs;
      const error = str(check.error);
      if (error) out.error = error;
      // A direct probe is written without path fields (absent = direct), the way older collectors' probes read.
      if (check.via === "proxy") {
        out.via = "proxy";
        const proxy = str(check.proxy);
        if (proxy) out.proxy = proxy;
        const proxyStatus = str(check.proxyStatus);
        if (proxyStatus) out.proxyStatus = proxyStatus;
      }
      return out;
    });
    const proxy = network.proxy;
    return compact({
      cloud: network.cloud === undefined ? undefined : network.cloud === "USGov" ? ("usgov" as const) : ("public" as const),
      checks,
      proxy: proxy
        ? compact({ configured: proxy.configured, address: str(proxy.address), bypass: str(proxy.bypass) })
        : undefined,
      domainControllerChecks: network.domainControllerChecks?.map((check): NetworkCheck => {
        const out: NetworkCheck = { host: check.host.trim().toLowerCase(), port: check.port, reachable: check.reachable };
        if (check.latencyMs !== null && check.latencyMs !== undefined) out.latencyMs = check.latencyMs;
        const error = str(check.error);
        if (error) out.error = error;
        return out;
      }),
    });
  }

  agent(host: CollectorHost): HostFacts["agent"] {
    const agent = host.agent;
    if (!agent) return undefined;
    return compact({ installed: agent.installed, version: str(agent.version), serviceState: str(agent.service?.state) });
  }

  host(output: CollectorOutput): HostFacts {
    const host = output.host;
    const memory = host.memory;
    const inventory = host.inventory;
    const hotfixIds = host.hotfixes?.ids;
    return {
      ...compact({
        identity: this.identity(host),
        os: this.os(host),
        domainMembership: host.domainMembership
          ? compact({
              partOfDomain: host.domainMembership.partOfDomain,
              domainRole: host.domainMembership.domainRole ?? undefined,
            })
          : undefined,
        memory: memory
          ? compact({
              totalPhysicalBytes: num(memory.totalPhysicalBytes) || undefined,
              installedBytes: num(memory.installedBytes) || undefined,
            })
          : undefined,
        dotnet: host.dotnet ? compact({ release: dword(host.dotnet.release) }) : undefined,
        executionPolicy: this.executionPolicy(host),
        tls: this.tls(host),
        ntlm: host.ntlm
          ? compact({
              restrictSendingNtlmTraffic: dword(host.ntlm.restrictSendingNtlmTraffic),
              restrictNtlmInDomain: dword(host.ntlm.restrictNtlmInDomain),
            })
          : undefined,
        services: this.vaultSvc(host),
        tier0: inventory?.tier0 ?? undefined,
        network: this.network(host),
        firewall: host.firewall
          ? compact({
              filtersByUser: host.firewall.filtersByUser ?? undefined,
              // No user-filtering rule: nothing to allow, so Network Service is not blocked by one.
              networkServiceAllowed: host.firewall.networkServiceAllowed ?? undefined,
            })
          : undefined,
        hotfixes: hotfixIds ? uniq(hotfixIds.map((id) => id.trim().toUpperCase()).filter((id) => id !== "")) : undefined,
        agent: this.agent(host),
        tags: inventory?.tags ? uniq(inventory.tags.map((t) => t.trim()).filter((t) => t !== "")) : undefined,
        site: str(inventory?.site),
        owner: str(inventory?.owner),
      }),
      collectedAt: output.collector.runAt,
    };
  }

  domain(domain: CollectorDomain, collectedAt: string, aclErrors: AclError[], failedProbes: ReadonlySet<string> = new Set()): DomainFacts {
    const controllers = domain.domainControllers?.map((dc) => {
      const build = /\((\d+)\)|^\d+\.\d+\.(\d+)/.exec(dc.operatingSystemVersion ?? "");
      return {
        name: lower(dc.hostName) ?? dc.name.trim(),
        ...compact({
          osCaption: str(dc.operatingSystem),
          osBuild: build ? Number(build[1] ?? build[2]) : undefined,
          rsatAdPowerShell: dc.rsatAdPowerShell ?? undefined,
        }),
      };
    });
    const kdsRootKeys = domain.kdsRootKeys?.map((key) => ({
      effectiveTime: key.effectiveTime,
      ...compact({ id: lower(key.id)?.replace(/^\{|\}$/g, ""), createdTime: key.creationTime ?? undefined }),
    }));
    const protectedObjects = domain.protectedObjects;
    if (protectedObjects?.truncated) {
      this.warn(
        "domain.protectedObjects.truncated",
        `the scan stopped at ${protectedObjects.scanned ?? "the -MaxObjects"} objects: the counts are lower bounds`,
      );
    }
    const gmsa = domain.gmsa;
    if (gmsa && gmsa.found === false) {
      const name = str(gmsa.requestedName) ?? "requested";
      this.warn("domain.gmsa.found", `the gMSA ${name} was not found in ${lower(domain.dnsName) ?? "the domain"}`);
    }
    return {
      ...compact({
        dnsName: lower(domain.dnsName),
        netbiosName: upper(domain.netbiosName),
        distinguishedName: str(domain.distinguishedName),
        forestName: lower(domain.forestName),
        schemaVersion: num(domain.schemaVersion),
        domainControllers: controllers,
        kdsRootKeys,
        functionalLevels:
          compact({ domain: num(domain.domainFunctionalLevel), forest: num(domain.forestFunctionalLevel) }),
        protectedObjects: protectedObjects
          ? compact({
              inheritanceDisabledCount: protectedObjects.inheritanceDisabledCount,
              adminCountCount: protectedObjects.adminCountCount,
              samples: protectedObjects.samples,
            })
          : undefined,
        gmsa:
          gmsa && gmsa.found !== false
            ? compact({
                samAccountName: str(gmsa.samAccountName),
                distinguishedName: str(gmsa.distinguishedName),
                sid: upper(gmsa.sid),
                principalsAllowedToRetrievePassword: gmsa.principalsAllowedToRetrievePassword
                  ? principalNames(gmsa.principalsAllowedToRetrievePassword)
                  : undefined,
              })
            : undefined,
        groupMemberships: domain.groupMemberships ? groupMemberships(domain.groupMemberships) : undefined,
        collectedOn: domain.collectedOn
          ? compact({
              computerName: upper(domain.collectedOn.computerName),
              fqdn: lower(domain.collectedOn.fqdn),
              isDomainController: domain.collectedOn.isDomainController ?? undefined,
              rsatAdPowerShell: domain.collectedOn.rsatAdPowerShell ?? undefined,
              rsatMethod: str(domain.collectedOn.rsatMethod),
            })
          : undefined,
        aclErrors: aclErrors.length > 0 ? aclErrors : undefined,
      }),
      // null is "not extended" only when the probe ran: a failed probe is in the report's errors and stays unknown.
      ...(domain.exchangeSchemaVersion !== undefined && !failedProbes.has("domain.exchangeSchemaVersion")
        ? { exchangeSchemaVersion: domain.exchangeSchemaVersion }
        : {}),
      collectedAt,
    };
  }
}

type Principal = { name?: string | null; sid?: string | null; distinguishedName?: string | null };

/** Each principal by name (DOMAIN\name) and by SID, so ACL entries written either way match; DN as a last resort. */
function principalNames(principals: readonly Principal[]): string[] {
  const out: string[] = [];
  for (const principal of principals) {
    const name = str(principal.name);
    const sid = upper(principal.sid);
    if (name) out.push(name);
    if (sid) out.push(sid);
    if (!name && !sid) {
      const dn = str(principal.distinguishedName);
      if (dn) out.push(dn);
    }
  }
  return uniq(out);
}

/** principal (by name and by SID) -> its groups (each by name and by SID). */
function groupMemberships(entries: NonNullable<CollectorDomain["groupMemberships"]>): Record<string, string[]> {
  // Keyed by names from the report: no prototype, so a principal named "__proto__" is a key like any other.
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const entry of entries) {
    const groups = principalNames(entry.groups);
    for (const key of principalNames([{ name: entry.principal, sid: entry.sid, distinguishedName: entry.distinguishedName }])) {
      out[key] = uniq([...(out[key] ?? []), ...groups]);
    }
  }
  return out;
}

function factIssues(prefix: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): CollectorIssue[] {
  return issues.map((issue) => ({ path: formatJsonPath([prefix, ...issue.path]), message: `facts: ${issue.message}` }));
}

/** Normalises one validated collector output; the result is checked against the lib/facts schemas. */
export function normalizeCollectorOutput(output: CollectorOutput): NormalizeResult {
  const normalizer = new Normalizer();
  const host = hostFactsSchema.safeParse(normalizer.host(output));
  if (!host.success) return { ok: false, issues: factIssues("host", host.error.issues) };
  markAcceptedHostFacts(host.data); // valid by construction: parseFile need not parse it again
  if (!output.domain) return { ok: true, host: host.data, acls: [], warnings: normalizer.warnings };
  const acls = normalizeCollectorAcls(output.domain, output);
  if (acls.errors.length > 0) return { ok: false, issues: acls.errors };
  const failedProbes = new Set((output.errors ?? []).map((e) => e.probe));
  const domain = domainFactsSchema.safeParse(normalizer.domain(output.domain, output.collector.runAt, acls.aclErrors, failedProbes));
  if (!domain.success) return { ok: false, issues: factIssues("domain", domain.error.issues) };
  return { ok: true, host: host.data, domain: domain.data, acls: acls.acls, warnings: [...normalizer.warnings, ...acls.warnings] };
}

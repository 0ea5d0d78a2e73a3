import type { Cloud, DomainFacts, HostFacts, NetworkCheck } from "@/lib/facts";
import { COLLECTOR_NAME, COLLECTOR_SCHEMA_VERSION, DOMAIN_ROLES } from "@/lib/ingest/collector/schema";
import { endpointsFor, type EndpointRequirement } from "@/lib/rules";
import { scriptTimestamp } from "./timestamps";

/**
 * HostFacts (+ DomainFacts) -> the JSON that collector/Get-CloudSyncReadiness.ps1 writes, one output per host,
 * as a bundle (a JSON array of outputs, which the collector-json parser reads). Same keys in the same order as
 * the script's `[ordered]@{}` literals, written compactly (no indentation: a 50,000-host bundle stays as small
 * as the shape allows). Pure.
 *
 * Facts -> JSON mapping, and what does not survive the round trip (parseFile gives back the same facts except):
 * - a section that was not collected (undefined) is written `null` with an `errors[]` entry, as the script does
 *   when a probe fails; the parser reports each such entry as a warning;
 * - inside a collected section, a value that was not collected (undefined) is written `null` where the parser reads
 *   `null` as "not collected" (text, enums, sizes), and left out where `null` means "registry value absent"
 *   (TLS, NTLM, .NET DWORDs), which the script never leaves out: the shape differs from the script's only for
 *   such partially collected registry sections;
 * - a domain-joined host without any computer-account detail (NetBIOS domain, SID, objectGUID) is written with a
 *   failed computer-account lookup (`computerAccount: null` and an error entry);
 * - os.serverLevel is written as the ServerLevels registry DWORDs it is derived from ("Unknown" comes back only
 *   when serverCore is not 1, which is how it is written);
 * - domainMembership.domainRole must be one of the Win32_ComputerSystem.DomainRole names (written as its number);
 * - services.vaultSvc null is written as a missing service (exists: false);
 * - network checks: category/pattern/optional come from lib/rules/endpoints for the host's cloud (port 8080 is
 *   the optional check); `network` with no checks is written as a -SkipNetwork run;
 * - timestamps come back in toISOString() form (same instant);
 * - empty lists come back empty (the script writes `[]`); tags that were not collected are written `null`;
 * - an empty section ({}) and a memory size of 0 come back as not collected (the parser drops them);
 * - domain facts ride on the first host of that domain in the bundle (as a collector run with -IncludeDomain):
 *   their collectedAt becomes that host's run time, and a gMSA that was not collected is written as not found.
 *   Use toDomainJson (domain-json) to keep the domain's own collection time.
 */

export interface CollectorBundleOptions {
  /** collector.version (default "1.0.0", the script's current version). */
  collectorVersion?: string;
  /** collector.runAt for hosts without collectedAt; without it such a host is an error. */
  defaultRunAt?: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const DEFAULT_VERSION = "1.0.0";
const TIMEOUT_MS = 3000;
const AGENT_SERVICE = "AADConnectProvisioningAgent";
const AGENT_DIR = "C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent";
const PRODUCT_TYPE = { workstation: 1, "domain-controller": 2, server: 3 } as const;

/** Drops undefined values (a value that was not collected is left out, never invented). */
function obj(entries: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const key in entries) {
    const value = entries[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** `undefined` -> null (a failed/absent value where the script always writes the key). */
function orNull<T extends Json>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

class Errors {
  readonly list: JsonObject[] = [];
  add(probe: string, message: string): null {
    this.list.push({ probe, message });
    return null;
  }
}

function serverLevels(level: NonNullable<HostFacts["os"]>["serverLevel"]): Json {
  switch (level) {
    case undefined:
      return null;
    case "NanoServer":
      return { nanoServer: 1, serverCore: null, serverGuiMgmt: null, serverGuiShell: null };
    case "ServerCore":
      return { nanoServer: null, serverCore: 1, serverGuiMgmt: null, serverGuiShell: null };
    case "ServerCoreWithManagementTools":
      return { nanoServer: null, serverCore: 1, serverGuiMgmt: 1, serverGuiShell: null };
    case "FullServer":
      return { nanoServer: null, serverCore: 1, serverGuiMgmt: 1, serverGuiShell: 1 };
    case "Unknown":
      return { nanoServer: null, serverCore: 0, serverGuiMgmt: null, serverGuiShell: null };
  }
}

function identitySection(host: HostFacts, errors: Errors): Json {
  const identity = host.identity;
  if (identity === undefined) return errors.add("identity", "Get-CimInstance Win32_ComputerSystem: Access denied");
  const computer = identity.netbiosName;
  // The computer account is looked up on domain-joined hosts only; no account detail means the lookup failed.
  const hasAccount = identity.netbiosDomain !== undefined || identity.sid !== undefined || identity.objectGuid !== undefined;
  let account: Json = null;
  if (hasAccount) {
    account = {
      accountName: identity.netbiosDomain !== undefined && computer !== undefined ? `${identity.netbiosDomain}\\${computer}$` : null,
      netbiosDomain: orNull(identity.netbiosDomain),
      sid: orNull(identity.sid),
      objectGuid: orNull(identity.objectGuid),
      distinguishedName: computer !== undefined && identity.domain !== undefined ? `CN=${computer},CN=Computers,${dnOf(identity.domain)}` : null,
    };
  } else if (identity.domain !== undefined) {
    errors.add("identity.computerAccount", "The specified domain either does not exist or could not be contacted.");
  }
  return { computerName: orNull(computer), fqdn: orNull(identity.fqdn), domain: orNull(identity.domain), computerAccount: account };
}

function osSection(os: HostFacts["os"], errors: Errors): Json {
  if (os === undefined) return errors.add("os", "Get-CimInstance Win32_OperatingSystem: Access denied");
  return {
    caption: orNull(os.caption),
    version: orNull(os.version),
    buildNumber: os.build === undefined ? null : String(os.build),
    ubr: orNull(os.ubr),
    productType: os.productType === undefined ? null : PRODUCT_TYPE[os.productType],
    operatingSystemSku: os.caption === undefined ? null : /Datacenter/i.test(os.caption) ? 8 : 7,
    osArchitecture: orNull(os.architecture),
    installationType: orNull(os.installationType),
    serverLevels: serverLevels(os.serverLevel),
  };
}

function domainRoleValue(role: string): number | string {
  const index = DOMAIN_ROLES.findIndex((name) => name === role);
  return index === -1 ? role : index;
}

function membershipSection(host: HostFacts, errors: Errors): Json {
  const membership = host.domainMembership;
  if (membership === undefined) return errors.add("domainMembership", "Get-CimInstance Win32_ComputerSystem: Access denied");
  return obj({
    partOfDomain: membership.partOfDomain,
    domainRole: membership.domainRole === undefined ? null : domainRoleValue(membership.domainRole),
    domain: host.identity?.domain ?? "WORKGROUP",
  });
}

function executionPolicySection(policy: HostFacts["executionPolicy"], errors: Errors): Json {
  if (policy === undefined) return errors.add("executionPolicy", "Get-ExecutionPolicy: the operation was not allowed");
  const scopes = policy.scopes;
  const order = ["MachinePolicy", "UserPolicy", "Process", "CurrentUser", "LocalMachine"] as const;
  return obj({
    effective: orNull(policy.effective),
    scopes:
      scopes === undefined
        ? null
        : order.flatMap((scope) => {
            const value = scopes[scope];
            return value === undefined ? [] : [{ scope, policy: value }];
          }),
  });
}

function tlsSection(tls: HostFacts["tls"], errors: Errors): Json {
  if (tls === undefined) return errors.add("tls", "Requested registry access is not allowed.");
  type Values = { [key: string]: number | null | undefined };
  const values = (v: Values | undefined) => (v === undefined ? undefined : obj(v));
  const schannel = tls.schannelTls12;
  return obj({
    schannelTls12: schannel === undefined ? undefined : obj({ client: values(schannel.client), server: values(schannel.server) }),
    dotnet64: values(tls.dotnet64),
    dotnet32: values(tls.dotnet32),
  });
}

function service(name: string, startMode: string | null | undefined, state: string | null | undefined): JsonObject {
  if (startMode === null) return { name, exists: false, startMode: null, state: null };
  return obj({ name, exists: true, startMode: orNull(startMode), state: orNull(state) });
}

function servicesSection(services: HostFacts["services"], errors: Errors): Json {
  if (services === undefined) return errors.add("services", "Get-CimInstance Win32_Service: Access denied");
  const vault = services.vaultSvc;
  if (vault === undefined) return { vaultSvc: null };
  return { vaultSvc: service("VaultSvc", vault, vault === null ? null : vault === "Disabled" ? "Stopped" : "Running") };
}

function agentSection(agent: HostFacts["agent"], errors: Errors): Json {
  if (agent === undefined) return errors.add("agent", "Requested registry access is not allowed.");
  if (agent.installed === false) {
    return obj({
      installed: false,
      version: orNull(agent.version),
      fileVersion: null,
      displayName: null,
      displayVersion: null,
      installDir: AGENT_DIR,
      registryKeyPresent: false,
      service: service(AGENT_SERVICE, agent.serviceState === undefined ? null : "Manual", agent.serviceState),
    });
  }
  return obj({
    installed: agent.installed,
    version: orNull(agent.version),
    fileVersion: orNull(agent.version),
    displayName: "Microsoft Entra Provisioning Agent",
    displayVersion: orNull(agent.version),
    installDir: AGENT_DIR,
    registryKeyPresent: agent.installed,
    service: agent.serviceState === undefined ? null : service(AGENT_SERVICE, "Auto", agent.serviceState),
  });
}

function endpointKey(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}

function checkJson(check: NetworkCheck, endpoints: ReadonlyMap<string, EndpointRequirement>, service: EndpointRequirement | undefined): JsonObject {
  const known = endpoints.get(endpointKey(check.host, check.port));
  const optional = check.port === 8080;
  const requirement = known ?? (optional && service !== undefined && check.host === service.probeHost ? service : undefined);
  return obj({
    host: check.host,
    port: check.port,
    category: requirement?.category ?? null,
    pattern: requirement?.pattern ?? null,
    optional,
    reachable: check.reachable,
    latencyMs: orNull(check.latencyMs),
    error: orNull(check.error),
    via: check.via ?? "direct",
    proxy: orNull(check.proxy),
    proxyStatus: orNull(check.proxyStatus),
  });
}

const endpointCache = new Map<Cloud, { byKey: Map<string, EndpointRequirement>; service?: EndpointRequirement }>();

function endpointIndex(cloud: Cloud) {
  let index = endpointCache.get(cloud);
  if (index === undefined) {
    const list = endpointsFor(cloud);
    index = { byKey: new Map(list.map((e) => [endpointKey(e.probeHost, e.port), e])), service: list.find((e) => e.category === "service") };
    endpointCache.set(cloud, index);
  }
  return index;
}

function networkSection(network: HostFacts["network"], errors: Errors): Json {
  if (network === undefined) return errors.add("network", "The network probe failed: the operation timed out");
  const cloud = network.cloud ?? "public";
  const index = endpointIndex(cloud);
  const proxy = network.proxy;
  return obj({
    cloud: network.cloud === undefined ? undefined : network.cloud === "usgov" ? "USGov" : "Public",
    timeoutMs: TIMEOUT_MS,
    skipped: network.checks === undefined,
    checks: network.checks === undefined ? null : network.checks.map((check) => checkJson(check, index.byKey, index.service)),
    proxy:
      proxy === undefined
        ? errors.add("network.proxy", "Requested registry access is not allowed.")
        : obj({ source: "registry", configured: proxy.configured, address: orNull(proxy.address), bypass: orNull(proxy.bypass) }),
    domainControllerChecks:
      network.domainControllerChecks === undefined
        ? undefined
        : network.domainControllerChecks.map((check) =>
            obj({
              host: check.host,
              port: check.port,
              category: "domain-controller",
              pattern: check.host,
              optional: false,
              reachable: check.reachable,
              latencyMs: orNull(check.latencyMs),
              error: orNull(check.error),
            }),
          ),
  });
}

function hostSection(host: HostFacts, errors: Errors): JsonObject {
  const memory = host.memory;
  const ntlm = host.ntlm;
  const dotnet = host.dotnet;
  return {
    identity: identitySection(host, errors),
    os: osSection(host.os, errors),
    domainMembership: membershipSection(host, errors),
    memory:
      memory === undefined
        ? errors.add("memory", "Get-CimInstance Win32_PhysicalMemory: Access denied")
        : { totalPhysicalBytes: orNull(memory.totalPhysicalBytes), installedBytes: orNull(memory.installedBytes) },
    dotnet: dotnet === undefined ? errors.add("dotnet", "Requested registry access is not allowed.") : obj({ release: dotnet.release }),
    executionPolicy: executionPolicySection(host.executionPolicy, errors),
    tls: tlsSection(host.tls, errors),
    ntlm:
      ntlm === undefined
        ? errors.add("ntlm", "Requested registry access is not allowed.")
        : obj({ restrictSendingNtlmTraffic: ntlm.restrictSendingNtlmTraffic, restrictNtlmInDomain: ntlm.restrictNtlmInDomain }),
    services: servicesSection(host.services, errors),
    hotfixes:
      host.hotfixes === undefined
        ? errors.add("hotfixes", "Get-CimInstance Win32_QuickFixEngineering: Access denied")
        : { source: "Win32_QuickFixEngineering", ids: [...host.hotfixes] },
    agent: agentSection(host.agent, errors),
    network: networkSection(host.network, errors),
    inventory: { tier0: orNull(host.tier0), site: orNull(host.site), owner: orNull(host.owner), tags: host.tags === undefined ? null : [...host.tags] },
    ...(host.firewall === undefined
      ? {}
      : {
          firewall: {
            filtersByUser: orNull(host.firewall.filtersByUser),
            userFilteredRules: host.firewall.filtersByUser === true ? 1 : 0,
            networkServiceAllowed: orNull(host.firewall.networkServiceAllowed),
          },
        }),
  };
}

/** "corp.contoso.com" -> "DC=corp,DC=contoso,DC=com". */
function dnOf(dnsName: string): string {
  return dnsName
    .split(".")
    .filter((label) => label !== "")
    .map((label) => `DC=${label}`)
    .join(",");
}

const SID = /^S-1-\d+(-\d+)+$/i;

/** A principal as the script writes it: { name, sid, distinguishedName } (a SID-looking entry goes to `sid`). */
function principal(value: string): JsonObject {
  return SID.test(value) ? { name: null, sid: value, distinguishedName: null } : { name: value, sid: null, distinguishedName: null };
}

function domainSection(domain: DomainFacts, errors: Errors): JsonObject {
  const gmsa = domain.gmsa;
  const levels = domain.functionalLevels;
  const protectedObjects = domain.protectedObjects;
  return {
    dnsName: orNull(domain.dnsName),
    netbiosName: orNull(domain.netbiosName),
    distinguishedName: orNull(domain.distinguishedName),
    forestName: orNull(domain.forestName),
    schemaVersion: orNull(domain.schemaVersion),
    domainFunctionalLevel: orNull(levels?.domain),
    forestFunctionalLevel: orNull(levels?.forest),
    domainControllers:
      domain.domainControllers === undefined
        ? errors.add("domain.domainControllers", "Unable to contact the server.")
        : domain.domainControllers.map((dc) =>
            obj({
              name: dc.name.split(".")[0].toUpperCase(),
              hostName: dc.name,
              site: null,
              operatingSystem: orNull(dc.osCaption),
              operatingSystemVersion: dc.osBuild === undefined ? null : `10.0 (${dc.osBuild})`,
              rsatAdPowerShell: orNull(dc.rsatAdPowerShell),
            }),
          ),
    kdsRootKeys:
      domain.kdsRootKeys === undefined
        ? errors.add("domain.kdsRootKeys", "Get-KdsRootKey returned no key, but only Domain Admins, Enterprise Admins or SYSTEM can read KDS root keys.")
        : domain.kdsRootKeys.map((key) =>
            obj({ id: key.id, effectiveTime: scriptTimestamp(key.effectiveTime), creationTime: key.createdTime === undefined ? null : scriptTimestamp(key.createdTime) }),
          ),
    protectedObjects:
      protectedObjects === undefined
        ? errors.add("domain.protectedObjects", "Unable to contact the server.")
        : obj({
            adminCountCount: protectedObjects.adminCountCount,
            inheritanceDisabledCount: protectedObjects.inheritanceDisabledCount,
            scanned: (protectedObjects.adminCountCount ?? 0) + (protectedObjects.inheritanceDisabledCount ?? 0),
            truncated: false,
            samples: protectedObjects.samples === undefined ? undefined : [...protectedObjects.samples],
          }),
    gmsa:
      gmsa === undefined
        ? { requestedName: "provAgentgMSA$", found: false, samAccountName: null, distinguishedName: null, sid: null, principalsAllowedToRetrievePassword: [] }
        : obj({
            requestedName: gmsa.samAccountName ?? "provAgentgMSA$",
            found: true,
            samAccountName: orNull(gmsa.samAccountName),
            distinguishedName: orNull(gmsa.distinguishedName),
            sid: orNull(gmsa.sid),
            principalsAllowedToRetrievePassword: gmsa.principalsAllowedToRetrievePassword?.map(principal),
          }),
    groupMemberships:
      domain.groupMemberships === undefined
        ? errors.add("domain.groupMemberships", "Unable to contact the server.")
        : Object.entries(domain.groupMemberships).map(([member, groups]) => {
            const who = principal(member);
            return {
              principal: who.name ?? null,
              sid: who.sid ?? null,
              distinguishedName: null,
              method: "tokenGroups",
              groups: groups.map((group) => {
                const g = principal(group);
                return { name: g.name ?? null, sid: g.sid ?? null };
              }),
            };
          }),
    ...(domain.exchangeSchemaVersion === undefined ? {} : { exchangeSchemaVersion: domain.exchangeSchemaVersion }),
    // Written only when the facts record it (collector 1.1.x reports and later), like the script's last key.
    ...(domain.collectedOn === undefined
      ? {}
      : {
          collectedOn: {
            computerName: orNull(domain.collectedOn.computerName),
            fqdn: orNull(domain.collectedOn.fqdn),
            domain: orNull(domain.dnsName),
            isDomainController: orNull(domain.collectedOn.isDomainController),
            rsatAdPowerShell: orNull(domain.collectedOn.rsatAdPowerShell),
            rsatMethod: orNull(domain.collectedOn.rsatMethod),
          },
        }),
  };
}

/** One collector output (the script's root object) for one host, optionally with a domain section. */
export function toCollectorOutput(host: HostFacts, domain?: DomainFacts, options: CollectorBundleOptions = {}): JsonObject {
  const runAt = host.collectedAt ?? options.defaultRunAt;
  if (runAt === undefined) {
    throw new RangeError(`host ${host.identity?.fqdn ?? "(unnamed)"} has no collectedAt and no defaultRunAt was given`);
  }
  const errors = new Errors();
  const build = host.os?.build ?? 17763;
  const report: JsonObject = {
    schemaVersion: COLLECTOR_SCHEMA_VERSION,
    collector: {
      name: COLLECTOR_NAME,
      version: options.collectorVersion ?? DEFAULT_VERSION,
      psVersion: `5.1.${build}.1`,
      runAt: scriptTimestamp(runAt),
      readOnly: true,
      elevated: true,
    },
    host: hostSection(host, errors),
  };
  if (domain !== undefined) report.domain = domainSection(domain, errors);
  report.errors = errors.list;
  return report;
}

/** Which host of the bundle carries each domain's section: the first host joined to it. */
function domainCarriers(hosts: readonly HostFacts[], domains: readonly DomainFacts[]): Map<number, DomainFacts> {
  const carriers = new Map<number, DomainFacts>();
  const firstHost = new Map<string, number>();
  hosts.forEach((host, index) => {
    const key = host.identity?.domain?.toLowerCase();
    if (key !== undefined && !firstHost.has(key)) firstHost.set(key, index);
  });
  const missing: string[] = [];
  for (const domain of domains) {
    const key = domain.dnsName?.toLowerCase();
    const index = key === undefined ? undefined : firstHost.get(key);
    if (index === undefined || carriers.has(index)) missing.push(domain.dnsName ?? "(unnamed domain)");
    else carriers.set(index, domain);
  }
  if (missing.length > 0) {
    throw new RangeError(`no host of the bundle can carry the domain section of ${missing.join(", ")} (write it with toDomainJson instead)`);
  }
  return carriers;
}

/**
 * The bundle as text chunks (one per host), so a 50,000-host bundle can be streamed to a file
 * without building one huge string: "[", output, ",", output, ..., "]".
 */
export function* collectorBundleChunks(
  hosts: readonly HostFacts[],
  domains: readonly DomainFacts[] = [],
  options: CollectorBundleOptions = {},
): Generator<string> {
  const carriers = domainCarriers(hosts, domains);
  yield "[";
  for (let i = 0; i < hosts.length; i++) {
    yield (i === 0 ? "" : ",") + JSON.stringify(toCollectorOutput(hosts[i], carriers.get(i), options));
  }
  yield "]";
}

/** A collector bundle: a compact JSON array of Get-CloudSyncReadiness outputs, one per host. */
export function toCollectorBundle(hosts: readonly HostFacts[], domains: readonly DomainFacts[] = [], options: CollectorBundleOptions = {}): string {
  return [...collectorBundleChunks(hosts, domains, options)].join("");
}

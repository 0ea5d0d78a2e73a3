import type { Cloud, ExecutionPolicy, HostFacts, NetworkCheck } from "@/lib/facts";
import type { EndpointRequirement } from "@/lib/rules";
import { guid, hoursBefore, type DemoDomain } from "./profiles";
import type { Random } from "./prng";

type Year = 2016 | 2019 | 2022 | 2025;

/** Per Windows Server version: build, a realistic range of update build revisions, and .NET releases seen. */
const OS: Readonly<Record<Year, { build: number; ubr: readonly [number, number]; dotnet: readonly (readonly [number | null, number])[] }>> = {
  // Stock 2016 ships .NET 4.6.2 (394802), which fails the 4.7.1 minimum until .NET is updated.
  2016: { build: 14393, ubr: [6000, 8400], dotnet: [[394802, 25], [461814, 25], [528049, 48], [null, 2]] },
  2019: { build: 17763, ubr: [5000, 7900], dotnet: [[461814, 30], [528049, 70]] },
  2022: { build: 20348, ubr: [2300, 4400], dotnet: [[528449, 72], [533320, 28]] },
  // 2025 ships .NET 4.8.1 (533509).
  2025: { build: 26100, ubr: [4000, 7300], dotnet: [[533509, 1]] },
};
const YEARS: readonly (readonly [Year, number])[] = [[2016, 20], [2019, 35], [2022, 35], [2025, 10]];

/**
 * KB5070773 (2025-10-20) fixed the known sync problem on 2025. Its OS build is 26100.6901 (the title of its
 * Microsoft Support article; host-os-2025-update judges UBR >= 6901). The demo lists the KB only from UBR 6905
 * on, as it always has, so that the generated fleets stay the same; hosts at 6901-6904 simply do not list it.
 */
const KB_2025_FIX = "KB5070773";
const KB_2025_FIX_UBR = 6905;

const MEMORY_GIB: readonly (readonly [number, number])[] = [
  [2, 4], [4, 10], [6, 3], [8, 30], [12, 8], [16, 25], [24, 5], [32, 10], [48, 2], [64, 3],
];
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

const POLICIES: readonly (readonly [ExecutionPolicy, number])[] = [
  ["RemoteSigned", 78], ["Restricted", 5], ["AllSigned", 4], ["Unrestricted", 8], ["Bypass", 3], ["Undefined", 2],
];
const TAGS = ["prod", "test", "dmz", "identity", "legacy", "pilot", "backup", "web"] as const;
const TEAMS = ["identity-team", "infra-ops", "platform", "app-hosting"] as const;
const AGENT_VERSIONS: readonly (readonly [string, number])[] = [["1.1.2505.0", 50], ["1.1.2334.0", 30], ["1.1.1370.0", 20]];

/**
 * Per-site network conditions: one site blocks outbound port 80, one goes through a WinHTTP proxy, one blocks 8080.
 * The proxy works in healthy domains; in mixed ones it answers 403 for Service Bus (*.servicebus.*). One proxied
 * server in four was collected with direct probes only (a collector before 1.2): its direct connections time out.
 */
export interface SiteNetwork {
  site: string;
  blocksPort80: boolean;
  blocksPort8080: boolean;
  proxy?: string;
  /** The proxy answers 403 Forbidden for the Service Bus endpoints. */
  proxyDeniesServiceBus?: boolean;
}

export function siteNetworks(domain: DemoDomain): SiteNetwork[] {
  return domain.sites.map((site, index) => ({
    site,
    blocksPort80: domain.profile === "mixed" && index === 1,
    blocksPort8080: index === 0,
    proxy: index === 2 ? `http://proxy-${site}.${domain.dnsName}:8080` : undefined,
    proxyDeniesServiceBus: index === 2 && domain.profile === "mixed",
  }));
}

export interface HostContext {
  asOf: string;
  cloud: Cloud;
  endpoints: readonly EndpointRequirement[];
  domain: DemoDomain;
  networks: readonly SiteNetwork[];
  /** Agent already installed on this host (the first couple of hosts of each domain). */
  agentInstalled: boolean;
}

/** A 5-digit sequence number, e.g. 42 -> "00042". */
function seq(n: number): string {
  return String(n).padStart(5, "0");
}

/** "srv-ams-00042" (member servers) or "dc-ams-00042" (domain controllers). */
export function hostName(prefix: "srv" | "dc", site: string, number: number): string {
  return `${prefix}-${site}-${seq(number)}`;
}

function tlsFacts(random: Random): HostFacts["tls"] {
  const profile = random.weighted([["configured", 70], ["absent", 18], ["partial", 5], ["disabled", 4], ["not-collected", 3]] as const);
  switch (profile) {
    case "configured":
      return {
        schannelTls12: { client: { enabled: 1, disabledByDefault: 0 }, server: { enabled: 1, disabledByDefault: 0 } },
        dotnet64: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 1 },
        dotnet32: { schUseStrongCrypto: 1, systemDefaultTlsVersions: 1 },
      };
    case "absent":
      // Keys never set: Windows defaults apply, but the documented values are not evidenced.
      return {
        schannelTls12: { client: { enabled: null, disabledByDefault: null }, server: { enabled: null, disabledByDefault: null } },
        dotnet64: { schUseStrongCrypto: null, systemDefaultTlsVersions: null },
        dotnet32: { schUseStrongCrypto: null, systemDefaultTlsVersions: null },
      };
    case "partial":
      return {
        schannelTls12: { client: { enabled: null, disabledByDefault: null }, server: { enabled: 1, disabledByDefault: 0 } },
        dotnet64: { schUseStrongCrypto: 1, systemDefaultTlsVersions: null },
        dotnet32: { schUseStrongCrypto: null, systemDefaultTlsVersions: null },
      };
    case "disabled":
      return {
        schannelTls12: { client: { enabled: 0, disabledByDefault: 1 }, server: { enabled: 1, disabledByDefault: 0 } },
        dotnet64: { schUseStrongCrypto: 0, systemDefaultTlsVersions: null },
        dotnet32: { schUseStrongCrypto: null, systemDefaultTlsVersions: null },
      };
    default:
      return undefined;
  }
}

function executionPolicyFacts(random: Random): HostFacts["executionPolicy"] {
  if (random.chance(0.05)) return undefined;
  const effective = random.weighted(POLICIES);
  // One server in ten gets its policy from Group Policy (MachinePolicy beats LocalMachine).
  if (random.chance(0.1)) {
    return {
      effective,
      scopes: { MachinePolicy: effective, UserPolicy: "Undefined", Process: "Undefined", CurrentUser: "Undefined", LocalMachine: "RemoteSigned" },
    };
  }
  return {
    effective,
    scopes: { MachinePolicy: "Undefined", UserPolicy: "Undefined", Process: "Undefined", CurrentUser: "Undefined", LocalMachine: effective },
  };
}

function networkFacts(random: Random, ctx: HostContext, site: SiteNetwork, number: number): HostFacts["network"] {
  if (random.chance(0.04)) return { cloud: ctx.cloud };
  const checks: NetworkCheck[] = [];
  for (const endpoint of ctx.endpoints) {
    const blocked = (endpoint.port === 80 && site.blocksPort80) || random.chance(0.001);
    checks.push(probe(random, endpoint.probeHost, endpoint.port, !blocked));
  }
  // The optional status-report port: probed against the first service endpoint.
  const service = ctx.endpoints.find((endpoint) => endpoint.category === "service");
  if (service !== undefined) checks.push(probe(random, service.probeHost, 8080, !site.blocksPort8080));
  const proxy = site.proxy === undefined ? { configured: false } : { configured: true, address: site.proxy, bypass: `*.${ctx.domain.dnsName};<local>` };
  if (site.proxy !== undefined) {
    // The same draws as a direct host (the rest of the fleet stays as it was), then the path the probes took.
    const server = site.proxy.replace(/^http:\/\//, "");
    const directOnly = number % 4 === 0;
    for (let i = 0; i < checks.length; i++) checks[i] = directOnly ? directTimeout(checks[i]) : throughProxy(checks[i], server, site.proxyDeniesServiceBus === true);
  }
  return { cloud: ctx.cloud, checks, proxy };
}

/** A direct probe on a proxied network: the perimeter drops it. */
function directTimeout(check: NetworkCheck): NetworkCheck {
  return { host: check.host, port: check.port, reachable: false, error: `TCP connect to ${check.host}:${check.port} timed out` };
}

/** The probe as the collector makes it through the proxy: an HTTP CONNECT (443, 8080) or a plain HEAD request (80). */
function throughProxy(check: NetworkCheck, server: string, deniesServiceBus: boolean): NetworkCheck {
  const path = { via: "proxy" as const, proxy: server };
  if (deniesServiceBus && check.host.includes(".servicebus.")) {
    const proxyStatus = "HTTP/1.1 403 Forbidden";
    return { host: check.host, port: check.port, reachable: false, error: `The proxy ${server} answered ${proxyStatus}`, ...path, proxyStatus };
  }
  if (!check.reachable) {
    const proxyStatus = "HTTP/1.1 502 Bad Gateway";
    return { host: check.host, port: check.port, reachable: false, error: `The proxy ${server} answered ${proxyStatus}`, ...path, proxyStatus };
  }
  return { ...check, ...path, proxyStatus: check.port === 80 ? "HTTP/1.1 200 OK" : "HTTP/1.1 200 Connection established" };
}

function probe(random: Random, host: string, port: number, reachable: boolean): NetworkCheck {
  return reachable
    ? { host, port, reachable, latencyMs: random.int(4, 140) }
    : { host, port, reachable, error: `TCP connect to ${host}:${port} timed out` };
}

function hotfixes(random: Random, year: Year, ubr: number): string[] {
  const list = [`KB50${random.int(30000, 79999)}`];
  // Get-HotFix often lists only the latest cumulative update, so a later one may hide KB5070773.
  if (year === 2025 && ubr >= KB_2025_FIX_UBR && random.chance(0.6)) list.push(KB_2025_FIX);
  if (random.chance(0.6)) list.push(`KB50${random.int(10000, 29999)}`);
  if (random.chance(0.3)) list.push(`KB4${random.int(100000, 599999)}`);
  return list.sort();
}

/**
 * One server's facts. `number` is the server's fleet-wide sequence number (1-based), used in its name.
 * Roughly: 20% 2016, 35% 2019, 35% 2022, 10% 2025; 7% Server Core; 2% domain controllers;
 * 0.3% workgroup servers; a few percent of every fact group not collected, so confidence varies too.
 */
export function generateHost(random: Random, ctx: HostContext, number: number): HostFacts {
  const { domain, asOf } = ctx;
  const site = random.pick(ctx.networks);
  const isDc = random.chance(0.02);
  const name = hostName(isDc ? "dc" : "srv", site.site, number);
  const netbiosName = name.toUpperCase();
  const year = random.weighted(YEARS);
  const os = OS[year];
  const ubr = random.int(os.ubr[0], os.ubr[1]);
  const core = random.chance(0.07);
  const edition = random.chance(0.6) ? "Standard" : "Datacenter";
  const memoryGiB = random.weighted(MEMORY_GIB);
  const installedBytes = memoryGiB * GIB;
  const dotnetRelease = random.weighted(os.dotnet);
  const restrictSending = random.weighted([[null, 45], [0, 15], [1, 10], [2, 25], [undefined, 5]] as const);
  const vault = random.weighted([["Manual", 85], ["Auto", 5], ["Disabled", 6], [null, 1], [undefined, 3]] as const);
  const tier0 = random.weighted([[true, 12], [false, 70], [undefined, 18]] as const);

  // About one server in 300 is not domain-joined at all (a workgroup server in the inventory).
  const workgroup = !isDc && random.chance(0.003);
  const host: HostFacts = {
    identity: workgroup
      ? { fqdn: name, netbiosName }
      : {
          fqdn: `${name}.${domain.dnsName}`,
          netbiosName,
          domain: domain.dnsName,
          netbiosDomain: domain.netbiosName,
          objectGuid: guid(random),
          sid: `${domain.sidPrefix}-${1100 + number}`,
        },
    domainMembership: workgroup
      ? { partOfDomain: false, domainRole: "StandaloneServer" }
      : { partOfDomain: true, domainRole: isDc ? "BackupDomainController" : "MemberServer" },
    hotfixes: hotfixes(random, year, ubr),
    tags: pickTags(random),
    site: site.site,
    owner: `${random.pick(TEAMS)}@${domain.dnsName}`,
    collectedAt: hoursBefore(asOf, random.int(1, 96)),
  };
  if (!random.chance(0.01)) {
    host.os = {
      caption: `Microsoft Windows Server ${year} ${edition}`,
      version: `10.0.${os.build}`,
      build: os.build,
      ubr,
      installationType: core ? "Server Core" : "Server",
      serverLevel: core ? "ServerCore" : "FullServer",
      productType: isDc ? "domain-controller" : "server",
      architecture: "64-bit",
    };
  }
  if (!random.chance(0.02)) {
    // Visible memory is a little below what is installed (firmware and device reservations).
    host.memory = { totalPhysicalBytes: installedBytes - random.int(40, 300) * MIB, installedBytes };
  }
  if (!random.chance(0.03)) host.dotnet = { release: dotnetRelease };
  const executionPolicy = executionPolicyFacts(random);
  if (executionPolicy !== undefined) host.executionPolicy = executionPolicy;
  const tls = tlsFacts(random);
  if (tls !== undefined) host.tls = tls;
  if (restrictSending !== undefined) {
    host.ntlm = isDc
      ? { restrictSendingNtlmTraffic: restrictSending, restrictNtlmInDomain: random.weighted([[null, 60], [0, 20], [7, 20]] as const) }
      : { restrictSendingNtlmTraffic: restrictSending };
  }
  if (vault !== undefined) host.services = { vaultSvc: vault };
  if (tier0 !== undefined) host.tier0 = tier0;
  host.network = networkFacts(random, ctx, site, number);
  // Issue 14, deterministic (no PRNG draw, so every other fact stays as it was): the firewall's user filtering and,
  // in the domain that provisions groups to AD, the TCP 389/3268 probes to its DCs.
  const siteIndex = ctx.networks.indexOf(site);
  host.firewall = firewallFacts(domain, siteIndex);
  if (!workgroup && domain.profile === "healthy" && host.network !== undefined) host.network.domainControllerChecks = dcPortChecks(domain);
  if (ctx.agentInstalled && !workgroup) {
    host.agent = { installed: true, version: random.weighted(AGENT_VERSIONS), serviceState: random.chance(0.9) ? "Running" : "Stopped" };
  } else if (!random.chance(0.1)) {
    host.agent = { installed: false };
  }
  return host;
}

/**
 * The proxied site's firewall filters by user and allows Network Service; in mixed domains the first site's also
 * filters by user but forgot Network Service (host-firewall-network-service warns); elsewhere no user filtering.
 */
function firewallFacts(domain: DemoDomain, siteIndex: number): NonNullable<HostFacts["firewall"]> {
  if (siteIndex === 2) return { filtersByUser: true, networkServiceAllowed: true };
  if (domain.profile === "mixed" && siteIndex === 0) return { filtersByUser: true, networkServiceAllowed: false };
  return { filtersByUser: false };
}

/**
 * TCP 389 and 3268 to the healthy domain's three DCs (generateDomainFacts): dc03 is no global catalog (refuses
 * 3268, which passes while another DC answers). Every DC answers LDAP, so the demo's one Ready server (which the
 * rollout tests use) stays Ready.
 */
function dcPortChecks(domain: DemoDomain): NetworkCheck[] {
  const checks: NetworkCheck[] = [];
  for (const n of [1, 2, 3]) {
    const dc = `dc${String(n).padStart(2, "0")}.${domain.dnsName}`;
    checks.push({ host: dc, port: 389, reachable: true, latencyMs: 2 });
    checks.push(n === 3 ? { host: dc, port: 3268, reachable: false, error: "No connection could be made because the target machine actively refused it" } : { host: dc, port: 3268, reachable: true, latencyMs: 2 });
  }
  return checks;
}

function pickTags(random: Random): string[] {
  const count = random.int(1, 3);
  const tags = new Set<string>();
  for (let i = 0; i < count; i++) tags.add(random.pick(TAGS));
  return [...tags].sort();
}

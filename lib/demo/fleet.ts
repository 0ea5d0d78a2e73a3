import type { Cloud, HostFacts } from "@/lib/facts";
import type { DomainInput, FleetInput } from "@/lib/readiness";
import { endpointsFor } from "@/lib/rules";
import { generateAclFacts, generateDomainFacts, generateScopeFacts, generateTenantFacts, type DomainSetup } from "./domains";
import { generateHost, siteNetworks, type HostContext } from "./hosts";
import { createRandom } from "./prng";
import { buildDomains, DEFAULT_DOMAINS, type DemoDomain, type DomainProfile } from "./profiles";

export interface FleetOptions {
  /** Number of servers to generate. */
  servers: number;
  /** Same seed, same fleet (numbers and strings both work). */
  seed: number | string;
  /** DNS names of the AD domains (default: corp.contoso.com, emea.contoso.com, fabrikam.com). Profiles are assigned in order: healthy, mixed, legacy. */
  domains?: readonly string[];
  /** The instant the facts are "collected" for (collectedAt values lie a few hours before it). Default 2026-08-01T00:00:00Z. */
  asOf?: string;
  /** Cloud the servers talk to (default public); sets the endpoints probed. */
  cloud?: Cloud;
  /** Servers per domain that already run the provisioning agent (default by profile: healthy 3, mixed 2, legacy 0). */
  agentsPerDomain?: number;
  /**
   * Servers per domain tagged "pilot" that were added to the "Cloud Sync Agents" group, which may retrieve
   * the gMSA password (default 25). Group memberships are exported for these servers only, as a collector
   * listing the members of the allowed groups would; every other server's membership stays unknown.
   */
  pilotHostsPerDomain?: number;
}

/** A synthetic fleet, in the shape `evaluateFleet` takes. */
export interface DemoFleet extends Omit<FleetInput, "waiversFor" | "onRuleError" | "hosts" | "domains"> {
  hosts: HostFacts[];
  domains: Record<string, Required<Pick<DomainInput, "domain" | "scope">> & Pick<DomainInput, "acl">>;
}

export const DEFAULT_AS_OF = "2026-08-01T00:00:00Z";

/** Agents already running per domain profile: the healthy domain meets the 3-agent HA recommendation. */
const DEFAULT_AGENTS: Readonly<Record<DomainProfile, number>> = { healthy: 3, mixed: 2, legacy: 0 };

/**
 * Generates a deterministic, realistic fleet: `servers` HostFacts spread over the domains (55/30/15%
 * for healthy/mixed/legacy), plus DomainFacts, the gMSA ACL export, sync scope per domain and the
 * tenant's facts. Pure: no clock, no Math.random; the output depends only on the options.
 *
 * What it contains (see hosts.ts and domains.ts for the exact mix):
 * - Windows Server 2016/2019/2022/2025 with realistic UBRs and .NET releases per OS, some Server Core,
 *   a few domain controllers and workgroup servers, 2–64 GB of memory;
 * - TLS mostly configured, some keys absent or wrong; execution policies, NTLM values, VaultSvc;
 * - connectivity checks against lib/rules/endpoints.ts (one site blocks port 80, one blocks 8080, one goes through a WinHTTP
 *   proxy: it works in the healthy domain and answers 403 for Service Bus in the mixed one; one proxied server in four
 *   has direct-only probes, Unknown for the network rules);
 * - the agent installed on the first servers of each domain (3 healthy, 2 mixed, 0 legacy), and up to
 *   `pilotHostsPerDomain` "pilot" servers per domain in the group allowed to retrieve the gMSA password;
 * - a few percent of each fact group not collected, so unknowns and confidence vary.
 */
export function generateFleet(options: FleetOptions): DemoFleet {
  const { servers, seed } = options;
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError(`servers must be a non-negative integer, got ${servers}`);
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  if (Number.isNaN(Date.parse(asOf))) throw new RangeError(`asOf is not an ISO timestamp: ${asOf}`);
  const cloud = options.cloud ?? "public";
  const pilotHostsPerDomain = options.pilotHostsPerDomain ?? 25;
  const names = options.domains ?? DEFAULT_DOMAINS;
  if (names.length === 0) throw new RangeError("at least one domain is needed");
  if (new Set(names.map((n) => n.trim().toLowerCase())).size !== names.length) throw new RangeError("domain names must be unique");

  const random = createRandom(seed);
  const domains = buildDomains(names, random);
  const endpoints = endpointsFor(cloud);
  const networks = domains.map(siteNetworks);
  const totalWeight = domains.reduce((sum, d) => sum + d.weight, 0);
  const agentTarget = domains.map((d) => options.agentsPerDomain ?? DEFAULT_AGENTS[d.profile]);
  const perDomain = domains.map(() => ({ count: 0, agents: 0, agentHosts: [] as string[], pilotHosts: [] as string[] }));

  const hosts: HostFacts[] = new Array(servers);
  for (let i = 0; i < servers; i++) {
    const index = pickDomain(domains, random.next() * totalWeight);
    const domain = domains[index];
    const stats = perDomain[index];
    const ctx: HostContext = { asOf, cloud, endpoints, domain, networks: networks[index], agentInstalled: stats.agents < agentTarget[index] };
    const host = generateHost(random, ctx, i + 1);
    stats.count++;
    const netbios = host.identity?.netbiosName;
    if (netbios !== undefined && host.identity?.domain !== undefined) {
      if (host.agent?.installed === true) {
        stats.agents++;
        stats.agentHosts.push(netbios);
      }
      else if (stats.pilotHosts.length < pilotHostsPerDomain && host.tags?.includes("pilot")) stats.pilotHosts.push(netbios);
    }
    hosts[i] = host;
  }

  const domainInputs: DemoFleet["domains"] = {};
  domains.forEach((domain, index) => {
    const setup: DomainSetup = { agentHosts: perDomain[index].agentHosts, pilotHosts: perDomain[index].pilotHosts, serverCount: perDomain[index].count };
    const facts = generateDomainFacts(random, domain, setup, asOf);
    const acl = generateAclFacts(random, domain, facts.gmsa?.sid, asOf);
    const scope = generateScopeFacts(random, domain, setup);
    domainInputs[domain.dnsName] = acl === undefined ? { domain: facts, scope } : { domain: facts, acl, scope };
  });
  return { asOf, hosts, domains: domainInputs, tenant: generateTenantFacts(random, domains, asOf) };
}

function pickDomain(domains: readonly DemoDomain[], roll: number): number {
  for (let i = 0; i < domains.length; i++) {
    roll -= domains[i].weight;
    if (roll < 0) return i;
  }
  return domains.length - 1;
}

import type { DomainFacts, HostFacts } from "@/lib/facts";
import { generateFleet } from "@/lib/demo";
import { aclUploadOptions, toCollectorBundle, toDomainJson, toGetAclJson } from "@/lib/demo/exports";

// A fleet built for the action plan's tests (lib/data/action-plan.test.ts and e2e/action-plan.spec.ts): one domain
// whose KDS root key is missing, so every server of it fails domain-kds-root-key (blocker), and where no agent is
// installed yet, so every server also fails fleet-agent-count (a warning: fewer than 3 agents in the domain).
// Everything else comes from a healthy demo domain (schema, gMSA, complete ACL) and passes. On top of that:
//
//   group         servers  site     also open
//   kds-only      5        hq       nothing
//   kds-memory    3        hq       host-memory (2 GiB: failing blocker)
//   kds-warning   2        hq       host-tier0 (not recorded as Tier 0: failing warning)
//   kds-network   2        branch   host-port-443 + host-endpoints (every 443 check blocked: two failing blockers)
//   kds-no-site   1        (none)   host-port-443 + host-endpoints
//   kds-no-data   1        hq       host-memory not collected (unknown blocker)
//
// So (PLAN_EXPECTED): all 14 are Not ready (the KDS blocker outranks the unknown). The KDS fix alone moves 7 (kds-only, kds-warning) to
// Ready with conditions (the agent-count warning stays); memory, each network fix and collecting data move nothing
// alone; the network rules are one firewall action per site (branch: 2 servers, no site: 1). The cumulative plan:
// 1. KDS (+7 to conditions), 2. memory (+3), 3. site branch's firewall (+2), 4. the site-less server's firewall (+1;
// tied with collecting data, it has more open problems), 5. collect the missing data (+1: all 14 usable),
// 6. the agents (clears the conditions of 12: 12 Ready), 7. Tier 0 (14 Ready).

export const PLAN_GROUPS = {
  "kds-only": 5,
  "kds-memory": 3,
  "kds-warning": 2,
  "kds-network": 2,
  "kds-no-site": 1,
  "kds-no-data": 1,
} as const;

const counts = (ready: number, conditions: number, unknown: number, notReady: number) => ({ ready, "ready-with-conditions": conditions, unknown, "not-ready": notReady });

export const PLAN_EXPECTED = {
  servers: 14,
  before: counts(0, 0, 0, 14),
  /** The KDS action, rank 1 and step 1. */
  kds: { key: "domain-rule:<domain>:domain-kds-root-key", servers: 14, toReady: 0, toConditions: 7 },
  /** Plan order (keys, <domain> replaced) with what each step adds (to Ready, to conditions, conditions cleared) and the counts after it. */
  steps: [
    { key: "domain-rule:<domain>:domain-kds-root-key", servers: 14, inPlan: [0, 7, 0], after: counts(0, 7, 1, 6) },
    { key: "host-rule:host-memory", servers: 3, inPlan: [0, 3, 0], after: counts(0, 10, 1, 3) },
    { key: "site-network:branch", servers: 2, inPlan: [0, 2, 0], after: counts(0, 12, 1, 1) },
    { key: "site-network:", servers: 1, inPlan: [0, 1, 0], after: counts(0, 13, 1, 0) },
    { key: "collect", servers: 1, inPlan: [0, 1, 0], after: counts(0, 14, 0, 0) },
    { key: "domain-rule:<domain>:fleet-agent-count", servers: 14, inPlan: [0, 0, 12], after: counts(12, 2, 0, 0) },
    { key: "host-rule:host-tier0", servers: 2, inPlan: [0, 0, 2], after: counts(14, 0, 0, 0) },
  ],
  afterAll: counts(14, 0, 0, 0),
  /** Actions that move nothing alone (they are needed together with the KDS fix or with each other). */
  zeroAlone: ["host-rule:host-memory", "collect", "site-network:branch", "site-network:"],
  actions: 7,
} as const;

export interface PlanFleetFiles {
  domain: string;
  hosts: HostFacts[];
  files: { name: string; text: string; options: Record<string, string> }[];
}

const GIB = 1024 ** 3;

/** The fleet for `domain` (a lower-case DNS name unique to the test), with host names `<prefix>NN.<domain>`. */
export function buildPlanFleet(domain: string, prefix = "plan-"): PlanFleetFiles {
  const demo = generateFleet({ servers: 60, seed: "plan", domains: [domain] });
  const input = demo.domains[domain];
  // A healthy template host (demo host #21: Windows Server 2022, 12 GiB, TLS and .NET set, every endpoint reachable
  // through its site's proxy; made direct below).
  const template = demo.hosts[20];
  const domainFacts: DomainFacts = { ...input.domain, kdsRootKeys: [] };
  const hosts: HostFacts[] = [];
  let n = 0;
  for (const [group, count] of Object.entries(PLAN_GROUPS)) {
    for (let i = 0; i < count; i++) {
      n++;
      const name = `${prefix}${String(n).padStart(2, "0")}`.toUpperCase();
      const host: HostFacts = structuredClone(template);
      // Direct probes without a proxy (the template's site goes through one): the network rules judge them as they are.
      host.network = {
        ...host.network,
        proxy: { configured: false },
        checks: host.network?.checks?.map(({ host: name, port, reachable, latencyMs, error }) => ({ host: name, port, reachable, latencyMs, error })),
      };
      host.identity = { ...host.identity, fqdn: `${name.toLowerCase()}.${domain}`, netbiosName: name, objectGuid: undefined, sid: undefined };
      host.site = "hq";
      host.tier0 = true;
      host.tags = ["plan-test"];
      if (group === "kds-memory") host.memory = { totalPhysicalBytes: 2 * GIB - 64 * 1024 ** 2, installedBytes: 2 * GIB };
      if (group === "kds-warning") host.tier0 = false;
      if (group === "kds-network" || group === "kds-no-site") {
        host.site = group === "kds-network" ? "branch" : undefined;
        host.network = {
          ...host.network,
          checks: (host.network?.checks ?? []).map((check) => (check.port === 443 ? { host: check.host, port: 443, reachable: false, error: "TCP connect timed out" } : check)),
        };
      }
      if (group === "kds-no-data") delete host.memory;
      hosts.push(host);
    }
  }
  const files = [
    { name: `${domain}-domain.json`, text: toDomainJson(domainFacts), options: {} },
    ...(input.acl ? [{ name: `${domain}-gmsa-acl.json`, text: toGetAclJson(input.acl), options: aclUploadOptions(input.acl) as Record<string, string> }] : []),
    { name: `${domain}-hosts.cloudsync-readiness.json`, text: toCollectorBundle(hosts), options: {} },
  ];
  return { domain, hosts, files };
}

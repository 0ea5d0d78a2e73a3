import { describe, expect, it } from "vitest";
import { aclFactsSchema, domainFactsSchema, hostFactsSchema, scopeFactsSchema, tenantFactsSchema } from "@/lib/facts";
import { endpointsFor } from "@/lib/rules";
import { generateFleet } from "./fleet";

describe("generateFleet", () => {
  it("is deterministic: same options, same fleet; another seed, another fleet", () => {
    const a = generateFleet({ servers: 200, seed: 42 });
    const b = generateFleet({ servers: 200, seed: 42 });
    const c = generateFleet({ servers: 200, seed: 43 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.hosts)).not.toBe(JSON.stringify(c.hosts));
  });

  it("produces facts that validate against the facts schemas", () => {
    const fleet = generateFleet({ servers: 500, seed: "schema" });
    for (const host of fleet.hosts) expect(hostFactsSchema.safeParse(host).error).toBeUndefined();
    for (const entry of Object.values(fleet.domains)) {
      expect(domainFactsSchema.safeParse(entry.domain).error).toBeUndefined();
      expect(scopeFactsSchema.safeParse(entry.scope).error).toBeUndefined();
      if (entry.acl) expect(aclFactsSchema.safeParse(entry.acl).error).toBeUndefined();
    }
    expect(tenantFactsSchema.safeParse(fleet.tenant).error).toBeUndefined();
  });

  it("names servers like srv-ams-00042.corp.contoso.com and spreads them over the domains", () => {
    const fleet = generateFleet({ servers: 2000, seed: 1 });
    expect(fleet.hosts).toHaveLength(2000);
    expect(Object.keys(fleet.domains)).toEqual(["corp.contoso.com", "emea.contoso.com", "fabrikam.com"]);
    const joined = fleet.hosts.filter((h) => h.identity?.domain !== undefined);
    for (const host of joined) expect(host.identity?.fqdn).toMatch(/^(srv|dc)-[a-z]{3}-\d{5}\.[a-z.]+$/);
    expect(fleet.hosts[41].identity?.fqdn).toMatch(/-00042\./);
    const byDomain = new Map<string, number>();
    for (const host of joined) byDomain.set(host.identity?.domain ?? "", (byDomain.get(host.identity?.domain ?? "") ?? 0) + 1);
    expect(byDomain.get("corp.contoso.com")).toBeGreaterThan(900);
    expect(byDomain.get("emea.contoso.com")).toBeGreaterThan(450);
    expect(byDomain.get("fabrikam.com")).toBeGreaterThan(200);
    const netbios = new Set(fleet.hosts.map((h) => h.identity?.netbiosName));
    expect(netbios.size).toBe(2000);
    for (const name of netbios) expect((name ?? "").length).toBeLessThanOrEqual(15);
  });

  it("mixes OS builds, UBRs, .NET releases, Server Core, memory sizes and settings realistically", () => {
    const hosts = generateFleet({ servers: 5000, seed: 7 }).hosts;
    const builds = new Set(hosts.map((h) => h.os?.build));
    expect([...builds].filter((b) => b !== undefined).sort()).toEqual([14393, 17763, 20348, 26100]);
    const releases2016 = new Set(hosts.filter((h) => h.os?.build === 14393).map((h) => h.dotnet?.release));
    expect(releases2016.has(394802)).toBe(true); // stock 2016: .NET 4.6.2
    for (const host of hosts.filter((h) => h.os?.build === 26100)) {
      expect([533509, undefined]).toContain(host.dotnet?.release);
    }
    const core = hosts.filter((h) => h.os?.installationType === "Server Core").length;
    expect(core / hosts.length).toBeGreaterThan(0.04);
    expect(core / hosts.length).toBeLessThan(0.1);
    const memory = hosts.map((h) => h.memory?.installedBytes).filter((b): b is number => b !== undefined).map((b) => b / 2 ** 30);
    expect(Math.min(...memory)).toBe(2);
    expect(Math.max(...memory)).toBe(64);
    for (const host of hosts) {
      if (host.memory?.totalPhysicalBytes !== undefined) expect(host.memory.totalPhysicalBytes).toBeLessThan(host.memory.installedBytes ?? 0);
    }
    const policies = new Set(hosts.map((h) => h.executionPolicy?.effective));
    expect(policies.has("RemoteSigned") && policies.has("Restricted") && policies.has(undefined)).toBe(true);
    const tlsClient = new Set(hosts.map((h) => h.tls?.schannelTls12?.client?.enabled));
    expect(tlsClient).toEqual(new Set([1, null, 0, undefined]));
    const vault = new Set(hosts.map((h) => h.services?.vaultSvc));
    expect(vault.has("Disabled") && vault.has("Manual")).toBe(true);
    const ntlm = new Set(hosts.map((h) => h.ntlm?.restrictSendingNtlmTraffic));
    expect(ntlm).toEqual(new Set([null, 0, 1, 2, undefined]));
    expect(hosts.some((h) => h.domainMembership?.partOfDomain === false)).toBe(true);
    expect(hosts.some((h) => h.os?.productType === "domain-controller")).toBe(true);
  });

  it("probes the endpoints of lib/rules/endpoints.ts plus port 8080, with some sites blocking ports", () => {
    const fleet = generateFleet({ servers: 1000, seed: 9 });
    const expected = endpointsFor("public").map((e) => `${e.probeHost}:${e.port}`);
    const withChecks = fleet.hosts.filter((h) => h.network?.checks !== undefined);
    expect(withChecks.length).toBeGreaterThan(900);
    for (const host of withChecks) {
      const probed = (host.network?.checks ?? []).map((c) => `${c.host}:${c.port}`);
      expect(probed.slice(0, expected.length)).toEqual(expected);
      expect(probed.some((p) => p.endsWith(":8080"))).toBe(true);
    }
    const port80Blocked = withChecks.filter(
      (h) => !h.network?.proxy?.configured && (h.network?.checks ?? []).filter((c) => c.port === 80).every((c) => !c.reachable),
    );
    expect(port80Blocked.length).toBeGreaterThan(0);
    expect(port80Blocked.every((h) => h.site === "mad")).toBe(true); // the second site of the "mixed" domain (emea)
    const usgov = generateFleet({ servers: 5, seed: 9, cloud: "usgov" });
    expect(usgov.hosts.find((h) => h.network?.checks)?.network?.checks?.[0].host).toBe(endpointsFor("usgov")[0].probeHost);
  });

  it("sends the third site's servers through a WinHTTP proxy: working in corp, 403 for Service Bus in emea, some probed only directly", () => {
    const fleet = generateFleet({ servers: 1000, seed: 9 });
    const proxied = fleet.hosts.filter((h) => h.network?.proxy?.configured === true && h.network.checks !== undefined);
    expect(new Set(proxied.map((h) => h.site))).toEqual(new Set(["lon", "mil"]));
    const viaProxy = (h: (typeof proxied)[number]) => (h.network?.checks ?? []).every((c) => c.via === "proxy");
    const directOnly = proxied.filter((h) => (h.network?.checks ?? []).every((c) => c.via === undefined && !c.reachable));
    expect(directOnly.length).toBeGreaterThan(0);
    expect(proxied.every((h) => viaProxy(h) || directOnly.includes(h))).toBe(true);
    const serviceBus = (h: (typeof proxied)[number]) => (h.network?.checks ?? []).find((c) => c.host === "watchdog.servicebus.windows.net");
    for (const host of proxied.filter(viaProxy)) {
      const check = serviceBus(host);
      expect(check?.proxy).toBe(host.network?.proxy?.address?.replace("http://", ""));
      expect(check?.proxy).toMatch(new RegExp(`^proxy-${host.site}\\.`));
      expect(check?.proxyStatus).toBe(host.site === "mil" ? "HTTP/1.1 403 Forbidden" : "HTTP/1.1 200 Connection established");
    }
  });

  it("installs the agent on the first servers of each domain and lets them retrieve the gMSA password", () => {
    const fleet = generateFleet({ servers: 300, seed: 5, agentsPerDomain: 2 });
    for (const name of Object.keys(fleet.domains)) {
      const agents = fleet.hosts.filter((h) => h.identity?.domain === name && h.agent?.installed === true);
      expect(agents.length).toBe(2);
    }
    const defaults = generateFleet({ servers: 600, seed: 5 });
    const agentCount = (domain: string) => defaults.hosts.filter((h) => h.identity?.domain === domain && h.agent?.installed === true).length;
    expect([agentCount("corp.contoso.com"), agentCount("emea.contoso.com"), agentCount("fabrikam.com")]).toEqual([3, 2, 0]);
    for (const [name, entry] of Object.entries(fleet.domains)) {
      const agents = fleet.hosts.filter((h) => h.identity?.domain === name && h.agent?.installed === true);
      if (entry.domain.gmsa?.principalsAllowedToRetrievePassword) {
        for (const agent of agents) {
          expect(entry.domain.gmsa.principalsAllowedToRetrievePassword).toContain(`${entry.domain.netbiosName}\\${agent.identity?.netbiosName}$`);
        }
      }
    }
  });

  it("puts up to pilotHostsPerDomain pilot servers in the agent group, with their memberships", () => {
    const fleet = generateFleet({ servers: 2000, seed: 5, pilotHostsPerDomain: 4 });
    const corp = fleet.domains["corp.contoso.com"].domain;
    const members = Object.keys(corp.groupMemberships ?? {});
    expect(members).toHaveLength(4);
    for (const member of members) {
      expect(corp.groupMemberships?.[member]).toEqual(["CORP\\Cloud Sync Agents"]);
      const name = member.replace(/^CORP\\/, "").replace(/\$$/, "");
      const host = fleet.hosts.find((h) => h.identity?.netbiosName === name);
      expect(host?.tags).toContain("pilot");
    }
    expect(corp.gmsa?.principalsAllowedToRetrievePassword).toContain("CORP\\Cloud Sync Agents");
  });

  it("gives the domains distinct profiles: healthy, mixed, legacy", () => {
    const fleet = generateFleet({ servers: 50, seed: 3 });
    const [healthy, mixed, legacy] = Object.values(fleet.domains);
    expect(healthy.domain.schemaVersion).toBe(88);
    expect(healthy.domain.kdsRootKeys?.length).toBe(1);
    expect(healthy.acl?.aces?.length).toBeGreaterThan(10);
    expect(mixed.domain.protectedObjects?.adminCountCount).toBeGreaterThan(0);
    expect(legacy.domain.schemaVersion).toBe(69);
    expect(legacy.domain.kdsRootKeys).toEqual([]);
    expect(legacy.acl).toBeUndefined();
    expect(legacy.scope.configurations?.[0].ous?.length).toBe(55);
    const big = generateFleet({ servers: 50_000, seed: 3 });
    const objects = Object.values(big.domains).map((d) => d.scope.configurations?.[0].objectCount ?? 0);
    expect(objects[0]).toBeLessThanOrEqual(150_000);
    expect(objects[1]).toBeLessThanOrEqual(150_000);
    expect(objects[2]).toBeGreaterThan(150_000);
  });

  it("uses custom domains and asOf, and rejects bad options", () => {
    const fleet = generateFleet({ servers: 10, seed: 1, domains: ["Lab.Example.com", "dev.example.com"], asOf: "2025-01-01T00:00:00Z" });
    expect(Object.keys(fleet.domains)).toEqual(["lab.example.com", "dev.example.com"]);
    expect(fleet.domains["lab.example.com"].domain.netbiosName).toBe("LAB");
    expect(fleet.asOf).toBe("2025-01-01T00:00:00Z");
    for (const host of fleet.hosts) expect(Date.parse(host.collectedAt ?? "")).toBeLessThan(Date.parse("2025-01-01T00:00:00Z"));
    expect(() => generateFleet({ servers: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateFleet({ servers: 1, seed: 1, domains: [] })).toThrow(RangeError);
    expect(() => generateFleet({ servers: 1, seed: 1, domains: ["a.test", "A.test"] })).toThrow(RangeError);
    expect(generateFleet({ servers: 0, seed: 1 }).hosts).toEqual([]);
  });
});

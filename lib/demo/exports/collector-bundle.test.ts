import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DomainFacts, HostFacts } from "@/lib/facts";
import { generateFleet } from "@/lib/demo";
import { COLLECTOR_SCHEMA_VERSION } from "@/lib/ingest/collector/schema";
import { parseFile } from "@/lib/ingest/parse-file";
import { collectorBundleChunks, toCollectorBundle, toCollectorOutput } from "./collector-bundle";
import { afterCollectorDomain, canonicalFacts } from "./expected";

const FIXTURES = path.resolve("lib/ingest/collector/fixtures");
const bytes = (text: string) => new TextEncoder().encode(text);

function parsed(text: string) {
  const result = parseFile(bytes(text), "hosts.collector.json");
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result.result;
}

/** Every key path of a JSON value, array items merged ("host.network.checks[].port"). */
function keyPaths(value: unknown, prefix = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keyPaths(item, `${prefix}[]`, out);
  else if (typeof value === "object" && value !== null) {
    for (const [key, entry] of Object.entries(value)) {
      out.add(`${prefix}.${key}`);
      keyPaths(entry, `${prefix}.${key}`, out);
    }
  }
  return out;
}

describe("toCollectorBundle", () => {
  it("round-trips a generated fleet of 300 hosts through parseFile unchanged", () => {
    const fleet = generateFleet({ servers: 300, seed: 42 });
    const result = parsed(toCollectorBundle(fleet.hosts));
    expect(result.format).toBe("collector-json");
    expect(result.records).toBe(300);
    expect(result.rejected).toBe(0);
    expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(result.hosts.map((h) => canonicalFacts(h.facts))).toEqual(fleet.hosts.map(canonicalFacts));
    // Sections that were not collected are written as failed probes, which the parser reports as warnings.
    const notCollected = fleet.hosts.filter((h) => h.os === undefined).length;
    expect(notCollected).toBeGreaterThan(0);
    expect(result.issues.filter((issue) => issue.message.startsWith('probe "os" failed'))).toHaveLength(notCollected);
  });

  it("writes exactly the shape of the script's output: re-writing each real fixture gives its key paths and facts", () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const raw = readFileSync(path.join(FIXTURES, file));
      const original = parseFile(raw, file);
      if (!original.ok) throw new Error(`${file} does not parse`);
      const host = original.result.hosts[0].facts;
      const domain = original.result.domains[0];
      const written = toCollectorOutput(host, domain);
      const fixture: unknown = JSON.parse(raw.toString("utf8").replace(/^\uFEFF/, ""));
      if (file !== "server2019-probe-errors.json") {
        // (that fixture has a null installedBytes, which the facts model cannot tell from "not collected")
        // (the demo writes no domain.acls: ACL exports are demo files of their own, lib/demo/exports/getacl.ts)
        const paths = [...keyPaths(fixture)].filter((p) => !p.startsWith(".domain.acls"));
        // (fixtures of collector 1.1 have no probe path; the demo writes what the current script writes)
        if (paths.includes(".host.network.checks[].host") && !paths.includes(".host.network.checks[].via")) {
          paths.push(".host.network.checks[].via", ".host.network.checks[].proxy", ".host.network.checks[].proxyStatus");
        }
        expect([...keyPaths(written)].sort(), file).toEqual(paths.sort());
      }
      const again = parsed(JSON.stringify([written]));
      expect(canonicalFacts(again.hosts[0].facts), file).toEqual(canonicalFacts(host));
      expect(canonicalFacts(again.domains[0]), file).toEqual(canonicalFacts(domain));
    }
  });

  it("is compact JSON: one line, no indentation", () => {
    const fleet = generateFleet({ servers: 5, seed: 1 });
    const text = toCollectorBundle(fleet.hosts);
    expect(text.startsWith(`[{"schemaVersion":${COLLECTOR_SCHEMA_VERSION},`)).toBe(true);
    expect(text).not.toMatch(/\n|": /);
    expect([...collectorBundleChunks(fleet.hosts)].join("")).toBe(text);
  });

  it("keeps registry semantics and edge cases: null stays absent, missing values stay not collected", () => {
    const hosts: HostFacts[] = [
      {
        identity: { fqdn: "wg01", netbiosName: "WG01" },
        domainMembership: { partOfDomain: false, domainRole: "StandaloneServer" },
        tls: { schannelTls12: { client: { enabled: null } }, dotnet64: { schUseStrongCrypto: 0 } },
        ntlm: { restrictSendingNtlmTraffic: null },
        dotnet: { release: null },
        services: { vaultSvc: null },
        agent: { installed: false },
        network: { cloud: "usgov" },
        hotfixes: [],
        tags: [],
        collectedAt: "2026-05-01T10:00:00+02:00",
      },
      {
        identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", domain: "corp.contoso.com" },
        executionPolicy: { scopes: { LocalMachine: "AllSigned" } },
        agent: { installed: true, version: "1.1.2505.0" },
        network: {
          cloud: "public",
          checks: [
            { host: "download.msappproxy.net", port: 8080, reachable: false, error: "timed out" },
            { host: "unknown.example.com", port: 443, reachable: true },
          ],
          proxy: { configured: true, address: "http://proxy:8080" },
        },
        memory: { totalPhysicalBytes: 8 * 1024 ** 3 },
      },
    ];
    const result = parsed(toCollectorBundle(hosts, [], { defaultRunAt: "2026-05-02T00:00:00Z" }));
    expect(result.rejected).toBe(0);
    expect(result.hosts.map((h) => canonicalFacts(h.facts))).toEqual(
      [hosts[0], { ...hosts[1], collectedAt: "2026-05-02T00:00:00Z" }].map(canonicalFacts),
    );
    const output = toCollectorOutput(hosts[1], undefined, { defaultRunAt: "2026-05-02T00:00:00Z" });
    expect(output.errors).toContainEqual({ probe: "identity.computerAccount", message: expect.any(String) });
    expect(() => toCollectorOutput({ identity: { fqdn: "x.corp" } })).toThrow(/no collectedAt/);
  });

  it("carries domain facts on the first host of each domain, with that host's run time", () => {
    const fleet = generateFleet({ servers: 200, seed: 7 });
    const domains = Object.values(fleet.domains).map((d) => d.domain);
    const result = parsed(toCollectorBundle(fleet.hosts, domains));
    expect(result.domains).toHaveLength(domains.length);
    for (const domain of domains) {
      const carrier = fleet.hosts.find((h) => h.identity?.domain === domain.dnsName);
      const back = result.domains.find((d) => d.dnsName === domain.dnsName);
      expect(canonicalFacts(back)).toEqual(canonicalFacts(afterCollectorDomain(domain, carrier?.collectedAt ?? "")));
    }
    // The legacy domain has no gMSA: written as "not found", reported as a warning, and absent from the facts.
    const legacy = domains.find((d) => d.gmsa === undefined) as DomainFacts;
    expect(result.issues.some((i) => i.severity === "warning" && i.message.includes(`not found in ${legacy.dnsName}`))).toBe(true);
    expect(() => toCollectorBundle(fleet.hosts.slice(0, 1), [{ dnsName: "nowhere.example" }])).toThrow(/nowhere\.example/);
  });
});

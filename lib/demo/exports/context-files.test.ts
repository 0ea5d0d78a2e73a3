import { describe, expect, it } from "vitest";
import type { DomainFacts, TenantFacts } from "@/lib/facts";
import { generateFleet } from "@/lib/demo";
import { parseFile } from "@/lib/ingest/parse-file";
import { toDomainJson } from "./domain-json";
import { canonicalFacts } from "./expected";
import { fleetCollectorChunks, fleetContextFiles, fleetInventoryChunks } from "./fleet-files";
import { toGraphJson } from "./graph-json";
import { mergeScopes, toScopePlanJson } from "./scope-plan";

function parsed(text: string, fileName: string) {
  const result = parseFile(new TextEncoder().encode(text), fileName);
  if (!result.ok) throw new Error(`${fileName}: ${JSON.stringify(result.issues.slice(0, 3))}`);
  return result.result;
}

const fleet = generateFleet({ servers: 300, seed: 42 });
const domains = Object.values(fleet.domains);

describe("domain, tenant and scope writers", () => {
  it("toDomainJson carries every DomainFacts field of each generated domain", () => {
    expect(domains).toHaveLength(3);
    for (const { domain } of domains) {
      const result = parsed(toDomainJson(domain), "domain.json");
      expect(result.format).toBe("domain-json");
      expect(result.issues).toEqual([]);
      expect(result.domains.map(canonicalFacts)).toEqual([canonicalFacts(domain)]);
    }
  });

  it("toDomainJson normalises names the way the parser does", () => {
    const domain: DomainFacts = { dnsName: "corp.contoso.com", domainControllers: [{ name: "dc01.corp.contoso.com", osBuild: 20348 }], kdsRootKeys: [] };
    expect(parsed(toDomainJson(domain), "d.json").domains).toEqual([domain]);
  });

  it("toGraphJson carries the tenant except attestations, which are recorded in the app", () => {
    const tenant = fleet.tenant as TenantFacts;
    expect(tenant.attestations?.length).toBeGreaterThan(0);
    const result = parsed(toGraphJson(tenant), "tenant.json");
    expect(result.format).toBe("graph-json");
    expect(result.issues).toEqual([]);
    const { attestations, ...carried } = tenant;
    expect(attestations).toBeDefined();
    expect(canonicalFacts(result.tenant)).toEqual(canonicalFacts(carried));
  });

  it("toScopePlanJson carries every configuration of every domain in one plan", () => {
    const scope = mergeScopes(domains.map((d) => d.scope));
    expect(scope.configurations).toHaveLength(3);
    const result = parsed(toScopePlanJson(scope), "scope.json");
    expect(result.format).toBe("scope-plan");
    expect(result.issues).toEqual([]);
    expect(result.scope).toEqual(scope);
  });
});

describe("fleetContextFiles", () => {
  it("lists the domain, ACL, tenant and scope files, each detected as its declared format and kind", () => {
    const files = fleetContextFiles(fleet);
    expect(files.map((f) => f.name)).toEqual([
      "domain-corp.contoso.com.json",
      "domain-emea.contoso.com.json",
      "domain-fabrikam.com.json",
      "gmsa-acl-corp.contoso.com.json",
      "gmsa-acl-emea.contoso.com.json",
      "tenant.graph.json",
      "scope-plan.json",
    ]);
    for (const file of files) {
      const result = parsed(file.text, file.name);
      expect([result.format, result.kind], file.name).toEqual([file.format, file.kind]);
      expect(result.rejected, file.name).toBe(0);
    }
  });

  it("streams the hosts as a collector bundle and an inventory CSV", () => {
    const small = generateFleet({ servers: 20, seed: 1 });
    expect(parsed([...fleetCollectorChunks(small)].join(""), "hosts.collector.json").hosts).toHaveLength(20);
    expect(parsed([...fleetInventoryChunks(small)].join(""), "hosts.csv").hosts).toHaveLength(20);
  });
});

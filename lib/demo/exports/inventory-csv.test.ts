import { describe, expect, it } from "vitest";
import type { HostFacts } from "@/lib/facts";
import { generateFleet } from "@/lib/demo";
import { resolveInventoryColumns } from "@/lib/ingest/formats/inventory-fields";
import { parseFile } from "@/lib/ingest/parse-file";
import { afterInventoryCsv, canonicalFacts } from "./expected";
import { INVENTORY_CSV_HEADERS, inventoryCsvChunks, toInventoryCsv } from "./inventory-csv";

function parsed(text: string) {
  const result = parseFile(new TextEncoder().encode(text), "hosts.csv");
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result.result;
}

describe("toInventoryCsv", () => {
  it("uses only headers the inventory parser recognises, one per field", () => {
    const { columns } = resolveInventoryColumns([...INVENTORY_CSV_HEADERS]);
    expect(columns.filter((c) => c.field === undefined).map((c) => c.header)).toEqual([]);
    const fields = columns.map((c) => c.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields.length).toBeGreaterThanOrEqual(39);
  });

  it("round-trips a generated fleet of 300 hosts, less what the format cannot carry", () => {
    const fleet = generateFleet({ servers: 300, seed: 42 });
    const text = toInventoryCsv(fleet.hosts);
    const result = parsed(text);
    expect(result.format).toBe("inventory-csv");
    expect([result.records, result.rejected]).toEqual([300, 0]);
    expect(result.issues).toEqual([]);
    expect(result.hosts.map((h) => canonicalFacts(h.facts))).toEqual(fleet.hosts.map((h) => canonicalFacts(afterInventoryCsv(h))));
    // What is lost is real: some hosts had execution-policy scopes and network checks.
    expect(fleet.hosts.some((h) => h.executionPolicy?.scopes !== undefined && h.network?.checks !== undefined)).toBe(true);
    expect([...inventoryCsvChunks(fleet.hosts)].join("")).toBe(text);
    expect(text.split("\r\n")).toHaveLength(302);
  });

  it("writes absent registry values as Not Found, quotes values, and keeps workgroup hosts unqualified", () => {
    const hosts: HostFacts[] = [
      {
        identity: { fqdn: "wg01", netbiosName: "WG01" },
        domainMembership: { partOfDomain: false, domainRole: "StandaloneServer" },
        dotnet: { release: null },
        tls: { dotnet64: { schUseStrongCrypto: null } },
        services: { vaultSvc: null },
        owner: 'Ops "night" team, EMEA',
        hotfixes: ["KB5070773", "KB5066835"],
      },
      { identity: { fqdn: "dc01.corp.contoso.com", netbiosName: "DC01", domain: "corp.contoso.com" }, domainMembership: { domainRole: "PrimaryDomainController" } },
    ];
    const text = toInventoryCsv(hosts);
    expect(text).toContain('"Not Found"');
    expect(text).toContain('"Ops ""night"" team, EMEA"');
    const result = parsed(text);
    expect(result.hosts.map((h) => canonicalFacts(h.facts))).toEqual(hosts.map((h) => canonicalFacts(afterInventoryCsv(h))));
    // The parser derives the product type from the domain role when the OS was not collected.
    expect(result.hosts[1].facts.os).toEqual({ productType: "domain-controller" });
  });
});

import { describe, expect, it } from "vitest";
import { hostFactsSchema, type HostFacts } from "./host";
import { foldHostFacts, mergeHostFacts } from "./merge-host-facts";

const collector: HostFacts = {
  identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", domain: "corp.contoso.com", objectGuid: "0b1c" },
  os: { caption: "Microsoft Windows Server 2022 Datacenter", version: "10.0.20348", build: 20348, ubr: 2402, installationType: "Server" },
  memory: { totalPhysicalBytes: 8 * 1024 ** 3 },
  tls: { schannelTls12: { client: { enabled: 1, disabledByDefault: 0 } } },
  network: {
    cloud: "public",
    checks: [
      { host: "login.microsoftonline.com", port: 443, reachable: true },
      { host: "msappproxy.net", port: 443, reachable: false, error: "timeout" },
    ],
  },
  hotfixes: ["KB5070773", "KB5068787"],
  tags: ["collector"],
  collectedAt: "2026-11-01T08:00:00.000Z",
};

const cmdbCsv: HostFacts = {
  identity: { fqdn: "sync01.corp.contoso.com", netbiosName: "SYNC01", domain: "corp.contoso.com" },
  os: { caption: "Microsoft Windows Server 2022 Datacenter", version: "10.0.20348" },
  memory: { totalPhysicalBytes: 16 * 1024 ** 3 },
  owner: "Identity Team",
  site: "Lyon",
  tags: ["tier1", "sql"],
  collectedAt: "2026-12-01T08:00:00.000Z",
};

describe("mergeHostFacts", () => {
  it("takes each section from the most recent source that has it, never mixing a section from two sources", () => {
    const merged = mergeHostFacts(collector, cmdbCsv);
    expect(merged.os).toEqual(cmdbCsv.os); // the CSV's OS section, without the report's UBR of what may be another install
    expect(merged.memory).toEqual({ totalPhysicalBytes: 16 * 1024 ** 3 });
    expect(merged.tls).toEqual(collector.tls);
    expect(merged.network).toEqual(collector.network);
    expect(merged.hotfixes).toEqual(collector.hotfixes);
    expect(merged).toMatchObject({ owner: "Identity Team", site: "Lyon", collectedAt: cmdbCsv.collectedAt });
    expect(hostFactsSchema.safeParse(merged).success).toBe(true);
  });

  it("merges identity field by field (the CSV's names, the report's objectGUID)", () => {
    expect(mergeHostFacts(collector, cmdbCsv).identity).toEqual({ ...collector.identity, ...cmdbCsv.identity, objectGuid: "0b1c" });
  });

  it("keeps the installed memory and the visible memory of one source together", () => {
    const report: HostFacts = { memory: { totalPhysicalBytes: 15 * 1024 ** 3, installedBytes: 16 * 1024 ** 3 } };
    expect(mergeHostFacts(report, { memory: { totalPhysicalBytes: 2 * 1024 ** 3 } }).memory).toEqual({ totalPhysicalBytes: 2 * 1024 ** 3 });
  });

  it("replaces lists whole (tags, hotfixes) but merges network probes by host and port", () => {
    const probe: HostFacts = { network: { checks: [{ host: "MSAPPPROXY.NET", port: 443, reachable: true }] }, hotfixes: ["KB5071111"], collectedAt: "2026-12-02T00:00:00.000Z" };
    const merged = mergeHostFacts(mergeHostFacts(collector, cmdbCsv), probe);
    expect(merged.tags).toEqual(["tier1", "sql"]);
    expect(merged.hotfixes).toEqual(["KB5071111"]);
    expect(merged.network).toEqual({
      cloud: "public",
      checks: [
        { host: "login.microsoftonline.com", port: 443, reachable: true },
        { host: "MSAPPPROXY.NET", port: 443, reachable: true },
      ],
    });
  });

  it("does not change its inputs, and an empty newer source changes nothing", () => {
    const before = structuredClone(collector);
    expect(mergeHostFacts(collector, {})).toEqual(collector);
    mergeHostFacts(collector, cmdbCsv);
    expect(collector).toEqual(before);
  });

  it("folds snapshots oldest first: the latest value of each fact wins", () => {
    expect(foldHostFacts([collector, cmdbCsv])).toEqual(mergeHostFacts(collector, cmdbCsv));
    expect(foldHostFacts([cmdbCsv, collector]).memory).toEqual(collector.memory);
    expect(foldHostFacts([])).toEqual({});
  });
});

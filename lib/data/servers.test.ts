import { beforeAll, describe, expect, it } from "vitest";
import { parseServerFilters, type ServerFilters } from "@/lib/views/server-filters";
import { getFleetSummary } from "./fleet-summary";
import { ingestFile } from "./ingest/ingest-file";
import { getServerDetail, getServerHistory, listServerFilterOptions, listServers } from "./servers";

const filters = (query: string): ServerFilters => {
  const parsed = parseServerFilters(new URLSearchParams(query));
  if (!parsed.success) throw parsed.error;
  return parsed.data;
};

beforeAll(async () => {
  const csv = [
    "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain,Site,Owner,Tags",
    "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,Identity,tier0;pilot",
    "SYNC02,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com,AMS,Identity,",
    "APP03,Microsoft Windows Server 2019 Standard,10.0.17763.5696,2,461814,emea.contoso.com,PAR,Apps,pilot",
  ].join("\n");
  const response = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "fleet.csv", options: {}, uploadedBy: { name: "test" } });
  if (!response.ok) throw new Error(response.message);
});

describe("server queries", () => {
  it("lists worst first, paginates and counts", async () => {
    const page = await listServers(filters("pageSize=2"));
    expect(page.total).toBe(3);
    expect(page.servers).toHaveLength(2);
    expect(page.servers[0]!.verdict).toBe("not-ready");
  });

  it("filters by name, readiness, failing rule, domain, OS, site, owner and tag", async () => {
    const names = async (query: string) => (await listServers(filters(query))).servers.map((s) => s.name).sort();
    expect(await names("q=sync0")).toEqual(["SYNC01", "SYNC02"]);
    expect(await names("rule=host-dotnet-version")).toEqual(["SYNC02"]);
    expect(await names("rule=host-memory")).toEqual(["APP03"]);
    expect(await names("domain=EMEA.contoso.com")).toEqual(["APP03"]);
    expect(await names("os=Windows Server 2016")).toEqual(["SYNC02"]);
    expect(await names("site=AMS&owner=Identity")).toEqual(["SYNC01", "SYNC02"]);
    expect(await names("tag=pilot")).toEqual(["APP03", "SYNC01"]);
    expect(await names("readiness=ready,ready-with-conditions")).toEqual([]);
    expect(await names("stale=true")).toEqual([]);
    expect(await names("fqdn=SYNC01.corp.contoso.com")).toEqual(["SYNC01"]);
    expect(await names("fqdn=sync0")).toEqual([]);
  });

  it("offers the distinct filter values", async () => {
    expect(await listServerFilterOptions()).toEqual({
      domains: ["corp.contoso.com", "emea.contoso.com"],
      oses: ["Windows Server 2016", "Windows Server 2019", "Windows Server 2022"],
      sites: ["AMS", "PAR"],
      owners: ["Apps", "Identity"],
    });
  });

  it("returns a server's results, shared results and history", async () => {
    const detail = await getServerDetail("SYNC02.corp.contoso.com");
    expect(detail?.hostResults.find((r) => r.ruleId === "host-dotnet-version")?.status).toBe("fail");
    expect(detail?.sharedResults.some((r) => r.ruleId === "domain-schema-cloud-sync")).toBe(true);
    const history = await getServerHistory(detail!.id);
    expect(history.uploads[0]?.fileName).toBe("fleet.csv");
    expect(history.evaluations).toHaveLength(1);
    expect(await getServerDetail("nope.example")).toBeNull();
  });

  it("summarises the fleet without loading servers", async () => {
    const summary = await getFleetSummary();
    expect(summary.total).toBe(3);
    expect(summary.byVerdict["not-ready"]).toBe((await listServers(filters("readiness=not-ready"))).total);
    expect(summary.byVerdict["not-ready"]).toBeGreaterThanOrEqual(2);
    expect(Object.values(summary.byVerdict).reduce((a, b) => a + b, 0)).toBe(3);
    expect(summary.byDomain.map((d) => [d.domain, d.total])).toEqual([["corp.contoso.com", 2], ["emea.contoso.com", 1]]);
    expect(summary.topBlockingRules.find((r) => r.ruleId === "host-dotnet-version")?.servers).toBe(1);
    expect(summary.trend).toHaveLength(1);
    expect(summary.freshness.newest).not.toBeNull();
  });
});

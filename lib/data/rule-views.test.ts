import { beforeAll, describe, expect, it } from "vitest";
import { parseServerFilters } from "@/lib/views/server-filters";
import { ingestFile } from "./ingest/ingest-file";
import { getRuleCounts, listRuleCounts, NO_COUNTS } from "./rule-views";
import { listServers } from "./servers";

beforeAll(async () => {
  const csv = [
    "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain",
    "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com",
    "SYNC02,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com",
    "APP03,Microsoft Windows Server 2019 Standard,10.0.17763.5696,2,461814,emea.contoso.com",
  ].join("\n");
  const response = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "fleet.csv", options: {}, uploadedBy: { name: "test" } });
  if (!response.ok) throw new Error(response.message);
});

describe("rule counts", () => {
  it("counts each rule's servers per status, matching the filtered server list", async () => {
    const counts = await listRuleCounts();
    expect(counts["host-memory"]).toMatchObject({ fail: 1, pass: 2, unknown: 0, waived: 0 });
    expect(counts["host-dotnet-version"]).toMatchObject({ fail: 1, pass: 2 });
    for (const ruleId of ["host-memory", "host-dotnet-version", "domain-schema-gmsa"]) {
      const filters = parseServerFilters({ rule: ruleId });
      if (!filters.success) throw filters.error;
      expect((await listServers(filters.data)).total, ruleId).toBe(counts[ruleId]?.fail ?? 0);
    }
    // Shared rules count per server too: no domain facts, so the domain rules are unknown on all three.
    expect(counts["domain-schema-gmsa"]).toMatchObject({ unknown: 3, fail: 0, pass: 0 });
  });

  it("gives one rule's counts, zeros for a rule nobody has a result for", async () => {
    expect(await getRuleCounts("host-memory")).toMatchObject({ fail: 1, pass: 2 });
    expect(await getRuleCounts("no-such-rule")).toEqual(NO_COUNTS);
  });
});

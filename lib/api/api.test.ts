import { beforeAll, describe, expect, it } from "vitest";
import { getFleetSummary, listRuleCounts } from "@/lib/data/fleet-summary";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { findServerFqdn, getServerDetail, getServerHistory, listServers } from "@/lib/data/servers";
import { RULES } from "@/lib/rules";
import { parseServerFilters } from "@/lib/views/server-filters";
import { buildOpenApiDocument } from "./openapi";
import { presentRules, presentServer, presentSummary } from "./presenters";
import { rulesSchema, serverDetailSchema, serverPageSchema, summarySchema } from "./schemas";

beforeAll(async () => {
  const csv = [
    "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain",
    "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com",
    "SYNC02,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com",
  ].join("\n");
  const response = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "api.csv", options: {}, uploadedBy: { name: "test" } });
  if (!response.ok) throw new Error(response.message);
});

describe("read API bodies match their published schemas", () => {
  it("servers list", async () => {
    const filters = parseServerFilters({});
    if (!filters.success) throw filters.error;
    expect(serverPageSchema.parse(await listServers(filters.data)).total).toBe(2);
  });

  it("server detail, found by FQDN or unique NetBIOS name", async () => {
    expect(await findServerFqdn("sync02")).toBe("sync02.corp.contoso.com");
    expect(await findServerFqdn("SYNC02.CORP.CONTOSO.COM")).toBe("sync02.corp.contoso.com");
    expect(await findServerFqdn("nope")).toBeNull();
    const detail = await getServerDetail("sync02.corp.contoso.com");
    const body = serverDetailSchema.parse(presentServer(detail!, await getServerHistory(detail!.id)));
    expect(body.results[0]!.status).toBe("fail");
    const dotnet = body.results.find((r) => r.ruleId === "host-dotnet-version")!;
    expect(dotnet).toMatchObject({ status: "fail", inherited: false, source: { url: expect.stringContaining("learn.microsoft.com") } });
    expect(dotnet.remediation.summary.length).toBeGreaterThan(10);
    expect(body.results.some((r) => r.inherited && r.scope === "domain")).toBe(true);
  });

  it("rules and summary", async () => {
    const rules = rulesSchema.parse(presentRules(await listRuleCounts()));
    expect(rules.rules).toHaveLength(RULES.length);
    expect(rules.rules.find((r) => r.id === "host-dotnet-version")!.servers).toMatchObject({ fail: 1, blocking: 1 });
    const summary = summarySchema.parse(presentSummary(await getFleetSummary()));
    expect(summary.total).toBe(2);
  });
});

describe("OpenAPI document", () => {
  it("describes every read route and resolves every $ref", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/servers", "/api/servers/{name}", "/api/rules", "/api/summary", "/api/uploads", "/api/health", "/api/me"]),
    );
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const id of refs) expect(doc.components.schemas, id).toHaveProperty(id);
  });
});

import { describe, expect, it } from "vitest";
import { generateFleet } from "@/lib/demo";
import { evaluateFleet } from "@/lib/readiness";
import { db } from "./db";
import { countRows } from "./test-sql";
import { DEMO_SEED, loadDemoFleet } from "./demo";

// Real generator, real writers, real parsers, real rules, a real (throwaway) database, SQLite or PostgreSQL: nothing mocked.
const uploadedBy = { name: "demo@example.com" };

const count = countRows;
const counts = (tables: string[]) => Promise.all(tables.map(count));

describe("loadDemoFleet", () => {
  it("ingests the demo files through the real upload path: servers with a mix of verdicts, then a second load is a no-op", async () => {
    const first = await loadDemoFleet({ servers: 300, uploadedBy });
    expect(first.files.map((f) => [f.name, f.kind, f.format, f.status])).toEqual([
      ["demo-domain-corp.contoso.com.json", "domain", "domain-json", "committed"],
      ["demo-domain-emea.contoso.com.json", "domain", "domain-json", "committed"],
      ["demo-domain-fabrikam.com.json", "domain", "domain-json", "committed"],
      ["demo-gmsa-acl-corp.contoso.com.json", "gmsa-acl", "getacl-json", "committed"],
      ["demo-gmsa-acl-emea.contoso.com.json", "gmsa-acl", "getacl-json", "committed"],
      ["demo-tenant.graph.json", "tenant", "graph-json", "committed"],
      ["demo-scope-plan.json", "sync-scope", "scope-plan", "committed"],
      ["demo-hosts.collector.json", "host-inventory", "collector-json", "committed"],
    ]);
    expect(first.committed).toBe(8);
    expect(first.files.at(-1)).toMatchObject({ records: 300, servers: 300 });
    expect(await count("Server")).toBe(300);
    expect(await count("Upload")).toBe(8);
    expect(await count("FactSnapshot")).toBe(7);

    // A realistic spread: several verdicts, each on a fair share of the servers.
    const verdicts = first.verdicts;
    expect(Object.values(verdicts).reduce((a, b) => a + b, 0)).toBe(300);
    expect(Object.keys(verdicts).length).toBeGreaterThanOrEqual(3);
    expect(verdicts["not-ready"]).toBeGreaterThan(10);
    expect((verdicts.ready ?? 0) + (verdicts["ready-with-conditions"] ?? 0)).toBeGreaterThan(10);
    // Through files and the database, each server gets the verdict the engine gives the generated facts directly
    // (less the tenant attestations, which no export carries: they are recorded in the app).
    const fleet = generateFleet({ servers: 300, seed: DEMO_SEED });
    const direct = evaluateFleet({ ...fleet, tenant: { ...fleet.tenant, attestations: undefined } });
    const stored = new Map((await db().server.findMany({ select: { fqdn: true, verdict: true } })).map((r) => [r.fqdn, r.verdict]));
    expect(direct.hosts.map((h, i) => [fleet.hosts[i].identity?.fqdn, h.readiness.verdict])).toEqual(
      fleet.hosts.map((h) => [h.identity?.fqdn, stored.get(h.identity?.fqdn ?? "")]),
    );
    const uploads = await db().upload.findMany({ distinct: ["uploadedBy"], select: { uploadedBy: true } });
    expect(uploads).toEqual([{ uploadedBy: "demo@example.com" }]);

    const before = await counts(["Upload", "Server", "HostSnapshot", "FactSnapshot", "Evaluation", "DomainEvaluation"]);
    const second = await loadDemoFleet({ servers: 300, uploadedBy });
    expect(second.files.every((f) => f.status === "duplicate")).toBe(true);
    expect([second.committed, second.duplicates]).toEqual([0, 8]);
    expect(second.files.map((f) => f.uploadId)).toEqual(first.files.map((f) => f.uploadId));
    expect(await counts(["Upload", "Server", "HostSnapshot", "FactSnapshot", "Evaluation", "DomainEvaluation"])).toEqual(before);
    expect(second.verdicts).toEqual(first.verdicts);
  });

  it("refuses sizes outside 1..5,000 before touching the database", async () => {
    const uploads = await count("Upload");
    await expect(loadDemoFleet({ servers: 0, uploadedBy })).rejects.toThrow(RangeError);
    await expect(loadDemoFleet({ servers: 5_001, uploadedBy })).rejects.toThrow(RangeError);
    expect(await count("Upload")).toBe(uploads);
  });
});

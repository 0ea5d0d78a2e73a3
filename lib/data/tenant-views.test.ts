import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordAttestation } from "./attestations";
import { ingestFile, type IngestRequest } from "./ingest/ingest-file";
import { getScopeView, getTenantView } from "./tenant-views";

// Real files through the real ingest path into a throwaway database (test/setup-db.ts); nothing mocked.
// The tests build on each other in order: empty, tenant facts, attestations, servers, sync scope.
const admin = { name: "admin@example.com" };
const fixture = (name: string) => new Uint8Array(readFileSync(path.resolve("lib/ingest/fixtures", name)));
const text = (value: string) => new TextEncoder().encode(value);

async function ingest(request: Omit<IngestRequest, "uploadedBy">) {
  const response = await ingestFile({ ...request, uploadedBy: admin });
  if (!response.ok) throw new Error(`${request.fileName}: ${response.message}`);
  return response;
}

const statusOf = (results: { ruleId: string; status: string }[], ruleId: string) => results.find((r) => r.ruleId === ruleId)?.status;

describe("getTenantView", () => {
  it("computes nothing before anything is evaluated (issue #8: pages only read stored results); the checklist lists every key", async () => {
    const view = await getTenantView();
    expect(view.facts).toBeNull();
    expect(view.evaluatedAt).toBeNull();
    expect(view.results).toEqual([]);
    expect(view.checklist).toEqual([{ key: "idfix-run", current: null, history: [] }]);
  });

  it("reads the latest Graph export: admins, domains and the rules judged on them", async () => {
    await ingest({ bytes: fixture("graph-combined.json"), fileName: "graph-combined.json", options: {} });
    const view = await getTenantView();
    expect(view.upload?.fileName).toBe("graph-combined.json");
    expect(view.facts?.hybridIdentityAdmins?.map((a) => a.userPrincipalName)).toEqual(["hybrid.admin@contoso.onmicrosoft.com"]);
    expect(view.facts?.domains?.map((d) => d.id)).toEqual(["contoso.onmicrosoft.com"]);
    expect(statusOf(view.results, "tenant-hybrid-admin")).toBe("pass");
    // Only the initial onmicrosoft.com domain: no verified custom domain yet.
    expect(statusOf(view.results, "tenant-custom-domain")).toBe("fail");
    expect(statusOf(view.results, "tenant-idfix")).toBe("unknown");
  });

  it("shows the current attestation with who, when and note, and the history newest first", async () => {
    await recordAttestation({ key: "idfix-run", attested: false, by: "lead@example.com", note: "not yet" }, new Date("2026-07-01T09:00:00Z"));
    await recordAttestation({ key: "idfix-run", attested: true, by: "admin@example.com", note: "3 errors accepted" }, new Date("2026-07-02T09:00:00Z"));
    const view = await getTenantView();
    const [item] = view.checklist;
    expect(item?.current).toEqual({
      key: "idfix-run",
      attested: true,
      by: "admin@example.com",
      at: "2026-07-02T09:00:00.000Z",
      note: "3 errors accepted",
      source: "app",
    });
    expect(item?.history.map((a) => [a.by, a.attested])).toEqual([
      ["admin@example.com", true],
      ["lead@example.com", false],
    ]);
    expect(statusOf(view.results, "tenant-idfix")).toBe("pass");
  });

  it("takes the stored results of the fleet evaluation once servers exist", async () => {
    const csv = ["Host Name,Operating System,OS Version,Domain", "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,corp.contoso.com"].join("\n");
    await ingest({ bytes: text(csv), fileName: "fleet.csv", options: {} });
    const view = await getTenantView();
    expect(view.evaluatedAt).not.toBeNull();
    expect(view.results.every((r) => r.scope === "tenant")).toBe(true);
    expect(statusOf(view.results, "tenant-idfix")).toBe("pass");
    expect(statusOf(view.results, "tenant-custom-domain")).toBe("fail");

    await recordAttestation({ key: "idfix-run", attested: false, by: "lead@example.com" }, new Date("2026-07-03T09:00:00Z"));
    const after = await getTenantView();
    expect(statusOf(after.results, "tenant-idfix")).toBe("fail");
    expect(after.checklist[0]?.current).toMatchObject({ attested: false, by: "lead@example.com", note: null });
  });
});

describe("getScopeView", () => {
  it("says nothing was uploaded before a sync scope arrives", async () => {
    const view = await getScopeView();
    expect(view).toMatchObject({ collectedAt: null, upload: null, configurations: null, results: [] });
  });

  it("measures each configuration against the documented limits, with each scope rule judged on it", async () => {
    await ingest({ bytes: fixture("scope-plan.json"), fileName: "scope-plan.json", options: {}, allowPartial: true });
    const view = await getScopeView();
    expect(view.upload?.fileName).toBe("scope-plan.json");
    const corp = view.configurations?.find((c) => c.name === "CORP users");
    expect(corp).toMatchObject({
      domain: "corp.contoso.com",
      ous: 2,
      groups: 4,
      separateEntries: 6,
      largestGroup: { name: "Sales", memberCount: 48000 },
      uncountedGroups: ["IT (Europe)"],
      objectCount: 120000,
      domainObjectTotal: 120000,
      passwordHashSync: true,
      passwordWriteback: false,
      inetOrgPersonCount: 0,
    });
    const check = (ruleId: string) => corp?.checks.find((c) => c.ruleId === ruleId)?.status;
    expect(check("scope-ou-count")).toBe("pass");
    expect(check("scope-object-count")).toBe("pass");
    expect(check("scope-phs-inetorgperson")).toBe("pass");
    // One scoping group's member count is missing: unknown, not a fail.
    expect(check("scope-group-members")).toBe("unknown");
    expect(view.results.map((r) => r.ruleId).sort()).toEqual([
      "scope-group-members",
      "scope-known-limitations",
      "scope-object-count",
      "scope-ou-count",
      "scope-phs-inetorgperson",
    ]);
  });

  it("fails a configuration over a limit, on that configuration only", async () => {
    const plan = {
      configurations: [
        { name: "Big", domain: "corp.contoso.com", ous: Array.from({ length: 61 }, (_, i) => `OU=B${i},DC=corp,DC=contoso,DC=com`), groups: [], passwordHashSync: true, inetOrgPersonCount: 2, objectCount: 100000 },
        { name: "Big 2", domain: "corp.contoso.com", ous: ["OU=X,DC=corp,DC=contoso,DC=com"], groups: [], passwordHashSync: false, inetOrgPersonCount: 5, objectCount: 60000 },
        { name: "Small", domain: "emea.contoso.com", ous: ["OU=Y,DC=emea,DC=contoso,DC=com"], groups: [], passwordHashSync: true, inetOrgPersonCount: 0, objectCount: 10 },
      ],
    };
    await ingest({ bytes: text(JSON.stringify(plan)), fileName: "scope-2.json", options: {} });
    const view = await getScopeView();
    const byName = Object.fromEntries((view.configurations ?? []).map((c) => [c.name, c]));
    const check = (name: string, ruleId: string) => byName[name]?.checks.find((c) => c.ruleId === ruleId)?.status;
    expect(Object.keys(byName)).toEqual(["Big", "Big 2", "Small"]);
    expect(byName["Big"]?.separateEntries).toBe(61);
    expect(check("Big", "scope-ou-count")).toBe("fail");
    expect(check("Big", "scope-phs-inetorgperson")).toBe("fail");
    // Objects are counted per domain: both corp configurations together exceed 150,000.
    expect(byName["Big 2"]?.domainObjectTotal).toBe(160000);
    expect(check("Big 2", "scope-object-count")).toBe("fail");
    expect(check("Big 2", "scope-phs-inetorgperson")).toBe("not-applicable");
    expect(check("Small", "scope-ou-count")).toBe("pass");
    expect(check("Small", "scope-object-count")).toBe("pass");
    expect(statusOf(view.results, "scope-ou-count")).toBe("fail");
  });
});

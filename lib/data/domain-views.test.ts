import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listDomainViews, type DomainView } from "./domain-views";
import { ingestFile, type IngestRequest } from "./ingest/ingest-file";

// Real files through the real ingest path into a throwaway database (test/setup-db.ts); nothing mocked.
const admin = { name: "admin@example.com" };
const fixture = (name: string) => new Uint8Array(readFileSync(path.resolve("lib/ingest/fixtures", name)));
const text = (value: string) => new TextEncoder().encode(value);

async function ingest(request: Omit<IngestRequest, "uploadedBy">) {
  const response = await ingestFile({ ...request, uploadedBy: admin });
  if (!response.ok) throw new Error(`${request.fileName}: ${response.message}`);
  return response;
}

async function domainView(name: string): Promise<DomainView> {
  const view = (await listDomainViews()).find((v) => v.domain === name);
  if (!view) throw new Error(`no view for ${name}`);
  return view;
}

describe("listDomainViews", () => {
  it("is empty before anything is uploaded", async () => {
    expect(await listDomainViews()).toEqual([]);
  });

  describe("with domain facts, an ACL export of two objects and servers in two domains", () => {
    beforeAll(async () => {
      await ingest({ bytes: fixture("domain.json"), fileName: "domain.json", options: {} });
      await ingest({ bytes: fixture("getacl.csv"), fileName: "getacl.csv", options: { account: "CORP\\provAgentgMSA$" }, allowPartial: true });
      const csv = [
        "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain",
        "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com",
        "SYNC02,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com",
        "APP03,Microsoft Windows Server 2019 Standard,10.0.17763.5696,2,461814,emea.contoso.com",
      ].join("\n");
      await ingest({ bytes: text(csv), fileName: "fleet.csv", options: {} });
    });

    it("lists every domain known from facts or servers, with server counts per verdict", async () => {
      const views = await listDomainViews();
      expect(views.map((v) => v.domain)).toEqual(["corp.contoso.com", "emea.contoso.com"]);
      const [corp, emea] = views;
      expect(corp!.servers.total).toBe(2);
      expect(Object.values(corp!.servers.byVerdict).reduce((a, b) => a + b, 0)).toBe(2);
      expect(emea!.servers.total).toBe(1);
    });

    it("carries the latest domain facts with their upload, and the domain rules' shared results", async () => {
      const corp = await domainView("corp.contoso.com");
      expect(corp.facts?.schemaVersion).toBe(88);
      expect(corp.facts?.gmsa?.samAccountName).toBe("provAgentgMSA$");
      expect(corp.factsUpload?.fileName).toBe("domain.json");
      expect(corp.factsCollectedAt).toBe("2024-05-02T10:00:00.000Z");
      expect(corp.evaluatedAt).not.toBeNull();
      expect(corp.domainResults.find((r) => r.ruleId === "domain-schema-gmsa")?.status).toBe("pass");
      expect(corp.domainResults.find((r) => r.ruleId === "domain-protected-objects")?.status).toBe("fail");
      expect(corp.domainResults.every((r) => r.scope === "domain" || r.scope === "fleet")).toBe(true);
      expect(corp.gmsaResults.find((r) => r.ruleId === "gmsa-acl-read-objects")?.status).toBe("fail");
      expect(corp.gmsaResults.every((r) => r.scope === "gmsa-acl")).toBe(true);
    });

    it("analyses each ACL export, the domain root's first and judged", async () => {
      const corp = await domainView("corp.contoso.com");
      expect(corp.aclExports.map((a) => [a.targetDn, a.judged])).toEqual([
        ["DC=corp,DC=contoso,DC=com", true],
        ["OU=Sync Servers,DC=corp,DC=contoso,DC=com", false],
      ]);
      const [root, ou] = corp.aclExports;
      expect(root!.account).toBe("CORP\\provAgentgMSA$");
      expect(root!.upload?.fileName).toBe("getacl.csv");
      const status = (id: string) => root!.analysis.permissions.find((p) => p.id === id);
      expect(status("read-device")?.status).toBe("present");
      expect(status("read-device")?.satisfiedBy.map((a) => a.index)).toEqual([0]);
      expect(status("read-contact")).toMatchObject({ status: "missing", satisfiedBy: [] });
      expect(status("groups-full-control")?.status).toBe("present");
      expect(ou!.analysis.targetIsDomainRoot).toBe(false);
      expect(ou!.analysis.warnings.join(" ")).toContain("not the domain root");
    });

    it("says which permission sets are required: without sync scope, PHS by default and writeback not", async () => {
      const [root] = (await domainView("corp.contoso.com")).aclExports;
      expect(root!.sets.map((s) => [s.set, s.required])).toEqual([
        ["custom-gmsa", true],
        ["password-hash-sync", true],
        ["password-writeback", false],
        // The optional features' sets (issue 14) are required only where the feature is used.
        ["group-provisioning", false],
        ["exchange-hybrid", false],
      ]);
      expect(root!.sets[2]!.reason).toContain("No sync scope was uploaded");
      expect(root!.sets[3]!.reason).toContain("group provisioning to Active Directory");
    });

    it("leaves a domain without facts or ACL exports empty but listed, its domain rules unknown", async () => {
      const emea = await domainView("emea.contoso.com");
      expect(emea.facts).toBeNull();
      expect(emea.factsUpload).toBeNull();
      expect(emea.aclExports).toEqual([]);
      expect(emea.domainResults.find((r) => r.ruleId === "domain-schema-gmsa")?.status).toBe("unknown");
    });

    it("follows the sync scope: writeback is not required when the domain's configurations leave it off", async () => {
      await ingest({ bytes: fixture("scope-plan.json"), fileName: "scope-plan.json", options: {}, allowPartial: true });
      const [root] = (await domainView("corp.contoso.com")).aclExports;
      const writeback = root!.sets.find((s) => s.set === "password-writeback");
      expect(writeback).toMatchObject({ required: false });
      expect(writeback!.reason).toContain("CORP users");
      expect(root!.sets.find((s) => s.set === "password-hash-sync")?.required).toBe(true);
    });

    it("shows the newest domain facts when a later export arrives", async () => {
      const later = { domain: { dnsName: "corp.contoso.com", distinguishedName: "DC=corp,DC=contoso,DC=com", schemaVersion: 91, collectedAt: "2025-01-10T08:00:00Z" } };
      await ingest({ bytes: text(JSON.stringify(later)), fileName: "domain-2025.json", options: {} });
      const corp = await domainView("corp.contoso.com");
      expect(corp.facts?.schemaVersion).toBe(91);
      expect(corp.factsUpload?.fileName).toBe("domain-2025.json");
      expect(corp.factsCollectedAt).toBe("2025-01-10T08:00:00.000Z");
    });
  });
});

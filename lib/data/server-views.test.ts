import { beforeAll, describe, expect, it } from "vitest";
import { evaluateHost, evaluateShared } from "@/lib/readiness";
import { getRule } from "@/lib/rules";
import { buildFixScript } from "@/lib/remediation/fix-script";
import { loadDemoFleet } from "./demo";
import { getServerRuleContext, getUploadFileNames } from "./server-views";
import { getServerDetail, listServers } from "./servers";
import { parseServerFilters } from "@/lib/views/server-filters";

// Real demo files through the real ingest path; the context must reproduce what the evaluation saw.
let uploads: { name: string; uploadId: string }[] = [];

beforeAll(async () => {
  uploads = (await loadDemoFleet({ servers: 40, uploadedBy: { name: "views@example.com" } })).files;
});

const firstServer = async (query: string) => {
  const filters = parseServerFilters(new URLSearchParams(query));
  if (!filters.success) throw filters.error;
  const page = await listServers(filters.data);
  const detail = page.servers[0] && (await getServerDetail(page.servers[0].fqdn));
  if (!detail) throw new Error(`no server for ${query}`);
  return detail;
};

const statuses = (results: readonly { ruleId: string; status: string; scope: string }[]) =>
  results.filter((r) => r.scope !== "fleet").map((r) => `${r.ruleId}:${r.status}`).sort();

describe("getServerRuleContext", () => {
  it("loads the domain, gMSA ACL, tenant and scope facts the evaluation used", async () => {
    const server = await firstServer("domain=corp.contoso.com");
    const ctx = await getServerRuleContext(server);
    expect(ctx.host).toEqual(server.facts);
    expect(ctx.domain?.dnsName).toBe("corp.contoso.com");
    expect(ctx.acl?.targetDn?.toLowerCase()).toContain("dc=corp");
    expect(ctx.tenant).toBeDefined();
    expect(ctx.scope).toBeDefined();
    expect(ctx.asOf).toBe(server.evaluatedAt);
    // Re-evaluating with it gives the stored results (fleet rules need the whole fleet and are left out).
    expect(statuses(evaluateHost(ctx))).toEqual(statuses(server.hostResults));
    expect(statuses(evaluateShared(ctx))).toEqual(statuses(server.sharedResults));
  });

  it("builds a fix script for a server with a failing host rule", async () => {
    const server = await firstServer("readiness=not-ready&domain=emea.contoso.com");
    const ctx = await getServerRuleContext(server);
    const script = buildFixScript({ server, generatedAt: "2026-08-02T00:00:00Z", rulesetVersion: server.rulesetVersion, results: server.hostResults, ctx, getRule });
    expect(script.startsWith(`# Cloud Sync Readiness fix script for ${server.name} (${server.fqdn}).`)).toBe(true);
    expect(script).toContain("[CmdletBinding(SupportsShouldProcess)]");
  });
});

describe("getUploadFileNames", () => {
  it("maps upload ids to file names and skips unknown ids", async () => {
    const names = await getUploadFileNames([uploads[0]!.uploadId, "no-such-upload"]);
    expect([...names]).toEqual([[uploads[0]!.uploadId, uploads[0]!.name]]);
    expect(await getUploadFileNames([])).toEqual(new Map());
  });
});

import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/entry";
import { can } from "@/lib/auth/roles";
import { createApiToken } from "@/lib/data/api-tokens";
import { db } from "@/lib/data/db";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { GET as resultsCsv } from "../results.csv/route";
import { GET as serversXlsx } from "../servers.xlsx/route";
import { GET as serversCsv } from "./route";

// The three export handlers end to end (token auth, headers, bytes, audit entry) on a real throwaway database.
let lead = "";
let viewer = "";
const context = { params: Promise.resolve({}) };
const get = (handler: typeof serversCsv, path: string, token: string) =>
  handler(new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } }), context);
const decode = (bytes: ArrayBuffer) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
const INJECTION = "=cmd|' /C calc'!A0";

beforeAll(async () => {
  const csv =
    "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain,Site,Owner,Tags\n" +
    `SRV-MÜNCHEN-01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,東京,"${INJECTION}",tier0\n` +
    "SYNC02,Microsoft Windows Server 2019 Standard,10.0.17763.5696,4,461814,corp.contoso.com,\"Lyon, Part-Dieu\",Identity Team,\n";
  const seeded = await ingestFile({ bytes: new TextEncoder().encode(csv), fileName: "inventory.csv", options: {}, uploadedBy: { name: "test" } });
  if (!seeded.ok) throw new Error(seeded.message);
  lead = (await createApiToken({ name: "lead", role: "lead" }, SYSTEM_ACTOR)).token;
  viewer = (await createApiToken({ name: "viewer", role: "viewer" }, SYSTEM_ACTOR)).token;
});

describe("GET /api/exports/servers.csv", () => {
  it("needs a caller with the report permission", async () => {
    expect((await serversCsv(new Request("http://localhost/api/exports/servers.csv"), context)).status).toBe(401);
    expect((await get(serversCsv, "/api/exports/servers.csv", viewer)).status).toBe(can("viewer", "report") ? 200 : 403);
  });

  it("streams UTF-8 with a BOM, a header, quoted and neutralized cells, as an attachment that is not cached", async () => {
    const response = await get(serversCsv, "/api/exports/servers.csv?sort=name", lead);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="cloud-sync-readiness-servers-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const bytes = await response.arrayBuffer();
    expect([...new Uint8Array(bytes).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = decode(bytes).slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "FQDN,Name,Verdict,Confidence (stars),Blocking rules,Warning rules,Unknown rules,Waived rules,Wave,Rollout status,Status source,Rollout owner,Target date,Overdue,Domain,OS,Site,Owner,Tags,Facts collected,Evaluated",
    );
    expect(lines).toHaveLength(4); // header, two servers, the final CRLF
    expect(lines[1]).toContain("srv-münchen-01.corp.contoso.com,SRV-MÜNCHEN-01,");
    expect(lines[1]).toContain(`,東京,'${INJECTION},tier0,`);
    expect(lines[2]).toContain(',"Lyon, Part-Dieu",Identity Team,');
    expect(lines[2]).toMatch(/,false,corp\.contoso\.com,/);
  });

  it("follows the filter and records the export with its provenance", async () => {
    const text = decode(await (await get(serversCsv, "/api/exports/servers.csv?q=sync02", lead)).arrayBuffer());
    expect(text.slice(1).split("\r\n").filter(Boolean)).toHaveLength(2);
    const entry = await db().auditEntry.findFirst({ where: { action: "report.generate", targetId: "servers.csv" }, orderBy: { at: "desc" } });
    expect(entry).toMatchObject({ actor: "token:lead", targetLabel: 'name contains "sync02"' });
    expect(JSON.parse(entry!.afterJson!)).toMatchObject({ options: { q: "sync02" }, provenance: { uploads: 1, rulesetVersion: expect.any(String) }, size: { rows: 1 } });
  });

  it("refuses invalid filters (400)", async () => {
    expect((await get(serversCsv, "/api/exports/servers.csv?readiness=bogus", lead)).status).toBe(400);
  });
});

describe("GET /api/exports/results.csv", () => {
  it("has one row per server and applicable rule", async () => {
    const response = await get(resultsCsv, "/api/exports/results.csv?q=sync02", lead);
    expect(response.headers.get("content-disposition")).toMatch(/cloud-sync-readiness-results-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = decode(await response.arrayBuffer()).slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("FQDN,Rule,Title,Scope,Severity,Status,Message,Evidence,Waived by,Waived until");
    const stored = await db().server.findUniqueOrThrow({ where: { fqdn: "sync02.corp.contoso.com" }, select: { statuses: true } });
    expect(lines).toHaveLength(1 + stored.statuses.split(",").length);
    expect(lines.some((line) => line.startsWith("sync02.corp.contoso.com,host-memory,"))).toBe(true);
  });
});

describe("GET /api/exports/servers.xlsx", () => {
  it("writes both sheets with typed cells, a frozen header and an autofilter; uploaded text stays text", async () => {
    const response = await get(serversXlsx, "/api/exports/servers.xlsx?sort=name", lead);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const servers = workbook.getWorksheet("Servers")!;
    const results = workbook.getWorksheet("Results")!;
    expect(servers.rowCount).toBe(3);
    expect(servers.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(servers.autoFilter).toBeTruthy();
    expect(servers.getRow(1).getCell(1).value).toBe("FQDN");
    const munich = servers.getRow(2);
    expect(munich.getCell(1).value).toBe("srv-münchen-01.corp.contoso.com");
    expect(typeof munich.getCell(4).value).toBe("number"); // confidence stars
    expect(munich.getCell(14).value).toBe(false); // overdue
    expect(munich.getCell(20).value).toBeInstanceOf(Date); // facts collected
    // A string cell, not a formula: Excel shows it as text and never evaluates it.
    expect(munich.getCell(18).value).toBe(INJECTION);
    expect(munich.getCell(18).type).toBe(ExcelJS.ValueType.String);
    expect(munich.getCell(17).value).toBe("東京");
    expect(results.rowCount).toBeGreaterThan(10);
    expect(results.getRow(1).getCell(2).value).toBe("Rule");
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { db } from "../db";
import { clearTables, countRows } from "../test-sql";
import { inWriteTx } from "../write-tx";
import { deleteUpload } from "./delete-upload";
import { ingestFile, type IngestResponse } from "./ingest-file";
import { recomputeRuleSummary } from "./reevaluate";
import { decodeStatuses, undelimitRuleIds } from "./statuses";
import { answerOfResponse } from "./worker/answer";

// Real parsers, real rules, a real (throwaway) database, SQLite or PostgreSQL: nothing mocked.
// Rows written by the upload path have UUIDv7 ids (lib/data/ids.ts): ordered by id, they come in the order written.
const admin = { name: "admin@example.com" };
const bytes = (text: string) => new TextEncoder().encode(text);
const fixture = (relative: string) => new Uint8Array(readFileSync(path.resolve("lib/ingest", relative)));

const CSV_HEADER = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain,Site,Tags\n";
function inventory(rows: string[]) {
  return bytes(CSV_HEADER + rows.join("\n") + "\n");
}

function ok(response: IngestResponse) {
  if (!response.ok) throw new Error(`${response.code}: ${response.message} ${JSON.stringify(response.issues)}`);
  return response;
}

const count = countRows;

async function server(fqdn: string) {
  return (await db().server.findUnique({ where: { fqdn } })) ?? undefined;
}

async function ruleSummary() {
  const rows = await db().ruleSummary.findMany({ select: { ruleId: true, pass: true, fail: true, unknown: true, waived: true } });
  return rows.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)); // code-unit order, as SQLite's ORDER BY
}

beforeEach(async () => {
  await clearTables(["Evaluation", "HostSnapshot", "FactSnapshot", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Attestation", "Server", "Upload"]);
});

describe("ingesting files", () => {
  it("commits an inventory, evaluates every server and records provenance", async () => {
    const response = ok(
      await ingestFile({
        bytes: inventory([
          "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,tier0",
          "SYNC02,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com,AMS,",
        ]),
        fileName: "inventory.csv",
        options: {},
        uploadedBy: admin,
      }),
    );
    expect(response).toMatchObject({ status: "committed", kind: "host-inventory", format: "inventory-csv", counts: { records: 2, accepted: 2, rejected: 0, servers: 2 } });
    const sync02 = (await server("sync02.corp.contoso.com"))!;
    expect(sync02).toMatchObject({ name: "SYNC02", domain: "corp.contoso.com", osName: "Windows Server 2016", verdict: "not-ready" });
    expect(undelimitRuleIds(String(sync02.blockingRules))).toContain("host-dotnet-version");
    expect(String(sync02.statuses).split(",").length).toBeGreaterThan(10);
    const upload = await db().upload.findFirst();
    expect(upload).toMatchObject({ fileName: "inventory.csv", kind: "host-inventory", format: "inventory-csv", records: 2, accepted: 2, serversAffected: 2, uploadedBy: "admin@example.com" });
    expect(await count("Evaluation")).toBe(2);
    expect(await count("DomainEvaluation")).toBe(1);
  });

  it("treats the same bytes as a no-op and keeps history for a newer export of the same host", async () => {
    const first = inventory(["SYNC01,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com,AMS,"]);
    const original = ok(await ingestFile({ bytes: first, fileName: "a.csv", options: {}, uploadedBy: admin }));
    const again = ok(await ingestFile({ bytes: first, fileName: "a-copy.csv", options: {}, uploadedBy: admin }));
    expect(again).toMatchObject({ status: "duplicate", id: original.id });
    expect([await count("Upload"), await count("HostSnapshot"), await count("Evaluation")]).toEqual([1, 1, 1]);

    ok(await ingestFile({ bytes: inventory(["sync01,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,528040,CORP.contoso.com,AMS,"]), fileName: "b.csv", options: {}, uploadedBy: admin }));
    expect(await count("Server")).toBe(1);
    expect(await count("HostSnapshot")).toBe(2);
    const history = await db().evaluation.findMany({ select: { verdict: true, cause: true }, orderBy: { id: "asc" } });
    expect(history).toHaveLength(2);
    expect(undelimitRuleIds(String((await server("sync01.corp.contoso.com"))!.blockingRules))).not.toContain("host-dotnet-version");
  });

  it("stores nothing when rows have errors, unless the valid rows are explicitly committed", async () => {
    const file = inventory([
      "SYNC01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,",
      `${"x".repeat(300)},Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,`,
    ]);
    const refused = await ingestFile({ bytes: file, fileName: "mixed.csv", options: {}, uploadedBy: admin });
    expect(refused).toMatchObject({ ok: false, status: 400, code: "rows-rejected" });
    if (!refused.ok) expect(refused.issues.some((issue) => issue.file === "mixed.csv" && issue.row === 3)).toBe(true);
    expect([await count("Upload"), await count("Server")]).toEqual([0, 0]);

    const partial = ok(await ingestFile({ bytes: file, fileName: "mixed.csv", options: {}, allowPartial: true, uploadedBy: admin }));
    expect(partial.counts).toMatchObject({ records: 2, accepted: 1, rejected: 1, servers: 1 });
    expect(await count("Server")).toBe(1);
  });

  it("does not offer to commit 'only the 0 valid records' when every row is rejected", async () => {
    const file = inventory([`${"x".repeat(300)},Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,`]);
    const refused = await ingestFile({ bytes: file, fileName: "bad.csv", options: {}, uploadedBy: admin });
    expect(refused).toMatchObject({ ok: false, status: 400, code: "rows-rejected" });
    if (!refused.ok) {
      expect(refused.message).toBe("The only record in bad.csv has errors; nothing was stored. Fix them and upload the file again.");
      expect(refused.message).not.toContain("valid");
    }
  });

  it("keeps a row with an unreadable cell: the dry run warns and counts it accepted, the commit stores the server with that fact unknown", async () => {
    const file = inventory(["CELL01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,lots,528449,corp.contoso.com,AMS,"]);
    const preview = ok(await ingestFile({ bytes: file, fileName: "cell.csv", options: {}, dryRun: true, uploadedBy: admin }));
    expect(preview.counts).toMatchObject({ records: 1, accepted: 1, rejected: 0 });
    expect(preview.issues).toContainEqual(expect.objectContaining({ file: "cell.csv", row: 2, column: "RAM (GB)", severity: "warning", message: expect.stringMatching(/"lots".*unknown/) }));
    const committed = ok(await ingestFile({ bytes: file, fileName: "cell.csv", options: {}, uploadedBy: admin }));
    expect(committed.counts).toMatchObject({ records: 1, accepted: 1, rejected: 0, servers: 1 });
    const cell01 = (await server("cell01.corp.contoso.com"))!;
    const facts = JSON.parse(String(cell01.factsJson)) as { memory?: unknown; dotnet?: { release?: number }; site?: string };
    expect(facts.memory).toBeUndefined();
    expect(facts).toMatchObject({ dotnet: { release: 528449 }, site: "AMS" });
    expect(decodeStatuses(String(cell01.statuses)).get("host-memory")).toBe("unknown");
  });

  it("refuses an ACL export without its gMSA and answers with the only $ trustee as suggestedGmsa (API body too)", async () => {
    const refused = await ingestFile({ bytes: fixture("fixtures/getacl.csv"), fileName: "getacl.csv", options: {}, dryRun: true, uploadedBy: admin });
    expect(refused).toMatchObject({ ok: false, code: "bad-input", suggestedGmsa: { account: "CORP\\provAgentgMSA$", candidates: ["CORP\\provAgentgMSA$"] } });
    expect(answerOfResponse(refused)).toMatchObject({ status: 400, body: { error: { suggestedGmsa: { account: "CORP\\provAgentgMSA$" } } } });
    const accepted = await ingestFile({ bytes: fixture("fixtures/getacl.csv"), fileName: "getacl.csv", options: { account: "CORP\\provAgentgMSA$" }, dryRun: true, uploadedBy: admin });
    expect(accepted).toMatchObject({ ok: true, status: "dry-run" });
  });

  it("commits a host whose build number no 32-bit column holds, with the column empty and the facts as given (both databases)", async () => {
    const response = ok(
      await ingestFile({
        bytes: inventory(["ODD01,Microsoft Windows Server 2022 Datacenter,10.0.99999999999,16,528449,corp.contoso.com,AMS,"]),
        fileName: "odd-build.csv",
        options: {},
        uploadedBy: admin,
      }),
    );
    expect(response.status).toBe("committed");
    const stored = await server("odd01.corp.contoso.com");
    expect(stored?.osBuild).toBeNull();
    expect(JSON.parse(stored!.factsJson).os.version).toBe("10.0.99999999999");
  });

  it("previews without writing", async () => {
    const preview = ok(await ingestFile({ bytes: fixture("fixtures/inventory-basic.csv"), fileName: "inventory-basic.csv", options: {}, dryRun: true, uploadedBy: admin }));
    expect(preview.status).toBe("dry-run");
    expect(preview.counts.records).toBeGreaterThan(0);
    expect(await count("Upload")).toBe(0);
  });

  it("refuses empty, binary and oversized files with the file named", async () => {
    for (const [content, name] of [
      [bytes(""), "empty.csv"],
      [new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x00]), "report.pdf"],
      [bytes('{"schemaVersion": 1, "collector": {'), "truncated.json"],
    ] as const) {
      const response = await ingestFile({ bytes: content, fileName: name, options: {}, uploadedBy: admin });
      expect(response.ok, name).toBe(false);
      if (!response.ok) {
        expect(response.status).toBe(400);
        expect(response.issues[0]?.file).toBe(name);
      }
    }
    process.env.UPLOAD_MAX_BYTES = "10";
    resetEnvCache();
    const big = await ingestFile({ bytes: bytes("a".repeat(11)), fileName: "big.csv", options: {}, uploadedBy: admin });
    expect(big).toMatchObject({ ok: false, status: 413, code: "too-large" });
    delete process.env.UPLOAD_MAX_BYTES;
    resetEnvCache();
    expect(await count("Upload")).toBe(0);
  });

  it("re-evaluates a domain's servers when its gMSA ACL, domain or tenant facts arrive", async () => {
    ok(await ingestFile({ bytes: fixture("collector/fixtures/server2022-ready.json"), fileName: "host.json", options: {}, uploadedBy: admin }));
    const before = (await server((await db().server.findFirstOrThrow({ select: { fqdn: true } })).fqdn))!;
    const beforeStatuses = String(before.statuses);
    ok(await ingestFile({ bytes: fixture("fixtures/getacl.csv"), fileName: "acl.csv", options: { account: "CORP\\provAgentgMSA$" }, allowPartial: true, uploadedBy: admin }));
    ok(await ingestFile({ bytes: fixture("fixtures/graph-combined.json"), fileName: "tenant.json", options: {}, uploadedBy: admin }));
    const after = (await server(String(before.fqdn)))!;
    expect(String(after.statuses)).not.toBe(beforeStatuses);
    expect(["pass", "fail"]).toContain(decodeStatuses(String(after.statuses)).get("tenant-hybrid-admin"));
    const kinds = await db().factSnapshot.findMany({ distinct: ["kind"], select: { kind: true }, orderBy: { kind: "asc" } });
    expect(kinds).toEqual([{ kind: "gmsa-acl" }, { kind: "tenant" }]);
  });

  it("deleting an upload removes its facts, falls back to older facts and keeps rule counts exact", async () => {
    ok(await ingestFile({ bytes: inventory(["SYNC01,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com,AMS,"]), fileName: "old.csv", options: {}, uploadedBy: admin }));
    const newer = ok(
      await ingestFile({
        bytes: inventory([
          "SYNC01,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,528040,corp.contoso.com,AMS,",
          "SYNC09,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,",
        ]),
        fileName: "new.csv",
        options: {},
        uploadedBy: admin,
      }),
    );
    expect(await count("Server")).toBe(2);
    expect(await deleteUpload(newer.id!)).toBe(true);
    expect(await deleteUpload(newer.id!)).toBe(false);
    expect(await count("Server")).toBe(1);
    expect(undelimitRuleIds(String((await server("sync01.corp.contoso.com"))!.blockingRules))).toContain("host-dotnet-version");
    const incremental = await ruleSummary();
    await inWriteTx((tx) => recomputeRuleSummary(tx));
    expect(incremental).toEqual(await ruleSummary());
    expect(incremental.length).toBeGreaterThan(10);
  });
});

describe("fleet bookkeeping", () => {
  it("counts blocking servers per rule and records a readiness snapshot per evaluation", async () => {
    ok(await ingestFile({ bytes: inventory(["SYNC01,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com,AMS,", "SYNC02,Microsoft Windows Server 2016 Datacenter,10.0.14393.6897,8,394802,corp.contoso.com,AMS,"]), fileName: "two.csv", options: {}, uploadedBy: admin }));
    const dotnet = await db().ruleSummary.findUnique({ where: { ruleId: "host-dotnet-version" }, select: { fail: true, blocking: true } });
    expect(dotnet).toEqual({ fail: 2, blocking: 2 });
    const snapshots = await db().readinessSnapshot.findMany({ select: { notReady: true, cause: true } });
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.notReady).toBe(2);
  });

  it("re-evaluates the fleet once when the ruleset version changed", async () => {
    ok(await ingestFile({ bytes: inventory(["SYNC07,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,"]), fileName: "one.csv", options: {}, uploadedBy: admin }));
    const { reevaluateOutdatedRuleset } = await import("./ruleset-refresh");
    expect(await reevaluateOutdatedRuleset()).toBe(0);
    await db().server.updateMany({ data: { rulesetVersion: "rs-old" } });
    expect(await reevaluateOutdatedRuleset()).toBe(1);
    expect(await reevaluateOutdatedRuleset()).toBe(0);
    const causes = await db().readinessSnapshot.findMany({ select: { cause: true }, orderBy: { id: "asc" } });
    expect(causes.at(-1)?.cause).toMatch(/^ruleset:rs-/);
  });
});

describe("attestations", () => {
  it("merges the latest attestation into the tenant facts and re-evaluates every server", async () => {
    ok(await ingestFile({ bytes: inventory(["SYNC31,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com,AMS,"]), fileName: "att.csv", options: {}, uploadedBy: admin }));
    const { recordAttestation, listAttestations } = await import("../attestations");
    expect(decodeStatuses(String((await server("sync31.corp.contoso.com"))!.statuses)).get("tenant-idfix")).toBe("unknown");
    await recordAttestation({ key: "idfix-run", attested: true, by: "lead@example.com", note: "IdFix 2026-11" });
    expect(decodeStatuses(String((await server("sync31.corp.contoso.com"))!.statuses)).get("tenant-idfix")).toBe("pass");
    await recordAttestation({ key: "idfix-run", attested: false, by: "admin@example.com" });
    expect(decodeStatuses(String((await server("sync31.corp.contoso.com"))!.statuses)).get("tenant-idfix")).toBe("fail");
    const { current, history } = await listAttestations();
    expect(current).toEqual([expect.objectContaining({ key: "idfix-run", attested: false, by: "admin@example.com" })]);
    expect(history).toHaveLength(2);
  });
});

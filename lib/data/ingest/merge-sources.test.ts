import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { HostFacts } from "@/lib/facts";
import { db } from "../db";
import { clearTables } from "../test-sql";
import { deleteUpload } from "./delete-upload";
import { ingestFile, type IngestResponse } from "./ingest-file";
import { decodeStatuses } from "./statuses";

// Several sources for one server, on a real (throwaway) database, SQLite or PostgreSQL, with the real parsers and rules.
const admin = { name: "admin@example.com" };
const FQDN = "sync01.corp.contoso.com";
const collectorReport = () => new Uint8Array(readFileSync(path.resolve("lib/ingest/collector/fixtures/server2022-ready.json")));
const cmdb = (owner: string, collected: string) =>
  new TextEncoder().encode(`Host Name,Domain,Owner,RAM (GB),Collected At\nSYNC01,corp.contoso.com,${owner},32,${collected}\n`);

function ok(response: IngestResponse) {
  if (!response.ok) throw new Error(`${response.code}: ${response.message} ${JSON.stringify(response.issues)}`);
  return response;
}

async function current() {
  const row = await db().server.findUnique({ where: { fqdn: FQDN }, select: { owner: true, factsJson: true, factsCollectedAt: true, statuses: true } });
  return row ? { ...row, factsCollectedAt: row.factsCollectedAt?.toISOString(), facts: JSON.parse(row.factsJson) as HostFacts } : undefined;
}

beforeEach(async () => {
  await clearTables(["Evaluation", "HostSnapshot", "FactSnapshot", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Attestation", "Server", "Upload"]);
});

describe("facts of one server from several sources", () => {
  it("an inventory CSV after a collector report updates what it has and keeps TLS, .NET and the network probes", async () => {
    ok(await ingestFile({ bytes: collectorReport(), fileName: "SYNC01.cloudsync-readiness.json", options: {}, uploadedBy: admin }));
    const fromCollector = (await current())!;
    expect(fromCollector.facts.tls).toBeDefined();
    expect(fromCollector.facts.network?.checks?.length).toBeGreaterThan(0);

    const csv = ok(await ingestFile({ bytes: cmdb("Identity Team", "2026-11-20T00:00:00Z"), fileName: "cmdb.csv", options: {}, uploadedBy: admin }));
    const merged = (await current())!;
    expect(merged.owner).toBe("Identity Team");
    expect(merged.facts.memory?.totalPhysicalBytes).toBe(32 * 1024 ** 3);
    expect(merged.facts.tls).toEqual(fromCollector.facts.tls);
    expect(merged.facts.dotnet).toEqual(fromCollector.facts.dotnet);
    expect(merged.facts.network).toEqual(fromCollector.facts.network);
    expect(merged.factsCollectedAt).toMatch(/^2026-11-20T00:00:00/);
    // The rules judge the merged facts: what the collector proved stays proved.
    const statusOf = (statuses: string, rule: string) => decodeStatuses(statuses).get(rule);
    expect(statusOf(merged.statuses, "host-tls12-schannel")).toBeDefined();
    expect(statusOf(merged.statuses, "host-tls12-schannel")).toBe(statusOf(fromCollector.statuses, "host-tls12-schannel"));
    expect(statusOf(merged.statuses, "host-port-443")).toBe(statusOf(fromCollector.statuses, "host-port-443"));

    // Deleting the CSV rebuilds the facts from what remains: the collector's alone.
    expect(await deleteUpload(csv.id!)).toBe(true);
    const rebuilt = (await current())!;
    expect(rebuilt.owner).toBe(fromCollector.owner);
    expect(rebuilt.facts).toEqual(fromCollector.facts);
    expect(rebuilt.statuses).toBe(fromCollector.statuses);
  });

  it("an older export only fills facts the current ones lack, and keeps the current collection date", async () => {
    ok(await ingestFile({ bytes: cmdb("Identity Team", "2026-12-01T00:00:00Z"), fileName: "cmdb.csv", options: {}, uploadedBy: admin }));
    const before = (await current())!;
    const report = ok(await ingestFile({ bytes: collectorReport(), fileName: "SYNC01.cloudsync-readiness.json", options: {}, uploadedBy: admin }));
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: "warning", message: expect.stringMatching(/older than the current ones; they only filled in facts/) }));
    const after = (await current())!;
    expect(after.factsCollectedAt).toBe(before.factsCollectedAt);
    expect(after.owner).toBe("Identity Team");
    expect(after.facts.memory?.totalPhysicalBytes).toBe(32 * 1024 ** 3); // the newer CSV's RAM wins over the report's
    expect(after.facts.tls).toBeDefined();
    // The same older report again (other bytes, same facts) changes nothing more.
    const again = ok(await ingestFile({ bytes: new TextEncoder().encode(`${new TextDecoder().decode(collectorReport())}\n`), fileName: "again.json", options: {}, uploadedBy: admin }));
    expect(again.issues).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/changed nothing and were kept as history/) }));
    expect((await current())!.factsJson).toBe(after.factsJson);
  });
});

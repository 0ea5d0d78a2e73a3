import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { clearTables } from "../test-sql";
import { inWriteTx } from "../write-tx";
import { ingestFile, type IngestResponse } from "./ingest-file";
import { reevaluate } from "./reevaluate";
import { writeHostFacts, type WrittenFacts } from "./write-facts";
import { parseFile } from "@/lib/ingest/parse-file";
import { mergeHostFacts } from "@/lib/facts";

// New servers are written once, after their evaluation (lib/data/ingest/fresh-servers.ts): the rows must be exactly
// what writing them first and evaluating them after would give, with duplicates and renames inside one file.
const uploadedBy = { name: "admin@example.com" };
const HEADER = "FQDN,ObjectGUID,Collected At,Operating System,OS Version,RAM (GB),Agent Installed\n";
const GUID_A = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
const GUID_B = "7f9619ff-8b86-d011-b42d-00c04fc964ff";

async function upload(name: string, rows: string[]): Promise<IngestResponse & { ok: true }> {
  const response = await ingestFile({ bytes: new TextEncoder().encode(HEADER + rows.join("\n") + "\n"), fileName: name, options: {}, uploadedBy });
  if (!response.ok) throw new Error(`${response.code}: ${response.message}`);
  return response;
}

beforeEach(async () => {
  await clearTables(["Evaluation", "HostSnapshot", "FactSnapshot", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Server", "Upload"]);
});

describe("new servers of an upload", () => {
  it("keeps the newest of duplicate rows as current facts and every row as a snapshot", async () => {
    await upload("dupes.csv", [
      `web01.corp.contoso.com,${GUID_A},2026-11-01T10:00:00Z,Windows Server 2019 Datacenter,10.0.17763,8,no`,
      `web01.corp.contoso.com,${GUID_A},2026-11-03T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,no`,
      `web01.corp.contoso.com,${GUID_A},2026-11-02T10:00:00Z,Windows Server 2016 Datacenter,10.0.14393,4,no`,
    ]);
    const servers = await db().server.findMany({ select: { fqdn: true, osName: true, verdict: true, statuses: true, rulesetVersion: true, evaluatedAt: true } });
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({ fqdn: "web01.corp.contoso.com", osName: "Windows Server 2022" });
    expect(servers[0]!.statuses).not.toBe("");
    expect(servers[0]!.rulesetVersion).not.toBe("");
    expect((await db().hostSnapshot.findMany({ select: { collectedAt: true }, orderBy: { collectedAt: "asc" } })).map((r) => r.collectedAt)).toEqual([
      new Date("2026-11-01T10:00:00.000Z"),
      new Date("2026-11-02T10:00:00.000Z"),
      new Date("2026-11-03T10:00:00.000Z"),
    ]);
    expect(await db().evaluation.count()).toBe(1);
  });

  it("follows a rename by objectGUID inside the same file, and refuses a name held by another new server", async () => {
    const response = await upload("renames.csv", [
      `old-name.corp.contoso.com,${GUID_A},2026-11-01T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,no`,
      `other.corp.contoso.com,${GUID_B},2026-11-01T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,no`,
      `new-name.corp.contoso.com,${GUID_A},2026-11-02T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,no`,
      // The name of GUID_A's server with the GUID of another: stored under the GUID's server, with a warning.
      `new-name.corp.contoso.com,${GUID_B},2026-11-03T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,no`,
    ]);
    expect(await db().server.findMany({ select: { fqdn: true, objectGuid: true }, orderBy: { fqdn: "asc" } })).toEqual([
      { fqdn: "new-name.corp.contoso.com", objectGuid: GUID_A },
      { fqdn: "other.corp.contoso.com", objectGuid: GUID_B },
    ]);
    expect(response.issues.some((issue) => issue.message.includes("has the objectGUID of other.corp.contoso.com"))).toBe(true);
    expect(await db().hostSnapshot.count()).toBe(4);
  });

  it("stores the outcome a later full re-evaluation confirms (nothing to change), and marks detected installs", async () => {
    await upload("fleet.csv", [
      `a.corp.contoso.com,${GUID_A},2026-11-01T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,yes`,
      `b.corp.contoso.com,,2026-11-01T10:00:00Z,Windows Server 2012 R2 Standard,6.3.9600,2,no`,
      `c.fabrikam.com,${GUID_B},2026-11-01T10:00:00Z,Windows Server 2019 Datacenter,10.0.17763,8,`,
    ]);
    const outcome = await inWriteTx((tx) => reevaluate(tx, { domains: "all", touched: new Set(), hostFactsOnly: false }, "test:recheck", new Date()));
    expect(outcome.serversEvaluated).toBe(3);
    expect(outcome.serversChanged).toBe(0);
    expect(await db().server.findMany({ where: { rolloutStatus: "installed" }, select: { fqdn: true, rolloutStatus: true, rolloutStatusSource: true } })).toEqual([
      { fqdn: "a.corp.contoso.com", rolloutStatus: "installed", rolloutStatusSource: "detected" },
    ]);
    // AuditEntry is append-only: look for this upload's entry.
    const uploadId = (await db().upload.findFirstOrThrow({ where: { fileName: "fleet.csv" }, select: { id: true } })).id;
    expect(await db().auditEntry.findMany({ where: { action: "rollout.detected-installed", afterJson: { contains: uploadId } }, select: { targetId: true } })).toEqual([{ targetId: "a.corp.contoso.com" }]);
  });

  it("writes each new server's snapshots with its write batch, with the facts a later row of the file took from them", async () => {
    const count = 4_100; // five of reevaluate's write batches (250, 500, 1,000, 2,000 and the rest)
    const row = (i: number, at: string, ram: number) => `h${i}.corp.contoso.com,,${at},Windows Server 2022 Datacenter,10.0.20348,${ram},no`;
    await upload("batches.csv", [
      ...Array.from({ length: count }, (_, i) => row(i, "2026-11-01T10:00:00Z", 16)),
      row(0, "2026-11-03T10:00:00Z", 32), // newer: the first row's snapshot gets its facts back
      row(1, "2026-10-01T10:00:00Z", 16), // older and the same facts: kept as history, with its facts
    ]);
    expect(await db().server.count()).toBe(count);
    expect(await db().hostSnapshot.count()).toBe(count + 2);
    const snapshotsOf = async (fqdn: string) =>
      (await db().hostSnapshot.findMany({ where: { server: { fqdn } }, select: { collectedAt: true, factsJson: true }, orderBy: { collectedAt: "asc" } })).map(
        (r) => [r.collectedAt.toISOString().slice(0, 10), r.factsJson === null ? "shares the server's facts" : "own facts"],
      );
    expect(await snapshotsOf("h0.corp.contoso.com")).toEqual([["2026-11-01", "own facts"], ["2026-11-03", "shares the server's facts"]]);
    expect(await snapshotsOf("h1.corp.contoso.com")).toEqual([["2026-10-01", "own facts"], ["2026-11-01", "shares the server's facts"]]);
    expect(await snapshotsOf(`h${count - 1}.corp.contoso.com`)).toEqual([["2026-11-01", "shares the server's facts"]]);
    // A new server's facts are made JSON when its row is written: exactly the parsed record's, and the merged ones for h0.
    const rows = [row(0, "2026-11-01T10:00:00Z", 16), row(7, "2026-11-01T10:00:00Z", 16), row(0, "2026-11-03T10:00:00Z", 32)];
    const parsed = parseFile(new TextEncoder().encode(HEADER + rows.join("\n") + "\n"), "same.csv", {});
    if (!parsed.ok) throw new Error("parse failed");
    const [first, seventh, newer] = parsed.result.hosts.map((host) => host.facts);
    const stored = async (fqdn: string) => (await db().server.findUniqueOrThrow({ where: { fqdn }, select: { factsJson: true } })).factsJson;
    expect(await stored("h7.corp.contoso.com")).toBe(JSON.stringify(seventh));
    expect(await stored("h0.corp.contoso.com")).toBe(JSON.stringify(mergeHostFacts(first!, newer!)));
    const h0First = await db().hostSnapshot.findFirstOrThrow({ where: { server: { fqdn: "h0.corp.contoso.com" }, factsJson: { not: null } }, select: { factsJson: true } });
    expect(h0First.factsJson).toBe(JSON.stringify(first));
  });

  it("writes a stored server's new facts once, with its outcome, and counts them in the fleet facts and detected installs", async () => {
    await upload("fleet.csv", [
      `a.corp.contoso.com,${GUID_A},2026-11-01T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,no`,
      `b.corp.contoso.com,,2026-11-01T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,no`,
      `c.fabrikam.com,${GUID_B},2026-11-01T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,yes`,
    ]);
    // a: the agent is now installed; c: renamed (same objectGUID) into corp.contoso.com, still with the agent.
    const update = await upload("update.csv", [
      `a.corp.contoso.com,${GUID_A},2026-11-02T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,32,yes`,
      `c.corp.contoso.com,${GUID_B},2026-11-02T10:00:00Z,Windows Server 2022 Datacenter,10.0.20348,16,yes`,
    ]);
    const agentCount = async (domain: string) => {
      const row = await db().domainEvaluation.findUniqueOrThrow({ where: { domain }, select: { resultsJson: true } });
      const result = (JSON.parse(row.resultsJson) as { ruleId: string; status: string; evidence?: { fact: string; actual: unknown }[] }[]).find((r) => r.ruleId === "fleet-agent-count");
      return { status: result?.status, evidence: Object.fromEntries((result?.evidence ?? []).map((e) => [e.fact.replace(/^.*\./, ""), e.actual])) };
    };
    // The evaluation during the update counted the new facts, not the stored ones it had not written yet.
    expect(await agentCount("corp.contoso.com")).toEqual({ status: "fail", evidence: { agentHosts: ["a.corp.contoso.com", "c.corp.contoso.com"], hostsWithAgentData: 3 } });
    expect((await agentCount("fabrikam.com")).status).toBe("unknown");
    const servers = await db().server.findMany({ select: { fqdn: true, domain: true, agentInstalled: true, rolloutStatus: true, factsJson: true }, orderBy: { fqdn: "asc" } });
    expect(servers.map(({ factsJson, ...s }) => ({ ...s, ram: Math.round(((JSON.parse(factsJson) as { memory?: { totalPhysicalBytes?: number } }).memory?.totalPhysicalBytes ?? 0) / 2 ** 30) }))).toEqual([
      { fqdn: "a.corp.contoso.com", domain: "corp.contoso.com", agentInstalled: true, rolloutStatus: "installed", ram: 32 },
      { fqdn: "b.corp.contoso.com", domain: "corp.contoso.com", agentInstalled: false, rolloutStatus: "not-started", ram: 16 },
      { fqdn: "c.corp.contoso.com", domain: "corp.contoso.com", agentInstalled: true, rolloutStatus: "installed", ram: 16 },
    ]);
    // a was detected installed by the update (c already by the first upload).
    expect(await db().auditEntry.findMany({ where: { action: "rollout.detected-installed", afterJson: { contains: update.id! } }, select: { targetId: true } })).toEqual([{ targetId: "a.corp.contoso.com" }]);
    // What the upload stored is what a full re-evaluation of the committed rows gives.
    const before = await db().domainEvaluation.findMany({ select: { domain: true, resultsJson: true }, orderBy: { domain: "asc" } });
    const outcome = await inWriteTx((tx) => reevaluate(tx, { domains: "all", touched: new Set(), hostFactsOnly: false }, "test:recheck", new Date()));
    expect(outcome).toEqual({ serversEvaluated: 3, serversChanged: 0 });
    const statusesOf = (rows: { domain: string; resultsJson: string }[]) => rows.map((r) => [r.domain, (JSON.parse(r.resultsJson) as { ruleId: string; status: string }[]).map((x) => `${x.ruleId}:${x.status}`)]);
    // (The full re-evaluation also stores the tenant's results, domain "", which no host upload evaluates.)
    const after = await db().domainEvaluation.findMany({ where: { domain: { in: before.map((r) => r.domain) } }, select: { domain: true, resultsJson: true }, orderBy: { domain: "asc" } });
    expect(before.map((r) => r.domain)).toEqual(["corp.contoso.com", "fabrikam.com"]);
    expect(statusesOf(after)).toEqual(statusesOf(before));
    // The first upload's snapshots of a and c kept the facts they shared before the update replaced them; b's still share.
    const first = await db().hostSnapshot.findMany({ where: { upload: { fileName: "fleet.csv" } }, select: { factsJson: true, server: { select: { fqdn: true } } }, orderBy: { server: { fqdn: "asc" } } });
    expect(first.map((snapshot) => [snapshot.server.fqdn, snapshot.factsJson === null ? null : (JSON.parse(snapshot.factsJson) as { collectedAt?: string }).collectedAt])).toEqual([
      ["a.corp.contoso.com", "2026-11-01T10:00:00.000Z"],
      ["b.corp.contoso.com", null],
      ["c.corp.contoso.com", "2026-11-01T10:00:00.000Z"],
    ]);
  });

  it("rolls the transaction back when new servers were held but never written", async () => {
    const parsed = parseFile(new TextEncoder().encode(`${HEADER}x.corp.contoso.com,,,,,,\n`), "held.csv", {});
    if (!parsed.ok) throw new Error("parse failed");
    await expect(
      inWriteTx(async (tx) => {
        const written: WrittenFacts = { affected: new Set(), touched: new Set(), issues: [] };
        await tx.run(`INSERT INTO "Upload" ("id", "sha256", "fileName", "sizeBytes", "kind", "format", "uploadedBy", "createdAt", "records", "accepted", "rejected", "serversAffected", "issuesJson", "optionsJson") VALUES ('u1', 'h', 'held.csv', 1, 'host-inventory', 'inventory-csv', 'x', '2026-11-01T00:00:00.000+00:00', 1, 1, 0, 0, '[]', '{}')`);
        await writeHostFacts(tx, "u1", "held.csv", parsed.result, new Date(), written);
      }),
    ).rejects.toThrow(/never written/);
    expect(await db().upload.count()).toBe(0);
  });
});

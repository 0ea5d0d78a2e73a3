import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_AS_OF, generateFleet } from "@/lib/demo";
import { toInventoryCsv } from "@/lib/demo/exports";
import { ingestFile, type IngestResponse } from "../ingest/ingest-file";
import { WRITE_BATCH } from "../ingest/queued-writes";
import { recomputeRuleSummary } from "../ingest/reevaluate";
import { clearTables, sqlAll, sqlGet } from "../test-sql";
import { type Column, inWriteTx } from "../write-tx";
import { sqlite } from "./connection";
import { stopSqliteWriteThread, enableSqliteWriteThread } from "./write-thread-tx";

// Decision 027 on a real (throwaway) SQLite database: the upload worker's write transaction on its write thread commits
// exactly what the transaction on the process's own connection commits, and never commits past a failed write.
const TABLES = ["Evaluation", "HostSnapshot", "FactSnapshot", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Attestation", "ServerTag", "Server", "Upload"];
const admin = { name: "admin@example.com" };
const encoder = new TextEncoder();
/** A small table without foreign keys, for the transaction's own mechanics. */
const COLUMNS: readonly Column[] = [["id", "text"], ["at", "timestamp"], ["ready", "int"], ["conditions", "int"], ["notReady", "int"], ["unknown", "int"], ["cause", "text"]];
const AT = "2026-12-01T00:00:00.000+00:00";
const row = (id: string) => [id, AT, 0, 0, 0, 0, "test"];

/** More servers than a full write batch, in three domains: the evaluation issues batches while it runs, then the rest. */
const SERVERS = WRITE_BATCH + 321;
const fleetCsv = (servers: number, seed: string, asOf = DEFAULT_AS_OF) =>
  toInventoryCsv(generateFleet({ servers, seed, domains: ["corp.contoso.com", "emea.contoso.com", "fabrikam.com"], asOf }).hosts);

async function upload(name: string, text: string): Promise<IngestResponse & { ok: true }> {
  const response = await ingestFile({ bytes: encoder.encode(text), fileName: name, options: {}, uploadedBy: admin });
  if (!response.ok || response.status !== "committed") throw new Error(JSON.stringify(response).slice(0, 500));
  return response;
}

/** What the uploads decided, without row ids and times: per server its facts and outcome, then the counts. */
async function outcome() {
  const servers = await sqlAll(
    `SELECT "fqdn", "domain", "tags", "factsJson", "verdict", "verdictRank", "confidenceStars", "blockingRules", "conditionRules", "unknownRules", "unknownBlockers", "statuses"
     FROM "Server" ORDER BY "fqdn"`,
  );
  const tags = await sqlAll(`SELECT s."fqdn", t."tag" FROM "ServerTag" t JOIN "Server" s ON s."id" = t."serverId" ORDER BY s."fqdn", t."tag"`);
  const evaluations = await sqlAll(`SELECT s."fqdn", e."verdict", e."statuses", e."cause" IS NOT NULL AS caused FROM "Evaluation" e JOIN "Server" s ON s."id" = e."serverId" ORDER BY s."fqdn", e."evaluatedAt", e."verdict"`);
  const snapshots = await sqlAll(`SELECT s."fqdn", h."factsJson" IS NULL AS shared FROM "HostSnapshot" h JOIN "Server" s ON s."id" = h."serverId" ORDER BY s."fqdn", h."collectedAt", shared`);
  const summary = await sqlAll(`SELECT * FROM "RuleSummary" ORDER BY "ruleId"`);
  const readiness = await sqlAll(`SELECT "ready", "conditions", "notReady", "unknown" FROM "ReadinessSnapshot" ORDER BY "at"`);
  return { servers, tags, evaluations, snapshots, summary, readiness };
}

/** A first upload of new servers, then a newer export of some of them plus new ones (updates and inserts in one file). */
async function twoUploads() {
  await upload("fleet.csv", fleetCsv(SERVERS, "thread"));
  const later = new Date(Date.parse(DEFAULT_AS_OF) + 86_400_000).toISOString();
  await upload("fleet-later.csv", fleetCsv(SERVERS + 500, "thread", later));
}

describe.skipIf(process.env.CSR_TEST_DB === "postgres")("the write thread (decision 027)", () => {
  beforeEach(async () => {
    await clearTables(TABLES);
  });

  afterEach(async () => {
    await stopSqliteWriteThread();
  });

  it("commits what the process's own connection commits, with write batches issued while the evaluation runs", async () => {
    await twoUploads();
    const inProcess = await outcome();
    expect(inProcess.servers).toHaveLength(SERVERS + 500);

    await clearTables(TABLES);
    enableSqliteWriteThread(sqlite().name);
    await twoUploads();
    const onThread = await outcome();

    expect(onThread).toEqual(inProcess);
    // The counts the evaluation kept by delta are those of a recount.
    await inWriteTx((tx) => recomputeRuleSummary(tx));
    expect((await outcome()).summary).toEqual(onThread.summary);
  }, 120_000);

  it("a transaction reads its own writes, awaited or not", async () => {
    enableSqliteWriteThread(sqlite().name);
    const seen = await inWriteTx(async (tx) => {
      void tx.insertRows("ReadinessSnapshot", COLUMNS, [["r1", AT, 1, 2, 3, 4, "test"]]);
      return tx.get<{ ready: number }>(`SELECT "ready" FROM "ReadinessSnapshot" WHERE "id" = ?`, ["r1"]);
    });
    expect(seen).toEqual({ ready: 1 });
    expect(await sqlGet(`SELECT "notReady" FROM "ReadinessSnapshot" WHERE "id" = 'r1'`)).toEqual({ notReady: 3 });
  });

  it("a write that fails while nobody awaits it rolls the whole transaction back", async () => {
    enableSqliteWriteThread(sqlite().name);
    await expect(
      inWriteTx(async (tx) => {
        await tx.insertRows("ReadinessSnapshot", COLUMNS, [row("a")]);
        const failing = tx.insertRows("ReadinessSnapshot", COLUMNS, [row("b"), row("a")]); // "a" again: the primary key refuses it
        failing.catch(() => undefined); // not awaited by the work: the transaction itself must notice
        return "returned";
      }),
    ).rejects.toThrow(/UNIQUE constraint failed: ReadinessSnapshot\.id/);
    expect(await sqlAll(`SELECT "id" FROM "ReadinessSnapshot"`)).toEqual([]);

    // The thread is still usable, and the next transaction starts clean.
    await inWriteTx((tx) => tx.insertRows("ReadinessSnapshot", COLUMNS, [row("c")]));
    expect(await sqlAll(`SELECT "id" FROM "ReadinessSnapshot"`)).toEqual([{ id: "c" }]);
  });

  it("work that throws rolls back; a second transaction while one is open is refused", async () => {
    enableSqliteWriteThread(sqlite().name);
    await expect(
      inWriteTx(async (tx) => {
        await tx.insertRows("ReadinessSnapshot", COLUMNS, [row("x")]);
        await expect(inWriteTx(async () => "nested")).rejects.toThrow(/already open on the write thread/);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await sqlAll(`SELECT "id" FROM "ReadinessSnapshot"`)).toEqual([]);
  });

  it("a value that cannot be sent to the thread fails its transaction, and the thread stays usable", async () => {
    enableSqliteWriteThread(sqlite().name);
    const uncloneable = (() => 1) as unknown as string; // a bug's value: functions cannot be copied to another thread
    await expect(inWriteTx((tx) => tx.run(`SELECT ?`, [uncloneable]))).rejects.toThrow(/could not be cloned/);
    expect(await inWriteTx((tx) => tx.get<{ one: number }>(`SELECT 1 AS one`))).toEqual({ one: 1 });
  });

  it("a thread that dies in the middle of an upload leaves nothing behind, and the next upload starts a new one", async () => {
    enableSqliteWriteThread(sqlite().name);
    await expect(
      inWriteTx(async (tx) => {
        await tx.insertRows("ReadinessSnapshot", COLUMNS, [row("y")]);
        await stopSqliteWriteThreadKeepingSetting();
        return tx.get(`SELECT 1 AS one`);
      }),
    ).rejects.toThrow(/write thread exited/);
    expect(await sqlAll(`SELECT "id" FROM "ReadinessSnapshot"`)).toEqual([]);

    const response = await upload("small.csv", fleetCsv(20, "after-death"));
    expect(response.counts.accepted).toBe(20);
    expect(await sqlGet(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "Server"`)).toEqual({ n: 20 });
  });
});

/** Terminates the running thread as a crash would (the setting stays: the next transaction starts a new thread). */
async function stopSqliteWriteThreadKeepingSetting(): Promise<void> {
  const setting = (globalThis as unknown as { csrSqliteWriteThread?: { thread?: { stop(): Promise<number> } } }).csrSqliteWriteThread;
  await setting?.thread?.stop();
}

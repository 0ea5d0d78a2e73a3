import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import AdmZip from "adm-zip";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS, openArchive, parseArchive, parseArchiveInParallel } from "@/lib/ingest/archive";
import { db } from "../../db";
import { clearTables, countRows } from "../../test-sql";
import { deleteUpload } from "../delete-upload";
import { ingestUpload, type IngestRequest, type IngestResponse } from "../ingest-file";
import { answerOf, jobView } from "./answer";
import { forkIngestWorker, type IngestJob, IngestQueue, spawnIngestWorker } from "./ingest-queue";
import { spoolDirectory } from "./upload-spool";
import { fromChildProcess } from "./worker-handle";

// The real ingest worker (lib/data/ingest/worker/worker-main.ts through tsx), the real parsers and rules, and the
// test file's throwaway database (SQLite or PostgreSQL), shared by the worker's connection and this thread's: nothing
// mocked. The worker inherits this process's environment (fork/spawn without `env`), so DATABASE_URL too.

const owner = { key: "user:u1", label: "admin@example.com" };
const uploadedBy = { name: "admin@example.com" };
const CSV_HEADER = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain,Site,Tags\n";

function inventory(hosts: number, domain: string): Uint8Array {
  const rows: string[] = [];
  for (let i = 1; i <= hosts; i++) rows.push(`SRV${String(i).padStart(6, "0")},Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,${domain},AMS,`);
  return new TextEncoder().encode(CSV_HEADER + rows.join("\n") + "\n");
}

function request(bytes: Uint8Array, fileName: string, extra: Partial<IngestRequest> = {}): IngestRequest {
  return { bytes, fileName, options: {}, uploadedBy, ...extra };
}

const count = countRows;

function response(job: IngestJob): IngestResponse {
  if (!job.outcome?.ok) throw new Error(`job ${job.fileName} failed: ${job.outcome?.ok === false ? job.outcome.message : "not finished"}`);
  return job.outcome.response;
}

const queues: IngestQueue[] = [];
function newQueue(options: ConstructorParameters<typeof IngestQueue>[0] = {}): IngestQueue {
  const queue = new IngestQueue(options);
  queues.push(queue);
  return queue;
}

afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.close()));
});

beforeEach(async () => {
  await clearTables(["Evaluation", "HostSnapshot", "FactSnapshot", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Attestation", "Server", "UploadEntry", "Upload"]);
});

// Each test starts its own worker: the first start transpiles the ingest path through tsx, slow on a busy machine.
describe("IngestQueue (the upload worker)", { timeout: 120_000 }, () => {
  it("gives the same answer as the in-process ingest, and this thread reads the commit as soon as the job is done", async () => {
    const queue = newQueue();
    const bytes = inventory(300, "corp.contoso.com");

    const dryRun = queue.submit(request(bytes.slice(), "fleet.csv", { dryRun: true }), owner);
    await dryRun.done;
    expect(response(dryRun)).toEqual(await ingestUpload(request(bytes.slice(), "fleet.csv", { dryRun: true })));

    const committed = queue.submit(request(bytes.slice(), "fleet.csv"), owner);
    await committed.done;
    const viaWorker = response(committed);
    expect(viaWorker).toMatchObject({ ok: true, status: "committed", counts: { records: 300, accepted: 300, servers: 300 } });
    expect(await count("Server")).toBe(300);
    expect(committed).toMatchObject({ stage: "done", records: 300, servers: 300 });

    // The same file in-process, on the same database after deleting the worker's upload: the same answer but the id.
    if (!viaWorker.ok || !viaWorker.id) throw new Error("no upload id");
    expect(await deleteUpload(viaWorker.id, { kind: "system", id: null, name: "test" })).toBe(true);
    const inProcess = await ingestUpload(request(bytes.slice(), "fleet.csv"));
    if (!inProcess.ok) throw new Error(inProcess.message);
    expect({ ...viaWorker, id: "x" }).toEqual({ ...inProcess, id: "x" });
  });

  it.runIf(process.platform === "linux")("runs in a process of its own whose every thread has the lowest CPU priority (SCHED_IDLE where chrt exists, nice 10)", async () => {
    const queue = newQueue();
    const job = queue.submit(request(inventory(20, "nice.contoso.com"), "nice.csv"), owner);
    await job.done;
    const pid = queue.workerPid;
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    const tids = readdirSync(`/proc/${pid}/task`);
    expect(tids.length).toBeGreaterThan(1); // V8's and libuv's threads, not only the main one
    // /proc/<pid>/task/<tid>/stat: field 19 is the nice value (after the parenthesised command name).
    const stats = tids.map((tid) => readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1].split(" "));
    expect(new Set(stats.map((fields) => Number(fields[16])))).toEqual(new Set([10]));
    // /proc/<pid>/task/<tid>/stat field 41 is the scheduling policy: 5 is SCHED_IDLE (chrt --idle), 0 SCHED_OTHER.
    if (existsSync("/usr/bin/chrt")) expect(new Set(stats.map((fields) => Number(fields[38])))).toEqual(new Set([5]));
    expect(readFileSync(`/proc/${pid}/oom_score_adj`, "utf8").trim()).toBe("500");
  });

  it("answers refusals like the in-process ingest (a job that ends in a 400 is done, not failed)", async () => {
    const queue = newQueue();
    const bytes = new TextEncoder().encode("this is not an export\n");
    const job = queue.submit(request(bytes.slice(), "notes.txt"), owner);
    const outcome = await job.done;
    expect(job.stage).toBe("done");
    expect(outcome).toEqual({ ok: true, response: await ingestUpload(request(bytes.slice(), "notes.txt")) });
    expect(answerOf(outcome).status).toBe(400);
    expect(await count("Upload")).toBe(0);
  });

  it("runs jobs one at a time in the order they came, with their places in the queue", async () => {
    const queue = newQueue();
    const jobs = ["a", "b", "c"].map((name, index) => queue.submit(request(inventory(200 + index, `${name}.contoso.com`), `${name}.csv`), owner));
    expect(jobs.map((job) => queue.position(job))).toEqual([0, 1, 2]);
    expect(jobs.map((job) => job.stage)).toEqual(["parsing", "queued", "queued"]);
    expect(jobView(jobs[2], queue.position(jobs[2]))).toMatchObject({ stage: "queued", position: 2, result: null });
    await Promise.all(jobs.map((job) => job.done));
    for (let i = 1; i < jobs.length; i++) expect(jobs[i].startedAt!.getTime()).toBeGreaterThanOrEqual(jobs[i - 1].finishedAt!.getTime());
    expect(jobs.map((job) => response(job))).toMatchObject([{ counts: { servers: 200 } }, { counts: { servers: 201 } }, { counts: { servers: 202 } }]);
    // Upload ids are UUIDv7 (lib/data/ids.ts): the id breaks a tie of createdAt in the order written.
    const uploads = await db().upload.findMany({ select: { fileName: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(uploads.map((row) => row.fileName)).toEqual(["a.csv", "b.csv", "c.csv"]);
    expect(jobs.map((job) => queue.position(job))).toEqual([null, null, null]);
    expect(jobView(jobs[0], null)).toMatchObject({ stage: "done", position: null, records: 200, servers: 200, result: { status: 201 } });
  });

  it("fails the job of a worker that dies, and the next job runs on a fresh worker", async () => {
    let spawned = 0;
    const queue = newQueue({
      spawn: () => {
        spawned += 1;
        // The first worker dies on its first job, as a crash in a native module would.
        if (spawned === 1) {
          const child = spawn(process.execPath, ["-e", 'process.on("message", () => process.exit(3));'], { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
          return fromChildProcess(child);
        }
        return spawnIngestWorker();
      },
    });
    const doomed = queue.submit(request(inventory(50, "doomed.contoso.com"), "doomed.csv"), owner);
    const next = queue.submit(request(inventory(40, "next.contoso.com"), "next.csv"), owner);
    const failure = await doomed.done;
    expect(failure.ok).toBe(false);
    expect(doomed.stage).toBe("failed");
    expect(failure).toMatchObject({ message: expect.stringMatching(/upload worker stopped while processing doomed\.csv \(exit code 3\)\. Nothing was stored/) });
    expect(answerOf(failure)).toMatchObject({ status: 500, body: { error: { code: "ingest-failed" } } });
    await next.done;
    expect(response(next)).toMatchObject({ ok: true, status: "committed", counts: { servers: 40 } });
    expect(spawned).toBe(2);
    expect(await count("Upload")).toBe(1);
    // The dead worker never read its temporary copy of doomed.csv: the queue deleted it when the job failed; the
    // fresh worker deleted next.csv's when it read it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(readdirSync(spoolDirectory())).toEqual([]);
  });

  it("stores nothing of a job whose worker is killed in the middle of the commit", async () => {
    const queue = newQueue();
    const job = queue.submit(request(inventory(20_000, "big.contoso.com"), "big.csv"), owner);
    while (job.stage !== "evaluating" && job.stage !== "committing" && job.stage !== "done") await new Promise((resolve) => setTimeout(resolve, 2));
    expect(job.stage).not.toBe("done");
    await queue.close();
    expect(await job.done).toMatchObject({ ok: false });
    expect(await count("Upload")).toBe(0);
    expect(await count("Server")).toBe(0);
    // The write lock was released with the rollback: the next job commits.
    const after = queue.submit(request(inventory(10, "after.contoso.com"), "after.csv"), owner);
    await after.done;
    expect(response(after)).toMatchObject({ ok: true, status: "committed" });
  }, 60_000);

  it("runs the production bundle (scripts/build-ingest-worker.mjs) with the same answers as the source", async () => {
    const { buildIngestWorker } = await import("../../../../scripts/build-ingest-worker.mjs");
    // Inside the project, as in production: the external packages (better-sqlite3, exceljs) load from node_modules.
    mkdirSync(path.resolve("node_modules/.cache"), { recursive: true });
    const dir = mkdtempSync(path.resolve("node_modules/.cache/csr-ingest-worker-"));
    const outfile = path.join(dir, "ingest-worker.mjs");
    await buildIngestWorker({ quiet: true, outfile });
    const queue = newQueue({ spawn: () => fromChildProcess(forkIngestWorker(outfile)) });
    const bytes = inventory(120, "bundle.contoso.com");
    const dryRun = queue.submit(request(bytes.slice(), "bundle.csv", { dryRun: true }), owner);
    await dryRun.done;
    expect(response(dryRun)).toEqual(await ingestUpload(request(bytes.slice(), "bundle.csv", { dryRun: true })));
    const committed = queue.submit(request(bytes.slice(), "bundle.csv"), owner);
    await committed.done;
    expect(response(committed)).toMatchObject({ ok: true, status: "committed", counts: { servers: 120 } });
    expect(await count("Server")).toBe(120);
    await queue.close();
    // The archive parse thread's bundle, written beside it (decision 028), parses a ZIP's second half as the source does.
    const zip = new AdmZip();
    for (let i = 0; i < 6; i++) zip.addFile(`reports/HOST${i}.json`, readFileSync(path.resolve(`lib/ingest/collector/fixtures/${i % 2 === 0 ? "server2022-ready" : "server2016-old-dotnet"}.json`)));
    const zipBytes = new Uint8Array(zip.toBuffer());
    const opened = () => {
      const archive = openArchive(zipBytes, "fleet.zip", DEFAULT_ARCHIVE_LIMITS);
      if (!archive?.ok) throw new Error("the test ZIP did not open");
      return archive;
    };
    const threadScript = { file: path.join(dir, "archive-parse-thread.mjs") };
    const twoThreads = await parseArchiveInParallel(opened(), "fleet.zip", zipBytes.byteLength, DEFAULT_ARCHIVE_LIMITS, {}, undefined, undefined, 2, threadScript);
    expect(twoThreads).toEqual(parseArchive(opened(), "fleet.zip", {}));
    expect(twoThreads.result.hosts).toHaveLength(6);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("forgets finished jobs after the retention time or beyond the count kept", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    const queue = newQueue({ keepFinished: 2, keepFinishedMs: 60_000, now: () => now });
    const jobs = [];
    for (const name of ["r1", "r2", "r3"]) {
      const job = queue.submit(request(new TextEncoder().encode("not an export\n"), `${name}.txt`), owner);
      await job.done;
      jobs.push(job);
    }
    expect(queue.get(jobs[0].id)).toBeUndefined();
    expect(queue.get(jobs[1].id)).toBe(jobs[1]);
    expect(queue.get(jobs[2].id)).toBe(jobs[2]);
    now += 61_000;
    expect(queue.get(jobs[2].id)).toBeUndefined();
    expect(queue.get("no-such-job")).toBeUndefined();
  });
});

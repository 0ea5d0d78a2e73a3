// The process scripts/bench/ingest-stages.ts times: the upload worker's own path (lib/data/ingest/ingest-file.ts), in
// one process, on the database DATABASE_URL names (migrated by the suite). Run as
//   node --conditions=react-server --import tsx scripts/bench/support/ingest-stages-child.ts
// (the react-server condition because lib/data is server-only code). Prints one "RESULT <json>" line.
import { readFileSync, writeFileSync } from "node:fs";
import { databaseKind } from "@/lib/data/database-kind";
import { ingestFile } from "@/lib/data/ingest/ingest-file";
import { sqlite } from "@/lib/data/sqlite/connection";
import { enableSqliteWriteThread } from "@/lib/data/sqlite/write-thread-tx";
import { parseThreadScript } from "@/lib/data/ingest/worker/parse-thread-script";
import { enableParseThread } from "@/lib/ingest/parse-thread-config";
import { csvFor } from "./fleet-csv";
import { zipFor } from "./fleet-zip";
import { cpuMs, peakMb } from "./next-server";

export interface StagesRun {
  servers: number;
  megabytes: number;
  status: string;
  accepted: number;
  /** Wall times of the worker's stages: the file's hash and duplicate check; parse; facts, evaluation and writes; the rest and the COMMIT. */
  checkMs: number;
  parseMs: number;
  evaluateMs: number;
  commitMs: number;
  totalMs: number;
  /** This process's CPU time for the upload (every thread: the garbage collector's helpers included). */
  cpuMs: number;
  /** PostgreSQL: the cluster's CPU time during the upload. */
  dbCpuMs?: number;
  /** The process's peak resident memory during the upload (VmHWM, reset before it), MB. */
  peakMb: number;
}

const servers = Number(process.env.CSR_BENCH_SERVERS ?? "50000");
const seed = process.env.CSR_BENCH_SEED ?? "bench";
const archive = process.env.CSR_BENCH_ARCHIVE === "1";
const dbPid = process.env.CSR_BENCH_DB_PID ? Number(process.env.CSR_BENCH_DB_PID) : undefined;

// As the upload worker does (worker-main.ts): no WAL checkpoint inside a commit, it runs after the answer; the write
// transaction on the write thread (decision 027), unless the suite's --write-thread=off asks for the process's connection.
if (databaseKind() === "sqlite") {
  sqlite().pragma("wal_autocheckpoint = 0");
  if (process.env.CSR_BENCH_WRITE_THREAD !== "off") enableSqliteWriteThread(sqlite().name, ["wal_autocheckpoint = 0"]);
}

// As the upload worker does: a large ZIP's entries on two threads (decision 028), unless the suite's --parallel=off.
if (process.env.CSR_BENCH_PARALLEL !== "off") enableParseThread(parseThreadScript(import.meta.url));

/** The suite writes the files (so that this process's peak is the upload's, not the generator's); run alone, it makes them. */
function uploadBytes(count: number, tag: string, file: string | undefined): Uint8Array {
  if (file !== undefined) return new Uint8Array(readFileSync(file));
  return archive ? new Uint8Array(zipFor(count, seed, tag)) : new TextEncoder().encode(csvFor(count, seed, tag));
}

async function run(name: string, count: number, tag: string, file: string | undefined): Promise<StagesRun> {
  const bytes = uploadBytes(count, tag, file);
  const marks: Record<string, number> = {};
  globalThis.gc?.();
  writeFileSync("/proc/self/clear_refs", "5"); // reset VmHWM: the upload's own peak, not the generator's
  const cpuBefore = process.cpuUsage();
  const dbBefore = dbPid === undefined ? undefined : cpuMs(dbPid);
  const start = performance.now();
  const response = await ingestFile({ bytes, fileName: `${name}.${archive ? "zip" : "csv"}`, options: {}, uploadedBy: { name: "bench" } }, (progress) => {
    marks[progress.stage] = performance.now();
  });
  const end = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  if (databaseKind() === "sqlite") sqlite().pragma("wal_checkpoint(PASSIVE)"); // after the timing, as the worker does
  const parsing = marks.parsing ?? start;
  const evaluating = marks.evaluating ?? end;
  const committing = marks.committing ?? end;
  return {
    servers: count,
    megabytes: bytes.byteLength / 1e6,
    status: response.ok ? response.status : `${response.code}: ${response.message}`,
    accepted: response.ok ? response.counts.accepted : 0,
    checkMs: parsing - start,
    parseMs: evaluating - parsing,
    evaluateMs: committing - evaluating,
    commitMs: end - committing,
    totalMs: end - start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakMb: peakMb(process.pid).mb,
    ...(dbBefore === undefined || dbPid === undefined ? {} : { dbCpuMs: cpuMs(dbPid) - dbBefore }),
  };
}

const warmUp = await run("warm-up", Math.min(1000, servers), "warm", process.env.CSR_BENCH_WARM_UP_FILE);
const measured = await run("fleet", servers, "fleet", process.env.CSR_BENCH_FILE);
console.log(`RESULT ${JSON.stringify({ warmUp, measured })}`);
process.exit(0);

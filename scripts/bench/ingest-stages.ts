/**
 * Where a large upload's time goes: the upload worker's own path (lib/data/ingest/ingest-file.ts: parse -> facts,
 * evaluation and writes -> the last writes and COMMIT) run in one process, without HTTP, multipart or the worker
 * hand-off, with each stage's wall time (hash and duplicate check, parse, facts + evaluation + writes, commit), the process's CPU time and (--db=postgres) the cluster's. The `ingest` suite
 * is the end-to-end figure; this one says which stage to work on, with less noise (no server, no second process), and
 * `--profile` gives a CPU profile of exactly that path (the `ingest` suite's --profile covers the server, not the
 * upload worker where the work is done).
 *
 * Budget: the `ingest` suite's 8 s per 50,000 servers (scaled by --servers), which this path must meet with room to
 * spare for what it leaves out.
 *
 * Options: --servers=<n> (default 50000), --seed=<s>, --db=sqlite|postgres (support/bench-database.ts: a fresh file, or
 * a throwaway cluster; migrated as the server migrates at start), --write-thread=off (SQLite: the write transaction on
 * the process's own connection instead of the upload worker's write thread, decision 027, for comparison), --profile (the process runs with --cpu-prof; the
 * .cpuprofile is kept and its path printed), --archive (a ZIP of one collector report per server, support/fleet-zip.ts,
 * instead of the CSV; budget 30 s per 50,000 as the `ingest` suite's ZIP case), --parallel=off (a large ZIP parsed on
 * one thread instead of two, decision 028), --heap-flags=off (without the upload worker's V8 heap flags,
 * lib/data/ingest/worker/heap-flags.ts, which the process otherwise runs with). A 1,000-server warm-up upload (other
 * domains) runs first in the same process and is shown, not judged.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatInt, intOption, type BenchResult, type BenchSuite } from "./suite";
import { createBenchDatabase, dbOption, type BenchDatabase } from "./support/bench-database";
import { csvFor } from "./support/fleet-csv";
import { zipFor } from "./support/fleet-zip";
import type { StagesRun } from "./support/ingest-stages-child";
import { WORKER_HEAP_FLAGS } from "@/lib/data/ingest/worker/heap-flags";

const BUDGET_MS_PER_50K = 8_000;
/** --archive: the `ingest` suite's ZIP case budget (30 s per 50,000 collector reports). */
const ARCHIVE_BUDGET_MS_PER_50K = 30_000;

function describe(label: string, run: StagesRun): string {
  const db = run.dbCpuMs === undefined ? "" : `, PostgreSQL CPU ${formatInt(run.dbCpuMs)} ms`;
  return (
    `${label}: ${formatInt(run.servers)} servers (${run.megabytes.toFixed(1)} MB) ${run.status}, ${formatInt(run.accepted)} accepted; ` +
    `hash and duplicate check ${formatInt(run.checkMs)} ms, parse ${formatInt(run.parseMs)} ms, facts + evaluation + writes ${formatInt(run.evaluateMs)} ms, commit ${formatInt(run.commitMs)} ms; ` +
    `total ${formatInt(run.totalMs)} ms (CPU ${formatInt(run.cpuMs)} ms${db}); process peak ${formatInt(run.peakMb)} MB`
  );
}

const suite: BenchSuite = {
  name: "ingest-stages",
  description: "the upload worker's path in one process: parse, facts + evaluation + writes, commit (budget 8 s / 50,000 servers)",
  async run(options): Promise<BenchResult> {
    const servers = intOption(options, "servers", 50_000);
    const archive = options.archive !== undefined;
    const budgetMs = ((archive ? ARCHIVE_BUDGET_MS_PER_50K : BUDGET_MS_PER_50K) * servers) / 50_000;
    const kind = dbOption(options);
    const tmp = mkdtempSync(path.join(os.tmpdir(), "csr-bench-stages-"));
    const profileDir = options.profile === undefined ? undefined : path.join(tmp, "profile");
    let database: BenchDatabase | undefined;
    try {
      database = await createBenchDatabase(kind, tmp);
      // The files are made here, not in the measured process, so that its peak memory is the upload's alone.
      const seed = options.seed ?? "bench";
      const extension = archive ? "zip" : "csv";
      const make = (count: number, tag: string) => (archive ? zipFor(count, seed, tag) : csvFor(count, seed, tag));
      const warmUpFile = path.join(tmp, `warm-up.${extension}`);
      const file = path.join(tmp, `fleet.${extension}`);
      writeFileSync(warmUpFile, make(Math.min(1000, servers), "warm"));
      writeFileSync(file, make(servers, "fleet"));
      // The upload worker's heap flags (unless --heap-flags=off), so that its garbage collection is what is measured.
      const heapFlags = options["heap-flags"] === "off" ? [] : WORKER_HEAP_FLAGS;
      const nodeArgs = ["--conditions=react-server", "--expose-gc", ...heapFlags, "--import", "tsx", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])];
      const child = spawnSync(process.execPath, [...nodeArgs, path.resolve("scripts/bench/support/ingest-stages-child.ts")], {
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: database.url,
          CSR_BENCH_SERVERS: String(servers),
          CSR_BENCH_SEED: seed,
          CSR_BENCH_WARM_UP_FILE: warmUpFile,
          CSR_BENCH_FILE: file,
          CSR_BENCH_WRITE_THREAD: options["write-thread"] ?? "on",
          CSR_BENCH_ARCHIVE: archive ? "1" : "0",
          CSR_BENCH_PARALLEL: options.parallel ?? "on",
          ...(database.serverPid === undefined ? {} : { CSR_BENCH_DB_PID: String(database.serverPid) }),
        },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
      if (child.status !== 0 || line === undefined) {
        return { ok: false, figure: `ingest-stages: the run failed (exit ${child.status})`, details: [...child.stderr.trim().split("\n").slice(-15)] };
      }
      const { warmUp, measured } = JSON.parse(line.slice("RESULT ".length)) as { warmUp: StagesRun; measured: StagesRun };
      const ok = measured.status === "committed" && measured.totalMs <= budgetMs;
      const writer = kind === "postgres" ? "one PostgreSQL connection" : options["write-thread"] === "off" ? "the process's own connection (--write-thread=off)" : "the write thread (decision 027)";
      const details = [describe("warm-up", warmUp), describe("measured", measured), `database: ${database.description}; write transaction on ${writer}`];
      if (profileDir) details.push(`CPU profile of that process: ${readdirSync(profileDir).map((f) => path.join(profileDir, f)).join(", ")}`);
      details.push(`machine: ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ${os.cpus().length} logical cores, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
      return {
        ok,
        figure:
          `ingest-stages${kind === "postgres" ? " (PostgreSQL)" : ""}: ${archive ? `ZIP of ${formatInt(servers)} collector reports` : `${formatInt(servers)}-server CSV`} in-process in ${formatInt(measured.totalMs)} ms ` +
          `(parse ${formatInt(measured.parseMs)}, facts + evaluation + writes ${formatInt(measured.evaluateMs)}, commit ${formatInt(measured.commitMs)}; ` +
          `budget ${formatInt(budgetMs)} ms: ${ok ? "ok" : "OVER BUDGET"})`,
        details,
      };
    } finally {
      database?.stop();
      if (profileDir === undefined) rmSync(tmp, { recursive: true, force: true });
    }
  },
};

export default suite;

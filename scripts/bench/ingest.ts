/**
 * Ingest benchmark, end to end through the production build and the real HTTP API:
 * "a 50,000-server CSV uploaded through the API, parsed, evaluated and committed in at most 8 seconds, peak memory
 * under 1.5 GB; a 1,000-server file under 1 second". The same CSV's `sqlite3 .import --csv` into a fresh table of a
 * fresh database (best of 3, support/sqlite-import.ts) is measured as the reference, and the ratio printed.
 *
 * Needs a production build (.next/BUILD_ID; the bench never builds). Starts `next start` on a free port in
 * 3300-3399 with a fresh temporary SQLite DATABASE_URL (migrated first; `--db=postgres`: a database on a throwaway
 * PostgreSQL cluster, support/bench-database.ts), waits for /api/health, creates an admin API
 * token with the admin CLI against the same database, then POSTs inventory CSVs written by lib/demo/exports as
 * multipart/form-data (fetch + FormData + Blob), timing each request end to end (request sent -> JSON response read).
 * Peak memory is the server's VmHWM from /proc/<pid>/status (plus its child processes', if any); the server's CPU
 * time per request (/proc/<pid>/stat) is shown too, because wall times on a machine shared with other work are
 * inflated while CPU time is not (the ingest path is single-threaded). Sequence:
 *   warm-up (100 servers) -> 1,000-server CSV x runs, new servers in new domains (median is the figure) ->
 *   1,000-server collector bundle (informative) -> 50,000-server CSV (new domains) -> 1,000-server update: a newer
 *   export of 1,000 of those 50,000 servers (the steady state of a real fleet; also held to the 1-second budget).
 * The server is always stopped and the temporary database removed.
 *
 * Options: --servers=<n> (large file, default 50000; its time budget scales linearly), --small=<n> (default 1000),
 * --runs=<n> (small-file runs, default 3), --seed=<s>, --port=<p> (default: first free in 3300-3399),
 * --profile (server runs with --cpu-prof; the .cpuprofile directory is printed and kept), --archive=<n>|skip (the fleet
 * ZIP case: a ZIP of n collector reports, one file per host, default --servers; budget 30 s, peak 1.5 GB). Server output lines that
 * start with "[timing]" (temporary instrumentation while profiling) are shown under the upload that printed them.
 * --db=sqlite|postgres (default sqlite): the database the server writes to; on PostgreSQL the cluster's own processes
 * are not in the peak-memory figure (it is the app's), and the sqlite3 .import reference is printed as on SQLite.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_AS_OF } from "@/lib/demo";
import { toCollectorBundle } from "@/lib/demo/exports";
import { formatInt, intOption, median, type BenchSuite } from "./suite";
import { createBenchDatabase, dbOption, type BenchDatabase } from "./support/bench-database";
import { csvFor, fleetFor } from "./support/fleet-csv";
import { zipFor } from "./support/fleet-zip";
import { cpuMs, descendants, freePort, peakMb, statusKb } from "./support/next-server";
import { sqliteImportMs } from "./support/sqlite-import";

const LARGE_SERVERS = 50_000;
const LARGE_BUDGET_MS = 8_000;
const SMALL_BUDGET_MS = 1_000;
const PEAK_BUDGET_MB = 1_536;
const PORTS = { from: 3300, to: 3399 };
const HEALTH_TIMEOUT_MS = 90_000;
const MB = 1024 * 1024;

interface Upload {
  label: string;
  servers: number;
  bytes: number;
  ms: number;
  /** Server CPU time spent on the request (user + system): close to the wall time on an idle machine. */
  cpuMs: number;
  /** PostgreSQL (--db=postgres): the cluster's CPU time during the request (postmaster and backends). */
  dbCpuMs?: number;
  status: string;
  accepted: number;
}

/** A day after the generator's default: the same servers, collected later (a newer export). */
const NEXT_DAY = new Date(Date.parse(DEFAULT_AS_OF) + 86_400_000).toISOString();

class Server {
  private readonly log: string[] = [];
  /** Lines the server prints with a "[timing]" prefix (temporary instrumentation while profiling). */
  private timings: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    const keep = (data: Buffer) => {
      for (const line of data.toString("utf8").split("\n")) {
        if (line.startsWith("[timing]")) this.timings.push(line);
        else if (line.trim() !== "") this.log.push(line);
      }
      if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The "[timing]" lines printed since the last call (after a short wait for the pipe). */
  async takeTimings(): Promise<string[]> {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = this.timings;
    this.timings = [];
    return lines;
  }

  tail(lines = 15): string[] {
    return this.log.slice(-lines);
  }

  /** SIGTERM to the whole process group, SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-this.pid, name);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

async function waitForHealth(base: string, server: Server): Promise<number> {
  const started = performance.now();
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (performance.now() - started < HEALTH_TIMEOUT_MS) {
    if (exited) throw new Error(`the server exited during start-up:\n${server.tail().join("\n")}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`/api/health did not answer within ${HEALTH_TIMEOUT_MS / 1000} s:\n${server.tail().join("\n")}`);
}

function createToken(env: NodeJS.ProcessEnv): string {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/admin.ts", "create-token", "--name", "bench", "--role", "admin"], {
    env,
    encoding: "utf8",
  });
  const token = result.stdout.trim().split("\n").at(-1)?.trim() ?? "";
  if (result.status !== 0 || token === "") throw new Error(`admin create-token failed (${result.status}): ${result.stderr.trim()}`);
  return token;
}

/** The PostgreSQL postmaster's pid when the bench runs on PostgreSQL (its backends' CPU is shown per upload). */
let databasePid: number | undefined;
const dbCpuMs = () => (databasePid === undefined ? undefined : cpuMs(databasePid));

async function upload(server: Server, base: string, token: string, label: string, fileName: string, type: string, text: string, servers: number): Promise<Upload> {
  const body = new FormData();
  body.append("file", new Blob([text], { type }), fileName);
  const bytes = Buffer.byteLength(text);
  const cpuBefore = cpuMs(server.pid);
  const dbBefore = dbCpuMs();
  const started = performance.now();
  const response = await fetch(`${base}/api/uploads`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
  const json: unknown = await response.json();
  const ms = performance.now() - started;
  const cpu = cpuMs(server.pid) - cpuBefore;
  const dbAfter = dbCpuMs();
  const dbCpu = dbBefore === undefined || dbAfter === undefined ? undefined : dbAfter - dbBefore;
  const data = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  const counts = typeof data.counts === "object" && data.counts !== null ? (data.counts as Record<string, unknown>) : {};
  if (response.status !== 201 || data.status !== "committed") {
    throw new Error(`${label}: HTTP ${response.status} ${JSON.stringify(json).slice(0, 500)}`);
  }
  return { label, servers, bytes, ms, cpuMs: cpu, dbCpuMs: dbCpu, status: String(data.status), accepted: Number(counts.accepted ?? 0) };
}

/** The ZIP of collector reports (budget: 30 s end to end, server peak 1.5 GB; decision 013). */
const ARCHIVE_BUDGET_MS = 30_000;

/**
 * The fleet-upload case: a ZIP of one collector report per host (support/fleet-zip.ts), in new domains; uploaded through
 * POST /api/uploads and timed end to end. The peak is measured for this upload alone: the VmHWM of the server and of
 * its upload worker is reset (/proc/<pid>/clear_refs) before it and read after it.
 */
async function fleetArchiveCase(server: Server, base: string, token: string, servers: number, seed: string, details: string[]): Promise<{ ok: boolean; figure: string }> {
  const started = performance.now();
  const bytes = zipFor(servers, seed, "zip");
  details.push(`fleet ZIP built in ${formatInt(performance.now() - started)} ms: ${formatInt(servers)} reports, ${(bytes.length / MB).toFixed(1)} MB`);
  // Reset VmHWM of the server and its upload worker: this upload's own peak. What they hold before it is shown.
  const processes = [server.pid, ...descendants(server.pid)];
  details.push(`memory before this upload (VmRSS): ${processes.map((pid) => `${(statusKb(pid, "VmRSS") / 1024).toFixed(0)} MB`).join(" + ")} (server, then its upload worker)`);
  for (const pid of processes) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, "5");
    } catch {
      details.push(`  (could not reset the VmHWM of process ${pid}: the peak below includes its earlier uploads)`);
    }
  }
  // Building the ZIP leaves fetch's pooled keep-alive connection idle past the server's keep-alive timeout: a request
  // on it dies writing (EPIPE) before the server reads anything. Refresh the pool with a GET first.
  await fetch(`${base}/api/health`).catch(() => undefined);
  const body = new FormData();
  body.append("file", new Blob([new Uint8Array(bytes)], { type: "application/zip" }), "fleet.zip");
  const cpuBefore = cpuMs(server.pid);
  const dbBefore = dbCpuMs();
  const t0 = performance.now();
  let response: Response;
  try {
    response = await fetch(`${base}/api/uploads`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new Error(`fleet ZIP: the request failed after ${formatInt(performance.now() - t0)} ms${cause}\n${server.tail().join("\n")}`);
  }
  const json = (await response.json()) as { status?: string; counts?: { accepted?: number }; archive?: { entryCount?: number } };
  const ms = performance.now() - t0;
  const cpu = cpuMs(server.pid) - cpuBefore;
  const dbAfter = dbCpuMs();
  const peak = peakMb(server.pid).mb;
  if (response.status !== 201 || json.status !== "committed") throw new Error(`fleet ZIP: HTTP ${response.status} ${JSON.stringify(json).slice(0, 500)}`);
  const accepted = Number(json.counts?.accepted ?? 0);
  const dbCpu = dbBefore === undefined || dbAfter === undefined ? undefined : dbAfter - dbBefore;
  await record(details, server, { label: `ZIP of ${formatInt(servers)} collector reports`, servers, bytes: bytes.length, ms, cpuMs: cpu, dbCpuMs: dbCpu, status: String(json.status), accepted });
  details.push(`  ${formatInt(json.archive?.entryCount ?? 0)} files read; server peak during this upload (VmHWM after a reset): ${peak.toFixed(0)} MB`);
  const budgetMs = (ARCHIVE_BUDGET_MS * servers) / LARGE_SERVERS;
  const ok = ms <= budgetMs && peak <= PEAK_BUDGET_MB && accepted === servers;
  const verdict = (pass: boolean) => (pass ? "ok" : "OVER BUDGET");
  return {
    ok,
    figure: `ZIP of ${formatInt(servers)} collector reports (${(bytes.length / MB).toFixed(0)} MB) in ${formatInt(ms)} ms (budget ${formatInt(budgetMs)} ms: ${verdict(ms <= budgetMs)}), peak ${peak.toFixed(0)} MB (${verdict(peak <= PEAK_BUDGET_MB)})`,
  };
}

async function record(details: string[], server: Server, u: Upload): Promise<void> {
  details.push(describe(u));
  for (const line of await server.takeTimings()) details.push(`  ${line}`);
}

function describe(u: Upload): string {
  return `${u.label}: ${formatInt(u.servers)} servers, ${(u.bytes / MB).toFixed(1)} MB, ${formatInt(u.ms)} ms (${formatInt((u.servers / u.ms) * 1000)} servers/s; server CPU ${formatInt(u.cpuMs)} ms${u.dbCpuMs === undefined ? "" : `, PostgreSQL CPU ${formatInt(u.dbCpuMs)} ms`}), ${u.status}, ${formatInt(u.accepted)} accepted`;
}

const suite: BenchSuite = {
  name: "ingest",
  description: "50,000-server CSV through POST /api/uploads on the production build (budget 8 s, peak 1.5 GB; 1,000 servers < 1 s; vs sqlite3 .import)",
  async run(options) {
    const large = intOption(options, "servers", LARGE_SERVERS);
    const small = intOption(options, "small", 1_000);
    const runs = intOption(options, "runs", 3);
    const seed = options.seed ?? "bench";
    const largeBudgetMs = (LARGE_BUDGET_MS * large) / LARGE_SERVERS;
    const details: string[] = [];
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const machine = () =>
      `machine: ${cpu}, ${os.cpus().length} logical cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}; ` +
      `load average now ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (1/5/15 min; above ${os.cpus().length} means other work competed for the cores)`;

    if (!existsSync(".next/BUILD_ID")) {
      return {
        ok: false,
        figure: "ingest: no production build (.next/BUILD_ID is missing). Run `npx next build` first; the benchmark does not build.",
        details: [],
      };
    }
    const buildId = readFileSync(".next/BUILD_ID", "utf8").trim();
    const tmp = mkdtempSync(path.join(os.tmpdir(), "csr-bench-ingest-"));
    const profileDir = options.profile === undefined ? undefined : path.join(tmp, "profile");
    const databaseKind = dbOption(options);
    let database: BenchDatabase | undefined;
    let server: Server | undefined;
    const stopOnSignal = () => {
      if (server?.pid !== undefined) {
        try {
          process.kill(-server.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      database?.stop();
      process.exit(130);
    };
    process.once("SIGINT", stopOnSignal);
    process.once("SIGTERM", stopOnSignal);
    try {
      database = await createBenchDatabase(databaseKind, tmp);
      databasePid = database.serverPid;
      const databaseUrl = database.url;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        ADMIN_EMAIL: "bench-admin@example.com",
        ADMIN_PASSWORD: "bench-admin-password-1",
      };
      const port = await freePort(PORTS.from, PORTS.to, options.port === undefined ? undefined : intOption(options, "port", 3300));
      const base = `http://127.0.0.1:${port}`;
      // --cpu-prof is not allowed in NODE_OPTIONS: run next's bin through node itself when profiling.
      const nextArgs = ["start", "-p", String(port), "-H", "127.0.0.1"];
      const [command, args] =
        profileDir === undefined
          ? [path.resolve("node_modules/.bin/next"), nextArgs]
          : [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, path.resolve("node_modules/next/dist/bin/next"), ...nextArgs]];
      server = new Server(spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true }));
      const startMs = await waitForHealth(base, server);
      const token = createToken(env);
      details.push(`server: next start (build ${buildId}) on ${base}, pid ${server.pid}, healthy after ${formatInt(startMs)} ms; database: ${database.description}`);
      details.push(`server memory after start: VmRSS ${(statusKb(server.pid, "VmRSS") / 1024).toFixed(0)} MB`);

      const warm = await upload(server, base, token, "warm-up CSV", "warmup.csv", "text/csv", csvFor(100, seed, "warmup"), 100);
      await record(details, server, warm);

      const smallRuns: Upload[] = [];
      for (let run = 0; run < runs; run++) {
        const text = csvFor(small, seed, `small${run + 1}`);
        const u = await upload(server, base, token, `${formatInt(small)}-server CSV #${run + 1}`, `inventory-${small}-${run + 1}.csv`, "text/csv", text, small);
        smallRuns.push(u);
        await record(details, server, u);
      }
      const smallMs = median(smallRuns.map((u) => u.ms));

      const bundleFleet = fleetFor(small, seed, "bundle");
      const bundle = await upload(server, base, token, `${formatInt(small)}-server collector bundle (no budget)`, "hosts.collector.json", "application/json", toCollectorBundle(bundleFleet.hosts), small);
      await record(details, server, bundle);
      const beforeLarge = peakMb(server.pid);

      const largeText = csvFor(large, seed, "large");
      const largeUpload = await upload(server, base, token, `${formatInt(large)}-server CSV`, `inventory-${large}.csv`, "text/csv", largeText, large);
      await record(details, server, largeUpload);
      const reference = sqliteImportMs(largeText);
      const ratio = reference === undefined ? "" : `; ${(largeUpload.ms / reference.ms).toFixed(1)}x sqlite3 .import (${formatInt(reference.ms)} ms)`;
      details.push(
        reference === undefined
          ? "reference: /usr/bin/sqlite3 not found, no .import figure"
          : `reference: sqlite3 .import --csv of the same ${(Buffer.byteLength(largeText) / MB).toFixed(1)} MB CSV into a fresh table: ${formatInt(reference.ms)} ms (best of 3, ${formatInt(reference.rows)} rows); the upload took ${(largeUpload.ms / reference.ms).toFixed(1)}x that (server CPU ${(largeUpload.cpuMs / reference.ms).toFixed(1)}x)`,
      );
      // The steady state: a newer export of 1,000 servers that already exist among the 50,000 (same domains).
      const updateUpload = await upload(server, base, token, `${formatInt(small)}-server update of the ${formatInt(large)}-server fleet`, `update-${small}.csv`, "text/csv", csvFor(small, seed, "large", NEXT_DAY), small);
      await record(details, server, updateUpload);
      const peak = peakMb(server.pid);
      details.push(
        `server peak memory (VmHWM${peak.processes > 1 ? `, ${peak.processes} processes summed` : ""}): ${peak.mb.toFixed(0)} MB after all uploads, ${beforeLarge.mb.toFixed(0)} MB before the ${formatInt(large)}-server upload`,
      );
      // --archive=<n> reports (default: --servers); --archive=skip leaves the case out.
      const archive = options.archive === "skip" ? { ok: true, figure: "(ZIP case skipped)" } : await fleetArchiveCase(server, base, token, intOption(options, "archive", large), seed, details);
      details.push(machine());

      const largeOk = largeUpload.ms <= largeBudgetMs && largeUpload.accepted === large;
      const smallOk = smallMs <= SMALL_BUDGET_MS && smallRuns.every((u) => u.accepted === small);
      const updateOk = updateUpload.ms <= SMALL_BUDGET_MS && updateUpload.accepted === small;
      const peakOk = peak.mb <= PEAK_BUDGET_MB;
      const ok = largeOk && smallOk && updateOk && peakOk && archive.ok;
      const verdict = (pass: boolean) => (pass ? "ok" : "OVER BUDGET");
      return {
        ok,
        figure:
          `ingest${databaseKind === "postgres" ? " (PostgreSQL)" : ""}: ${formatInt(large)}-server CSV via POST /api/uploads in ${formatInt(largeUpload.ms)} ms ` +
          `(${formatInt((large / largeUpload.ms) * 1000)} servers/s; budget ${formatInt(largeBudgetMs)} ms: ${verdict(largeOk)}${ratio}), ` +
          `server peak ${peak.mb.toFixed(0)} MB (budget ${formatInt(PEAK_BUDGET_MB)} MB: ${verdict(peakOk)}); ` +
          `${formatInt(small)}-server CSV in ${formatInt(smallMs)} ms (median of ${runs}, new servers; budget ${formatInt(SMALL_BUDGET_MS)} ms: ${verdict(smallOk)}), ` +
          `${formatInt(updateUpload.ms)} ms as an update of the ${formatInt(large)}-server fleet (budget ${formatInt(SMALL_BUDGET_MS)} ms: ${verdict(updateOk)}); ` +
          `${archive.figure} ` +
          `${ok ? "PASS" : "FAIL"}`,
        details,
      };
    } catch (error) {
      details.push(machine());
      return { ok: false, figure: `ingest${databaseKind === "postgres" ? " (PostgreSQL)" : ""}: FAIL: ${error instanceof Error ? error.message : String(error)}`, details };
    } finally {
      if (server !== undefined) await server.stop();
      database?.stop();
      process.removeListener("SIGINT", stopOnSignal);
      process.removeListener("SIGTERM", stopOnSignal);
      if (profileDir !== undefined && existsSync(profileDir)) {
        details.push(`CPU profiles of the server (open in Chrome DevTools > Performance): ${profileDir}`);
        for (const suffix of ["", "-wal", "-shm"]) rmSync(path.join(tmp, `bench.db${suffix}`), { force: true });
      } else {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  },
};

export default suite;

/**
 * `npm run test:multi [-- --db=postgres|sqlite] [--large=<n>]`: two production servers (`next start`, as
 * scripts/e2e-server.mjs runs it) on one database (issue 15, "Scale-out"):
 *   1. both start at once on an empty database (both migrate at start: the advisory lock on PostgreSQL, the file lock
 *      on SQLite must make that safe; one bootstrap admin);
 *   2. different host inventories uploaded through A and B at once: both committed;
 *   3. the same file uploaded on A and B at once: exactly one "committed", one "duplicate" with the same upload id;
 *   4. reads (/api/servers, /api/summary, /api/health) on both instances the whole time: all answered 200;
 *   5. a large upload (default 20,000 servers) through A, A killed with SIGKILL (its process group: the server and its
 *      upload worker, as a crashed host or container) once the job reports "evaluating"/"committing" and a delay has
 *      passed, while B keeps answering reads (all 200, during and after) and takes another upload;
 *   6. consistency through B's API and in the database (lib/data/consistency-check.ts): the killed file left no
 *      trace (no Upload, no snapshot, no server only it described), every upload has its snapshots, RuleSummary equals
 *      a recount of Server.statuses, the latest ReadinessSnapshot equals the verdict counts, A and B answer the same
 *      /api/summary;
 *   7. A restarted; the killed file uploaded again through it: committed; consistent again.
 * Needs the production build (`npm run build`: .next/BUILD_ID and .next/ingest-worker). PostgreSQL (the default)
 * runs on a throwaway cluster (lib/data/migrations/pg-throwaway.mjs); `--db=sqlite` runs the same on one SQLite file
 * (WAL) in a temporary directory. Every step prints its time; any failed check exits 1 with what differed. Servers,
 * cluster and temporary files are removed on every exit path.
 * Options: --db=postgres|sqlite, --large=<servers> (default 20000), --kill-delay-ms=<n> after the job reached
 * evaluating/committing (default 300), --kill=group|server (default group: the server and its upload worker;
 * server: only the `next start` process, as an OOM kill would: its worker is orphaned and must then either finish the
 * commit whole or store nothing, and exit), --keep-logs (print both servers' logs at the end).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { checkConsistency, type ConsistencyReport, openWriteTransactions } from "@/lib/data/consistency-check";
import { postgresBinDir, startThrowawayPostgres } from "@/lib/data/migrations/pg-throwaway.mjs";
import { generateFleet } from "@/lib/demo";
import { toInventoryCsv } from "@/lib/demo/exports";
import { descendants, freePort } from "./bench/support/next-server";

// ───────────────────────── options, output, failure ─────────────────────────

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=");
    return [key, value ?? "true"] as const;
  }),
);
// PostgreSQL by default; without its server binaries (a developer machine; CI always has them) the same test runs on
// SQLite, with a warning, as npm test's PostgreSQL pass is skipped there.
const DB = args.get("db") ?? (postgresBinDir() === null && !process.env.CI ? "sqlite" : "postgres");
if (!args.has("db") && DB === "sqlite") console.warn("PostgreSQL's server binaries were not found (apt-get install postgresql): running on SQLite instead.");
if (DB !== "postgres" && DB !== "sqlite") {
  console.error(`--db must be postgres or sqlite, not ${DB}`);
  process.exit(2);
}
const LARGE = Number(args.get("large") ?? 20_000);
const KILL_DELAY_MS = Number(args.get("kill-delay-ms") ?? 300);
const KILL = (args.get("kill") ?? "group") as "group" | "server";
if (KILL !== "group" && KILL !== "server") {
  console.error(`--kill must be group or server, not ${KILL}`);
  process.exit(2);
}
const ADMIN_EMAIL = "admin@multi.test";
const HEALTH_TIMEOUT_MS = 120_000;
const WORKER_BUNDLE = ".next/ingest-worker/ingest-worker.mjs";

class CheckFailed extends Error {}
function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

const started = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stamp = () => `[${seconds(performance.now() - started).padStart(7)}]`;
function log(line: string) {
  console.log(`${stamp()}   ${line}`);
}
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  console.log(`${stamp()} ▸ ${name}`);
  const t = performance.now();
  const result = await work();
  console.log(`${stamp()} ✓ ${name} (${seconds(performance.now() - t)})`);
  return result;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ───────────────────────── clean-up on every exit path ─────────────────────────

const cleanups: (() => Promise<void> | void)[] = [];
const groups = new Set<number>(); // process groups of the servers still running
function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
// A last resort when the process exits without the finally block (an uncaught error in a callback).
process.on("exit", () => {
  for (const pid of groups) killGroup(pid, "SIGKILL");
});
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}
async function cleanUp() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()?.();
    } catch (error) {
      console.error("clean-up step failed:", error);
    }
  }
}

// ───────────────────────── servers ─────────────────────────

const instances: Instance[] = [];

class Instance {
  child: ChildProcess | undefined;
  base = "";
  exited: Promise<void> = Promise.resolve();
  readonly logLines: string[] = [];

  constructor(
    readonly name: string,
    readonly env: NodeJS.ProcessEnv,
  ) {
    instances.push(this);
  }

  async start(): Promise<void> {
    const port = this.name === "A" ? await freePort(3800, 3849) : await freePort(3850, 3899);
    this.base = `http://127.0.0.1:${port}`;
    // As scripts/e2e-server.mjs serves the build: `next start` in its own process group (the server and its worker).
    const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    this.child = child;
    const pid = child.pid!;
    groups.add(pid);
    const keep = (data: Buffer) => {
      for (const line of data.toString("utf8").split("\n")) if (line.trim() !== "") this.logLines.push(line);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    void this.exited.then(() => groups.delete(pid));
    cleanups.push(() => this.stop());
    const t = performance.now();
    while (performance.now() - t < HEALTH_TIMEOUT_MS) {
      if (child.exitCode !== null || child.signalCode !== null) throw new CheckFailed(`instance ${this.name} exited during start-up:\n${this.tail()}`);
      try {
        if ((await fetch(`${this.base}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new CheckFailed(`instance ${this.name}: /api/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s:\n${this.tail()}`);
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  tail(lines = 20): string {
    return this.logLines.slice(-lines).map((line) => `    ${this.name}| ${line}`).join("\n");
  }

  /** SIGKILL to the whole process group (the server and its upload worker), as a crashed host would, or to the server only. */
  async kill(mode: "group" | "server"): Promise<number[]> {
    const members = [this.pid, ...descendants(this.pid)];
    if (mode === "group") killGroup(this.pid, "SIGKILL");
    else process.kill(this.pid, "SIGKILL");
    await this.exited;
    return members;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    killGroup(this.pid, "SIGTERM");
    const timer = setTimeout(() => killGroup(this.pid, "SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
    // The worker may outlive the server by a moment (it exits on disconnect).
    killGroup(this.pid, "SIGKILL");
  }
}

// ───────────────────────── HTTP ─────────────────────────

let token = "";
const auth = () => ({ authorization: `Bearer ${token}` });

async function getJson(instance: Instance, target: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${instance.base}${target}`, { headers: auth() });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the message
  }
  return { status: response.status, body };
}

interface UploadAnswer {
  id?: string;
  status?: string;
  counts?: { accepted?: number };
  error?: { code: string; message: string };
}

async function upload(instance: Instance, file: CsvFile, options: { async?: boolean } = {}): Promise<{ status: number; body: UploadAnswer & Record<string, unknown> }> {
  const form = new FormData();
  form.append("file", new Blob([file.bytes], { type: "text/csv" }), file.name);
  const response = await fetch(`${instance.base}/api/uploads${options.async ? "?async=1" : ""}`, { method: "POST", headers: auth(), body: form });
  return { status: response.status, body: (await response.json()) as UploadAnswer & Record<string, unknown> };
}

function expectCommitted(answer: { status: number; body: UploadAnswer }, what: string): string {
  check(answer.status === 201 && answer.body.status === "committed" && typeof answer.body.id === "string", `${what}: expected 201 committed, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
  return answer.body.id;
}

// ───────────────────────── readers ─────────────────────────

const READ_PATHS = ["/api/health", "/api/servers?pageSize=50", "/api/summary"] as const;

interface Read {
  instance: string;
  target: string;
  phase: string;
  status: number; // 0: no answer (connection refused or reset)
  error?: string;
  ms: number;
}

/** A reader per instance: the three reads in turn, 50 ms apart, each tagged with the phase current when it started. */
class Readers {
  readonly reads: Read[] = [];
  phase = "start";
  private stopped = new Set<string>();
  private loops: Promise<void>[] = [];

  start(instance: Instance) {
    this.stopped.delete(instance.name);
    this.loops.push(
      (async () => {
        for (let i = 0; !this.stopped.has(instance.name); i++) {
          const target = READ_PATHS[i % READ_PATHS.length];
          const phase = this.phase;
          const t = performance.now();
          try {
            const response = await fetch(`${instance.base}${target}`, { headers: auth() });
            await response.arrayBuffer();
            this.reads.push({ instance: instance.name, target, phase, status: response.status, ms: performance.now() - t });
          } catch (error) {
            const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
            this.reads.push({ instance: instance.name, target, phase, status: 0, error: cause, ms: performance.now() - t });
          }
          await sleep(50);
        }
      })(),
    );
  }

  /** Stops the reader of one instance (before it is killed, so that refused connections are not counted as reads). */
  stop(instance: Instance) {
    this.stopped.add(instance.name);
  }

  async stopAll() {
    this.stopped.add("A").add("B");
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Every read of the phases given answered 200; prints count, p50/p99/max per instance. */
  expectAllOk(phases: readonly string[], label: string) {
    const own = this.reads.filter((read) => phases.includes(read.phase));
    for (const name of ["A", "B"]) {
      const mine = own.filter((read) => read.instance === name);
      if (mine.length === 0) continue;
      const ms = mine.map((read) => read.ms).sort((a, b) => a - b);
      const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)].toFixed(0);
      log(`reads on ${name} ${label}: ${mine.length}, p50 ${at(0.5)} / p99 ${at(0.99)} / max ${ms.at(-1)!.toFixed(0)} ms`);
    }
    const failed = own.filter((read) => read.status !== 200);
    check(
      failed.length === 0,
      `${failed.length} of ${own.length} reads ${label} did not answer 200: ${failed
        .slice(0, 8)
        .map((read) => `${read.instance} ${read.target} [${read.phase}] → ${read.status || read.error}`)
        .join("; ")}`,
    );
    check(own.length > 0, `no read was made ${label}`);
  }
}

// ───────────────────────── files ─────────────────────────

interface CsvFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  servers: number;
  domains: string[];
}

function inventory(name: string, servers: number, domains: string[]): CsvFile {
  const fleet = generateFleet({ servers, seed: `multi-${name}`, domains });
  const bytes = new TextEncoder().encode(toInventoryCsv(fleet.hosts));
  return { name, bytes, sha256: createHash("sha256").update(bytes).digest("hex"), servers, domains };
}

// ───────────────────────── the test ─────────────────────────

async function consistent(url: string, label: string, options: Parameters<typeof checkConsistency>[1] = {}): Promise<ConsistencyReport> {
  const report = await checkConsistency(url, options);
  const { counts, verdicts } = report;
  log(
    `database ${label}: ${counts.uploads} uploads, ${counts.servers} servers (${Object.entries(verdicts)
      .map(([verdict, n]) => `${verdict} ${n}`)
      .join(", ")}), ${counts.hostSnapshots} host snapshots, ${counts.readinessSnapshots} readiness snapshots`,
  );
  check(report.problems.length === 0, `the database is inconsistent ${label}:\n  - ${report.problems.join("\n  - ")}`);
  return report;
}

/** /api/summary of both instances, equal apart from nothing: they read one database. */
async function sameSummary(a: Instance, b: Instance): Promise<unknown> {
  const [fromA, fromB] = await Promise.all([getJson(a, "/api/summary"), getJson(b, "/api/summary")]);
  check(fromA.status === 200 && fromB.status === 200, `/api/summary answered ${fromA.status} on A and ${fromB.status} on B`);
  check(isDeepStrictEqual(fromA.body, fromB.body), `A and B answer different /api/summary:\n  A: ${JSON.stringify(fromA.body).slice(0, 600)}\n  B: ${JSON.stringify(fromB.body).slice(0, 600)}`);
  return fromA.body;
}

async function serverTotal(instance: Instance, query: string): Promise<number> {
  const answer = await getJson(instance, `/api/servers?pageSize=1&${query}`);
  check(answer.status === 200, `GET /api/servers?${query} on ${instance.name} answered ${answer.status}`);
  return (answer.body as { total: number }).total;
}

async function main() {
  console.log(`Multi-instance test on ${DB === "postgres" ? "PostgreSQL (throwaway cluster)" : "SQLite (one file, WAL)"}: two \`next start\`, ${LARGE.toLocaleString("en")}-server upload killed mid-commit`);
  check(existsSync(".next/BUILD_ID"), "no production build (.next/BUILD_ID is missing): run `npm run build` first");
  check(existsSync(WORKER_BUNDLE), `no upload worker bundle (${WORKER_BUNDLE}): run \`npm run build\` (not only \`next build\`)`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), "csr-multi-"));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  const url = await step("database", async () => {
    if (DB === "sqlite") {
      const file = path.join(tmp, "multi.db");
      log(`SQLite file ${file}`);
      return `file:${file}`;
    }
    const cluster = await startThrowawayPostgres();
    cleanups.push(() => cluster.stop());
    const databaseUrl = await cluster.createDatabase("multi");
    log(`throwaway cluster on port ${cluster.port}, database ${new URL(databaseUrl).pathname.slice(1)}`);
    return databaseUrl;
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: url,
    ADMIN_EMAIL,
    ADMIN_PASSWORD: "multi-instance-admin-password",
  };

  const files = await step("generate host inventories", async () => {
    const made = {
      a: inventory("a.csv", 1_500, ["a-corp.multi.test", "a-emea.multi.test"]),
      b: inventory("b.csv", 1_500, ["b-corp.multi.test", "b-emea.multi.test"]),
      same: inventory("same.csv", 800, ["same.multi.test"]),
      during: inventory("during-kill.csv", 600, ["during.multi.test"]),
      large: inventory("large.csv", LARGE, ["large-corp.multi.test", "large-emea.multi.test", "large-apac.multi.test"]),
    };
    for (const file of Object.values(made)) log(`${file.name}: ${file.servers.toLocaleString("en")} servers, ${(file.bytes.byteLength / 1024 / 1024).toFixed(1)} MB`);
    return made;
  });

  const A = new Instance("A", env);
  const B = new Instance("B", env);
  await step("start A and B at once on the empty database (both migrate at start)", async () => {
    await Promise.all([A.start(), B.start()]);
    log(`A ${A.base} (pid ${A.pid}), B ${B.base} (pid ${B.pid})`);
    const migrated = [A, B].filter((instance) => instance.logLines.some((line) => /\[db\] applied \d+ migration/.test(line)));
    log(`migrations applied by: ${migrated.map((instance) => instance.name).join(", ") || "neither (logged nothing)"}`);
    if (DB === "postgres") check(migrated.length === 1, `exactly one instance should apply the migrations under the advisory lock, ${migrated.length} did:\n${A.tail()}\n${B.tail()}`);
    for (const instance of [A, B]) {
      const health = await getJson(instance, "/api/health");
      const database = (health.body as { database?: { kind?: string; migrations?: { upToDate?: boolean; pending?: unknown } } }).database;
      check(health.status === 200 && database?.migrations?.upToDate === true, `${instance.name} /api/health: ${health.status} ${JSON.stringify(health.body)}`);
      check(database?.kind === DB, `${instance.name} runs on ${database?.kind}, expected ${DB}`);
    }
  });

  await step("API token (npm run admin -- create-token, owned by the bootstrap admin)", async () => {
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/admin.ts", "create-token", "--name", "multi-instance", "--role", "admin", "--owner", ADMIN_EMAIL], {
      env,
      encoding: "utf8",
    });
    check(result.status === 0, `create-token failed (${result.status}): ${result.stderr.trim().slice(-1500)}`);
    token = result.stdout.trim().split("\n").at(-1) ?? "";
    check(token.length > 10, `create-token printed no token: ${result.stdout}`);
    for (const instance of [A, B]) {
      const me = await getJson(instance, "/api/me");
      check(me.status === 200 && (me.body as { role?: string }).role === "admin", `${instance.name} /api/me with the token: ${me.status} ${JSON.stringify(me.body)}`);
    }
    const report = await checkConsistency(url);
    check(report.counts.users === 1, `both instances started on an empty database: expected one bootstrap admin, found ${report.counts.users} users`);
  });

  const readers = new Readers();
  readers.start(A);
  readers.start(B);

  await step("different files through A and B at once, reads on both", async () => {
    readers.phase = "concurrent uploads";
    const t = performance.now();
    const [onA, onB] = await Promise.all([upload(A, files.a), upload(B, files.b)]);
    log(`${files.a.name} on A and ${files.b.name} on B answered in ${seconds(performance.now() - t)}`);
    expectCommitted(onA, `${files.a.name} on A`);
    expectCommitted(onB, `${files.b.name} on B`);
    check(onA.body.counts?.accepted === files.a.servers && onB.body.counts?.accepted === files.b.servers, `accepted counts ${onA.body.counts?.accepted} / ${onB.body.counts?.accepted}`);
  });

  await step("the same file on A and B at once: one committed, one duplicate of it", async () => {
    readers.phase = "same file";
    const [onA, onB] = await Promise.all([upload(A, files.same), upload(B, files.same)]);
    const answers = [onA, onB].map((answer) => `${answer.status} ${answer.body.status ?? answer.body.error?.code} ${answer.body.id ?? ""}`);
    log(`A: ${answers[0]}; B: ${answers[1]}`);
    const statuses = [onA.body.status, onB.body.status].sort();
    check(onA.status === 201 && onB.status === 201 && isDeepStrictEqual(statuses, ["committed", "duplicate"]), `expected one 201 committed and one 201 duplicate, got A: ${answers[0]} ${JSON.stringify(onA.body.error ?? "")}; B: ${answers[1]} ${JSON.stringify(onB.body.error ?? "")}`);
    check(onA.body.id === onB.body.id, `the duplicate names upload ${onA.body.status === "duplicate" ? onA.body.id : onB.body.id}, the commit ${onA.body.status === "committed" ? onA.body.id : onB.body.id}`);
  });

  await step("reads during those commits all answered 200", async () => {
    readers.expectAllOk(["concurrent uploads", "same file"], "during the concurrent commits");
  });

  await step("consistent after the concurrent uploads", async () => {
    const report = await consistent(url, "after the concurrent uploads");
    const expected = files.a.servers + files.b.servers + files.same.servers;
    check(report.counts.uploads === 3 && report.counts.servers === expected, `expected 3 uploads and ${expected} servers, found ${report.counts.uploads} and ${report.counts.servers}`);
    await sameSummary(A, B);
  });

  const killed = await step(`${LARGE.toLocaleString("en")}-server upload through A, A killed with SIGKILL mid-commit`, async () => {
    readers.phase = "large upload";
    const t = performance.now();
    const accepted = await upload(A, files.large, { async: true });
    check(accepted.status === 202, `POST ${files.large.name}?async=1 on A answered ${accepted.status}: ${JSON.stringify(accepted.body).slice(0, 300)}`);
    const jobId = String(accepted.body.id);
    const stages: string[] = [];
    let reached: number | undefined;
    let duringOnB: ReturnType<typeof upload> | undefined;
    let duringDoneAt: number | undefined;
    for (;;) {
      const job = await getJson(A, `/api/uploads/jobs/${jobId}`);
      check(job.status === 200, `job ${jobId} on A answered ${job.status}`);
      const { stage, result } = job.body as { stage: string; result: unknown };
      if (stages.at(-1) !== stage) {
        stages.push(stage);
        log(`job ${stage} at +${seconds(performance.now() - t)}`);
      }
      check(stage !== "done" && stage !== "failed", `the large upload ended (${stage}: ${JSON.stringify(result).slice(0, 300)}) before it could be killed: raise --large or lower --kill-delay-ms`);
      if ((stage === "evaluating" || stage === "committing") && reached === undefined) {
        reached = performance.now();
        // B takes an upload while A is inside its commit (SQLite: B's commit waits for A's write lock; PostgreSQL: both
        // write at once); it must commit whatever happens to A.
        const sentAt = performance.now();
        duringOnB = upload(B, files.during);
        void duringOnB.then(() => (duringDoneAt = performance.now() - sentAt));
        log(`${files.during.name} sent to B while A ${stage}`);
      }
      if (reached !== undefined && performance.now() - reached >= KILL_DELAY_MS) break;
      await sleep(25);
    }
    readers.phase = "A killed";
    readers.stop(A);
    const answeredBeforeKill = duringDoneAt;
    // The kill must land inside the commit: a write transaction is open on the database.
    const open = await openWriteTransactions(url);
    const pids = await A.kill(KILL);
    check(open > 0, `no write transaction was open on the database when A was killed (job stages ${stages.join(" → ")}): the kill did not land inside the commit; raise --large or change --kill-delay-ms`);
    log(`write transactions open just before the kill: ${open}${DB === "sqlite" ? " (the write lock was held)" : " (sessions in a transaction that has written or holds the evaluation lock)"}`);
    log(`SIGKILL to A's ${KILL === "group" ? "process group" : "server process only"} at +${seconds(performance.now() - t)} (${pids.length} processes: ${pids.join(", ")}), ${KILL_DELAY_MS} ms after "${stages.find((s) => s === "evaluating" || s === "committing")}"`);
    // A killed process with much memory takes a moment to go (its pages are freed); a zombie is gone.
    const alive = (pid: number) => {
      try {
        return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
      } catch {
        return false;
      }
    };
    // An orphaned worker (--kill=server) may finish its commit first: up to 2 minutes.
    const killedAt = performance.now();
    const grace = KILL === "group" ? 5_000 : 120_000;
    while (pids.some(alive) && performance.now() - killedAt < grace) await sleep(20);
    const survivors = pids.filter(alive);
    check(survivors.length === 0, `processes of A still alive ${grace / 1000} s after SIGKILL: ${survivors.join(", ")}`);
    log(
      answeredBeforeKill === undefined
        ? `${files.during.name} on B was still waiting when A was killed`
        : `${files.during.name} on B was answered ${seconds(answeredBeforeKill)} after it was sent, before A was killed`,
    );
    log(`all of A's processes gone ${(performance.now() - killedAt).toFixed(0)} ms after the server exited`);
    return { stages, duringOnB: duringOnB! };
  });

  await step("B keeps serving: its upload sent during A's commit commits, reads answer", async () => {
    readers.phase = "after kill";
    const t = performance.now();
    const during = await killed.duringOnB;
    expectCommitted(during, `${files.during.name} on B, sent while A was committing, answered after A was killed`);
    log(`${files.during.name} on B committed, answered ${seconds(performance.now() - t)} after all of A's processes were gone`);
    await sleep(1_000);
    readers.expectAllOk(["large upload"], "while A ingested the large file");
    readers.expectAllOk(["A killed", "after kill"], "on B after A was killed");
  });

  const largeStored = await step(`${KILL === "group" ? "nothing" : "all or nothing"} of the killed upload is stored (B's API and the database)`, async () => {
    const list = await getJson(B, "/api/uploads?pageSize=100");
    check(list.status === 200, `GET /api/uploads on B answered ${list.status}`);
    const uploads = Object.values(list.body as Record<string, unknown>).find(Array.isArray) as { fileName: string }[] | undefined;
    check(uploads !== undefined, `GET /api/uploads: no list in ${JSON.stringify(list.body).slice(0, 300)}`);
    const names = uploads.map((row) => row.fileName).sort();
    log(`uploads on B: ${names.join(", ")}`);
    // A group kill ends the worker with the server: the open transaction is rolled back. A server-only kill leaves the
    // worker to finish or abandon it: either is acceptable, half of it is not.
    const stored = KILL === "server" && names.includes(files.large.name);
    const expectedNames = ["a.csv", "b.csv", "during-kill.csv", ...(stored ? [files.large.name] : []), "same.csv"];
    check(isDeepStrictEqual(names, expectedNames), `expected the uploads ${expectedNames.join(", ")}, found ${names.join(", ")}`);
    if (stored) log(`the orphaned worker committed ${files.large.name} whole after its server died`);
    for (const domain of files.large.domains) {
      const total = await serverTotal(B, `domain=${encodeURIComponent(domain)}`);
      check(stored ? total > 0 : total === 0, `B lists ${total} servers in ${domain}, which only the killed upload described (${stored ? "stored" : "not stored"})`);
    }
    const report = await consistent(url, "after the kill", stored ? {} : { absentSha256: [files.large.sha256], absentDomains: files.large.domains });
    const expected = files.a.servers + files.b.servers + files.same.servers + files.during.servers + (stored ? files.large.servers : 0);
    check(report.counts.uploads === 4 + Number(stored) && report.counts.servers === expected, `expected ${4 + Number(stored)} uploads and ${expected} servers, found ${report.counts.uploads} and ${report.counts.servers}`);
    return stored;
  });

  await step("restart A; both answer the same /api/summary", async () => {
    A.logLines.length = 0;
    await A.start();
    log(`A ${A.base} (pid ${A.pid})`);
    readers.start(A);
    await sameSummary(A, B);
  });

  await step(`the killed file uploaded again through A: ${largeStored ? "a duplicate of the stored one" : "committed"}, reads on both meanwhile`, async () => {
    readers.phase = "re-upload";
    const t = performance.now();
    const again = await upload(A, files.large);
    if (largeStored) {
      check(again.status === 201 && again.body.status === "duplicate", `${files.large.name} again on A: expected 201 duplicate, got ${again.status} ${JSON.stringify(again.body).slice(0, 300)}`);
    } else {
      expectCommitted(again, `${files.large.name} again on A`);
    }
    log(`${again.body.status} (${again.body.counts?.accepted} servers) in ${seconds(performance.now() - t)}`);
    await sleep(500);
    await readers.stopAll();
    readers.expectAllOk(["re-upload"], "during the re-upload");
  });

  await step("consistent at the end; A and B agree", async () => {
    const report = await consistent(url, "at the end");
    const expected = files.a.servers + files.b.servers + files.same.servers + files.during.servers + files.large.servers;
    check(report.counts.uploads === 5 && report.counts.servers === expected, `expected 5 uploads and ${expected} servers, found ${report.counts.uploads} and ${report.counts.servers}`);
    for (const domain of files.large.domains) check((await serverTotal(B, `domain=${encodeURIComponent(domain)}`)) > 0, `B lists no server in ${domain} after the re-upload`);
    await sameSummary(A, B);
  });
  return { A, B, killed };
}

let failed = false;
try {
  await main();
  console.log(`\n✓ multi-instance test passed on ${DB} in ${seconds(performance.now() - started)}`);
} catch (error) {
  failed = true;
  console.error(`\n✗ multi-instance test failed on ${DB} after ${seconds(performance.now() - started)}: ${error instanceof CheckFailed ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  if (failed || args.has("keep-logs")) for (const instance of instances) console.error(`\nlast lines of instance ${instance.name}:\n${instance.tail(40)}`);
  await cleanUp();
}
process.exit(failed ? 1 : 0);

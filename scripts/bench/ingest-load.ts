/**
 * Ingest under load (issue 12): the server keeps answering while a large upload is parsed, evaluated and committed in
 * the upload worker (docs/decisions/016-ingest-worker.md). Against the production build: seeds 50,000 servers through
 * the ingest path before the server starts, then N clients (default 20) each read GET /api/health and GET
 * /api/servers (first page) in a loop, with an API token and --think-ms (default 500) between two reads, while another 50,000-server CSV (new servers in new domains)
 * is uploaded through POST /api/uploads?async=1 and its job followed every 100 ms. Every read is timed end to end and
 * classified by the job's stage while it ran (a read that overlaps the evaluating/committing window counts for it).
 * Budgets while the upload commits (evaluating + committing): p99 of /api/health < 100 ms, p99 of the servers list
 * < 500 ms; no failed read. The same clients without an upload (a baseline of --baseline-ms) are shown for comparison.
 *
 * Needs `npm run build` (.next/BUILD_ID and the worker bundle; a missing bundle is built here with esbuild).
 * Options: --servers=<n> (seeded, default 50000), --upload=<n> (servers in the uploaded CSV, default 50000),
 * --clients=<n> (default 20), --think-ms=<n> (pause of each client between reads, default 500; 0 = a closed loop, in
 * which 20 clients saturate the request thread with reads alone on 2 cores), --baseline-ms=<n> (default 5000),
 * --seed=<s>, --port=<p>.
 */
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateFleet } from "@/lib/demo";
import { toInventoryCsv } from "@/lib/demo/exports";
import { buildIngestWorker, PARSE_THREAD_OUTFILE, WORKER_OUTFILE } from "../build-ingest-worker.mjs";
import { formatInt, intOption, type BenchSuite } from "./suite";
import { NextServer, runScript } from "./support/next-server";

const HEALTH_P99_BUDGET_MS = 100;
const LIST_P99_BUDGET_MS = 500;
const LIST_PATH = "/api/servers";
const READ_LOAD_SCRIPT = path.resolve("scripts/bench/support/read-load.mjs");

type Endpoint = "health" | "list";

interface Sample {
  endpoint: Endpoint;
  start: number;
  end: number;
  ok: boolean;
}

interface StageMark {
  stage: string;
  at: number;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function describe(samples: readonly Sample[], endpoint: Endpoint): { p50: number; p99: number; max: number; n: number; failed: number } {
  const own = samples.filter((s) => s.endpoint === endpoint);
  const ms = own.filter((s) => s.ok).map((s) => s.end - s.start);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms.length ? Math.max(...ms) : Number.NaN, n: own.length, failed: own.filter((s) => !s.ok).length };
}

function line(label: string, samples: readonly Sample[]): string {
  const parts = (["health", "list"] as const).map((endpoint) => {
    const d = describe(samples, endpoint);
    const name = endpoint === "health" ? "/api/health" : "servers list";
    return `${name} p50 ${d.p50.toFixed(0)} / p99 ${d.p99.toFixed(0)} / max ${d.max.toFixed(0)} ms (${formatInt(d.n)} reads${d.failed ? `, ${d.failed} FAILED` : ""})`;
  });
  return `${label}: ${parts.join("; ")}`;
}

/**
 * N clients reading health and the first page of servers in a loop, in a separate process (support/read-load.mjs),
 * until the returned `stop` is called; it resolves to every timed read.
 */
function startReadLoad(base: string, token: string, clients: number, thinkMs: number): { stop: () => Promise<Sample[]> } {
  const child = fork(READ_LOAD_SCRIPT, [JSON.stringify({ base, token, clients, thinkMs, listPath: LIST_PATH })], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const result = new Promise<Sample[]>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { samples: Sample[] }).samples));
    child.once("exit", (code) => reject(new Error(`the read-load process exited (${code}) before sending its samples`)));
    child.once("error", reject);
  });
  return {
    stop: async () => {
      child.send("stop");
      return result;
    },
  };
}

/** The bench's clock, comparable with the read-load process's (epoch milliseconds, sub-millisecond precision). */
const now = () => performance.timeOrigin + performance.now();

const suite: BenchSuite = {
  name: "ingest-load",
  description: "reads during a 50,000-server upload at 50,000 servers, 20 clients: p99 /api/health < 100 ms, servers list < 500 ms while it commits",
  async run(options) {
    const servers = intOption(options, "servers", 50_000);
    const uploadServers = intOption(options, "upload", 50_000);
    const clients = intOption(options, "clients", 20);
    const baselineMs = intOption(options, "baseline-ms", 5_000);
    const thinkMs = options["think-ms"] === "0" ? 0 : intOption(options, "think-ms", 500);
    const seed = options.seed ?? "ingest-load";
    const details: string[] = [];
    if (!existsSync(WORKER_OUTFILE) || !existsSync(PARSE_THREAD_OUTFILE)) {
      details.push(`the upload worker's bundles (${path.dirname(WORKER_OUTFILE)}) were missing (a bare \`next build\`): built them`);
      await buildIngestWorker({ quiet: true });
    }
    let seeded: { token: string; servers: number; seedMs: number } | undefined;
    let server: NextServer | undefined;
    try {
      server = await NextServer.start({
        ports: [3700, 3799],
        port: options.port === undefined ? undefined : intOption(options, "port", 3700),
        prepare: (env) => {
          seeded = JSON.parse(runScript("scripts/bench/support/seed-ingest-load.ts", [String(servers), seed], env).trim().split("\n").at(-1) ?? "{}");
        },
      });
      if (!seeded) throw new Error("seeding printed nothing");
      const { base } = server;
      const { token } = seeded;
      details.push(`seeded ${formatInt(seeded.servers)} servers through the ingest path in ${formatInt(seeded.seedMs)} ms; server ${base} (pid ${server.pid})`);

      const fleet = generateFleet({ servers: uploadServers, seed: `${seed}-upload`, domains: ["load-corp.contoso.com", "load-emea.contoso.com", "load-fabrikam.com"] });
      const csv = toInventoryCsv(fleet.hosts);
      details.push(`upload: ${formatInt(uploadServers)}-server CSV, ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB, new servers in new domains`);

      // Warm the routes (and the token's last-used time, written at most once per interval, outside the measurement).
      for (let i = 0; i < 5; i++) {
        for (const target of ["/api/health", LIST_PATH]) await (await fetch(`${base}${target}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
      }
      const baselineLoad = startReadLoad(base, token, clients, thinkMs);
      await new Promise((resolve) => setTimeout(resolve, baselineMs));
      const baseline = await baselineLoad.stop();
      details.push(line(`no upload (${clients} clients, ${thinkMs} ms between reads, ${baselineMs / 1000} s)`, baseline));

      const marks: StageMark[] = [];
      const load = startReadLoad(base, token, clients, thinkMs);
      // One baseline's worth of think time so that every client is reading before the upload starts.
      await new Promise((resolve) => setTimeout(resolve, thinkMs));
      const uploadStart = now();
      const body = new FormData();
      body.append("file", new Blob([csv], { type: "text/csv" }), "load.csv");
      const accepted = await fetch(`${base}/api/uploads?async=1`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
      const acceptedMs = now() - uploadStart;
      if (accepted.status !== 202) throw new Error(`POST /api/uploads?async=1 answered ${accepted.status}: ${(await accepted.text()).slice(0, 500)}`);
      const job = (await accepted.json()) as { id: string; stage: string };
      marks.push({ stage: job.stage, at: now() });
      type JobResult = { status: number; body: { status?: string; counts?: { accepted?: number } } };
      let result: JobResult | null = null;
      while (!result) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const polled = (await (await fetch(`${base}/api/uploads/jobs/${job.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { stage: string; result: JobResult | null };
        if (marks.at(-1)?.stage !== polled.stage) marks.push({ stage: polled.stage, at: now() });
        result = polled.result;
      }
      const uploadEnd = now();
      const samples = await load.stop();
      if (result.status !== 201 || result.body.status !== "committed") throw new Error(`the upload ended with ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);

      const first = (stages: string[]) => marks.find((mark) => stages.includes(mark.stage))?.at;
      const commitStart = first(["evaluating", "committing"]) ?? uploadEnd;
      const during = samples.filter((s) => s.end >= uploadStart && s.start <= uploadEnd);
      const committing = samples.filter((s) => s.end >= commitStart && s.start <= uploadEnd);
      details.push(
        `upload: 202 after ${formatInt(acceptedMs)} ms (body read on the request thread), stages ${marks.map((m) => `${m.stage} +${formatInt(m.at - uploadStart)} ms`).join(", ")}; ${formatInt(result.body.counts?.accepted ?? 0)} servers committed`,
      );
      details.push(line("whole upload (request to done)", during));
      details.push(line(`while it evaluates and commits (${formatInt(uploadEnd - commitStart)} ms)`, committing));
      const slowest = [...committing].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 5);
      details.push(`slowest reads while it evaluates and commits: ${slowest.map((sample) => `${sample.endpoint} ${formatInt(sample.end - sample.start)} ms at +${formatInt(sample.start - uploadStart)} ms`).join(", ")}`);
      details.push(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);

      const health = describe(committing, "health");
      const list = describe(committing, "list");
      const ok = health.p99 < HEALTH_P99_BUDGET_MS && list.p99 < LIST_P99_BUDGET_MS && health.failed === 0 && list.failed === 0 && health.n > 0 && list.n > 0;
      return {
        ok,
        figure: `ingest-load: while a ${formatInt(uploadServers)}-server upload commits at ${formatInt(seeded.servers)} servers, ${clients} clients (${thinkMs} ms between reads): /api/health p99 ${health.p99.toFixed(0)} ms (budget ${HEALTH_P99_BUDGET_MS}), servers list p99 ${list.p99.toFixed(0)} ms (budget ${LIST_P99_BUDGET_MS})${health.failed + list.failed ? `, ${health.failed + list.failed} failed reads` : ""}`,
        details,
      };
    } finally {
      if (server) {
        if (seeded === undefined) details.push(...server.tail());
        await server.stop();
      }
    }
  },
};

export default suite;

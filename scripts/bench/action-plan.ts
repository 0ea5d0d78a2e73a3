/**
 * Action plan benchmark, against the production build with 50,000 servers and their results (seeded through the real
 * ingest path by scripts/bench/support/seed-views.ts, like the views suite): p50 of 10 requests each for the /plan
 * page (fleet-wide and one domain) and GET /api/action-plan (budget 1,000 ms each), and the overview, which now
 * carries the top-actions card (reported against the views suite's 300 ms overview budget).
 * The plan is cached until the next evaluation (lib/data/action-plan.ts), so each target is measured twice: "cold",
 * the first request after an evaluation (simulated by adding a ReadinessSnapshot row, which every evaluation writes;
 * p50 of 5), and "warm" (p50 of --requests). The budget applies to both.
 * Options: --servers=<n> (default 50000), --requests=<n> (default 10), --seed=<s>, --port=<p>.
 */
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { formatInt, intOption, median, type BenchSuite } from "./suite";
import { NextServer, runScript } from "./support/next-server";

interface Seeded {
  secret: string;
  token: string;
  servers: number;
  seedMs: number;
  sample: { fqdn: string; domain: string; osName: string; site: string };
}

interface Target {
  label: string;
  path: string;
  budgetMs: number;
  auth: "session" | "token";
}

async function timeRequest(base: string, target: Target, seeded: Seeded): Promise<{ ms: number; bytes: number }> {
  const headers: Record<string, string> = target.auth === "session" ? { cookie: `csr_session=${seeded.secret}` } : { authorization: `Bearer ${seeded.token}` };
  const started = performance.now();
  const response = await fetch(`${base}${target.path}`, { headers, redirect: "manual" });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${target.label}: HTTP ${response.status} for ${target.path}`);
  return { ms, bytes: body.byteLength };
}

const suite: BenchSuite = {
  name: "action-plan",
  description: "/plan, /plan?domain= and GET /api/action-plan at 50,000 servers, p50 of 10 (budget 1,000 ms); the overview with its plan card (300 ms)",
  async run(options) {
    const servers = intOption(options, "servers", 50_000);
    const requests = intOption(options, "requests", 10);
    const seed = options.seed ?? "views";
    const details: string[] = [];
    let seeded: Seeded | undefined;
    let server: NextServer | undefined;
    try {
      server = await NextServer.start({
        ports: [3700, 3799],
        port: options.port === undefined ? undefined : intOption(options, "port", 3700),
        prepare: (env) => {
          seeded = JSON.parse(runScript("scripts/bench/support/seed-views.ts", [String(servers), seed], env).trim().split("\n").at(-1) ?? "{}") as Seeded;
        },
      });
      if (!seeded) throw new Error("seeding printed nothing");
      details.push(`seeded ${formatInt(seeded.servers)} servers through the ingest path in ${formatInt(seeded.seedMs)} ms; server ${server.base}`);
      const targets: Target[] = [
        { label: "/plan", path: "/plan", budgetMs: 1_000, auth: "session" },
        { label: "/plan?domain=", path: `/plan?domain=${encodeURIComponent(seeded.sample.domain)}`, budgetMs: 1_000, auth: "session" },
        { label: "GET /api/action-plan", path: "/api/action-plan", budgetMs: 1_000, auth: "token" },
        { label: "overview (with the plan card)", path: "/", budgetMs: 300, auth: "session" },
      ];
      let failed = 0;
      const p50s: string[] = [];
      const database = new Database(path.join(server.tmp, "bench.db"));
      let snapshot = 0;
      /** What every evaluation writes last: the plan's cache key changes. */
      const evaluated = () => {
        snapshot++;
        database.prepare("INSERT INTO ReadinessSnapshot (id, at, ready, conditions, notReady, unknown, cause) VALUES (?, ?, 0, 0, 0, 0, 'bench')").run(`bench-${snapshot}`, new Date().toISOString());
      };
      const record = (label: string, budgetMs: number, runs: { ms: number; bytes: number }[]) => {
        const times = runs.map((r) => r.ms);
        const p50 = median(times);
        const over = p50 > budgetMs;
        if (over) failed++;
        p50s.push(`${label} ${p50.toFixed(0)} ms`);
        details.push(
          `${over ? "OVER" : "ok  "} ${label}: p50 ${p50.toFixed(0)} ms (budget ${formatInt(budgetMs)}; min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; ${formatInt(runs[0].bytes / 1024)} KB)`,
        );
      };
      for (const target of targets) await timeRequest(server.base, target, seeded); // compile each route once
      for (const target of targets) {
        const cold: { ms: number; bytes: number }[] = [];
        for (let i = 0; i < 5; i++) {
          evaluated();
          cold.push(await timeRequest(server.base, target, seeded));
        }
        record(`${target.label}, cold`, target.budgetMs, cold);
        const warm: { ms: number; bytes: number }[] = [];
        for (let i = 0; i < requests; i++) warm.push(await timeRequest(server.base, target, seeded));
        record(`${target.label}, warm`, target.budgetMs, warm);
      }
      database.close();
      details.push(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
      return {
        ok: failed === 0,
        figure: `action-plan: ${failed === 0 ? "within budget" : `${failed} over budget`} at ${formatInt(seeded.servers)} servers (p50 of ${requests}): ${p50s.join(", ")}`,
        details,
      };
    } finally {
      await server?.stop();
    }
  },
};

export default suite;

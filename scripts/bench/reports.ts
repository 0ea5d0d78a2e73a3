/**
 * Reports benchmark (issue #10), against the production build with 50,000 servers seeded through the ingest path
 * (scripts/bench/support/seed-views.ts, a viewer's token):
 * - GET /api/reports/fleet.pdf for every server, without the appendix: < 10 s (median of 3), server memory < 1 GB;
 * - the longest /api/health answer while it renders;
 * - GET /api/reports/servers/{name}.pdf of one server: < 1 s (median of 3);
 * - for reference: the fleet PDF of one site, and the 413 for an appendix over the limit.
 * The wave PDF of 500 servers needs a planned wave (a lead's token): not measured here yet.
 * Options: --servers=<n> (default 50000), --runs=<n> (default 3), --seed=<s>, --port=<p>.
 */
import os from "node:os";
import { formatInt, intOption, median, type BenchSuite } from "./suite";
import { NextServer, peakMb, runScript } from "./support/next-server";

interface Seeded {
  token: string;
  servers: number;
  seedMs: number;
  sample: { fqdn: string; site: string };
}

async function download(base: string, path: string, token: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, bytes, status: response.status };
}

async function timed(base: string, path: string, token: string, runs: number): Promise<{ ms: number; bytes: number; times: number[] }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const run = await download(base, path, token);
    if (run.status !== 200) throw new Error(`${path}: HTTP ${run.status}`);
    times.push(run.ms);
    bytes = run.bytes;
  }
  return { ms: median(times), bytes, times };
}

/** Runs `work` while asking /api/health every 50 ms; returns the slowest health answer. */
async function slowestHealthDuring(base: string, work: Promise<unknown>): Promise<number> {
  let done = false;
  let slowest = 0;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      await (await fetch(`${base}/api/health`)).arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await work;
  done = true;
  await probe;
  return slowest;
}

const suite: BenchSuite = {
  name: "reports",
  description: "fleet PDF of 50,000 servers without appendix (< 10 s, memory < 1 GB), a server PDF (< 1 s), other requests meanwhile, 413 over the appendix limit",
  async run(options) {
    const servers = intOption(options, "servers", 50_000);
    const runs = intOption(options, "runs", 3);
    const seed = options.seed ?? "reports";
    const details: string[] = [];
    let seeded: Seeded | undefined;
    let server: NextServer | undefined;
    try {
      server = await NextServer.start({
        ports: [3900, 3999],
        port: options.port === undefined ? undefined : intOption(options, "port", 3900),
        prepare: (env) => {
          seeded = JSON.parse(runScript("scripts/bench/support/seed-views.ts", [String(servers), seed], env).trim().split("\n").at(-1) ?? "{}") as Seeded;
        },
      });
      if (!seeded) throw new Error("seeding printed nothing");
      const { token } = seeded;
      const base = server.base;
      details.push(`seeded ${formatInt(seeded.servers)} servers through the ingest path in ${formatInt(seeded.seedMs)} ms; server ${base}`);

      await download(base, "/api/reports/fleet.pdf?q=warm-up", token);
      const fleet = await timed(base, "/api/reports/fleet.pdf", token, runs);
      const slowest = await slowestHealthDuring(base, download(base, "/api/reports/fleet.pdf", token));
      const peak = peakMb(server.pid);
      details.push(`fleet.pdf (every server, no appendix): ${formatInt(fleet.bytes)} bytes; runs ${fleet.times.map((t) => formatInt(t)).join(", ")} ms`);
      details.push(`slowest /api/health during a fleet.pdf: ${formatInt(slowest)} ms`);
      details.push(`server peak memory (VmHWM${peak.processes > 1 ? `, ${peak.processes} processes` : ""}): ${peak.mb.toFixed(0)} MB`);

      const serverPdf = await timed(base, `/api/reports/servers/${encodeURIComponent(seeded.sample.fqdn)}.pdf`, token, runs);
      details.push(`server PDF of ${seeded.sample.fqdn}: ${formatInt(serverPdf.bytes)} bytes; runs ${serverPdf.times.map((t) => formatInt(t)).join(", ")} ms`);

      for (const path of [`/api/reports/fleet.pdf?site=${encodeURIComponent(seeded.sample.site)}`, "/api/reports/fleet.pdf?appendix=true"]) {
        const run = await download(base, path, token);
        details.push(`${path}: HTTP ${run.status}, ${formatInt(run.bytes)} bytes in ${formatInt(run.ms)} ms`);
      }
      details.push(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
      const ok = fleet.ms < 10_000 && peak.mb < 1_024 && serverPdf.ms < 1_000;
      return {
        ok,
        figure: `reports: fleet.pdf of ${formatInt(seeded.servers)} servers in ${formatInt(fleet.ms)} ms (budget 10,000), peak ${peak.mb.toFixed(0)} MB (budget 1,024), server PDF ${formatInt(serverPdf.ms)} ms (budget 1,000), health ≤ ${formatInt(slowest)} ms meanwhile`,
        details,
      };
    } finally {
      await server?.stop();
    }
  },
};

export default suite;

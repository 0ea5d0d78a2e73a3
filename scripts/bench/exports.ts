/**
 * Exports benchmark (issue #10), against the production build with 50,000 servers seeded through the ingest path
 * (scripts/bench/support/seed-views.ts, a viewer's token):
 * - GET /api/exports/servers.csv for every server, streamed, < 5 s (median of 3), server memory < 1 GB;
 * - the longest /api/health answer while that export runs (other requests must not wait for it);
 * - for reference: results.csv and servers.xlsx of one site, and the 413 for the whole fleet's results.
 * Options: --servers=<n> (default 50000), --runs=<n> (default 3), --seed=<s>, --port=<p>.
 */
import os from "node:os";
import { formatInt, intOption, median, type BenchSuite } from "./suite";
import { NextServer, peakMb, runScript } from "./support/next-server";
import { download, slowestHealthDuring } from "./support/http";

interface Seeded {
  token: string;
  servers: number;
  seedMs: number;
  sample: { site: string };
}

const suite: BenchSuite = {
  name: "exports",
  description: "servers.csv of 50,000 servers streamed (< 5 s, memory < 1 GB), other requests during it, results/xlsx of one site, 413 over the limit",
  async run(options) {
    const servers = intOption(options, "servers", 50_000);
    const runs = intOption(options, "runs", 3);
    const seed = options.seed ?? "exports";
    const details: string[] = [];
    let seeded: Seeded | undefined;
    let server: NextServer | undefined;
    try {
      server = await NextServer.start({
        ports: [3800, 3899],
        port: options.port === undefined ? undefined : intOption(options, "port", 3800),
        prepare: (env) => {
          seeded = JSON.parse(runScript("scripts/bench/support/seed-views.ts", [String(servers), seed], env).trim().split("\n").at(-1) ?? "{}") as Seeded;
        },
      });
      if (!seeded) throw new Error("seeding printed nothing");
      const { token } = seeded;
      const base = server.base;
      details.push(`seeded ${formatInt(seeded.servers)} servers through the ingest path in ${formatInt(seeded.seedMs)} ms; server ${base}`);

      await download(base, "/api/exports/servers.csv?q=warm-up", token);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const run = await download(base, "/api/exports/servers.csv", token);
        if (run.status !== 200) throw new Error(`servers.csv: HTTP ${run.status}`);
        times.push(run.ms);
        bytes = run.bytes;
      }
      const csvMs = median(times);
      const slowest = await slowestHealthDuring(base, download(base, "/api/exports/servers.csv", token));
      const peak = peakMb(server.pid);
      details.push(`servers.csv: ${formatInt(bytes)} bytes; runs ${times.map((t) => formatInt(t)).join(", ")} ms`);
      details.push(`slowest /api/health during a servers.csv export: ${formatInt(slowest)} ms`);
      details.push(`server peak memory (VmHWM${peak.processes > 1 ? `, ${peak.processes} processes` : ""}): ${peak.mb.toFixed(0)} MB`);

      const site = encodeURIComponent(seeded.sample.site);
      for (const path of [`/api/exports/results.csv?site=${site}`, `/api/exports/servers.xlsx?site=${site}`, "/api/exports/results.csv"]) {
        const run = await download(base, path, token);
        details.push(`${path}: HTTP ${run.status}, ${formatInt(run.bytes)} bytes in ${formatInt(run.ms)} ms`);
      }
      details.push(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
      const ok = csvMs < 5_000 && peak.mb < 1_024;
      return {
        ok,
        figure: `exports: servers.csv of ${formatInt(seeded.servers)} servers in ${formatInt(csvMs)} ms (budget 5,000), peak ${peak.mb.toFixed(0)} MB (budget 1,024), health ≤ ${formatInt(slowest)} ms meanwhile`,
        details,
      };
    } finally {
      await server?.stop();
    }
  },
};

export default suite;

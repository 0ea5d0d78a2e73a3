/**
 * Reports benchmark (issue #10), against the production build with 50,000 servers seeded through the ingest path
 * (scripts/bench/support/seed-views.ts + seed-reports.ts, a viewer's token):
 * - GET /api/reports/waves/{id}.pdf of a 500-server wave < 5 s;
 * - GET /api/reports/fleet.pdf of every server, without the appendix, < 10 s, server memory (VmHWM) < 1 GB;
 * - GET /api/exports/servers.csv of every server < 5 s;
 * - GET /api/reports/servers/{name}.pdf < 1 s;
 * - the slowest /api/health answer while the fleet PDF renders (how long other requests wait).
 * Each figure is the median of --runs (default 3) after one warm-up request. A route that is missing or fails
 * counts as a failed figure, not a crash. Options: --servers=<n> (default 50000), --wave=<n> (default 500),
 * --runs=<n>, --seed=<s>, --port=<p>.
 */
import os from "node:os";
import { formatInt, intOption, median, type BenchSuite } from "./suite";
import { NextServer, peakMb, runScript } from "./support/next-server";
import { download, slowestHealthDuring } from "./support/http";

interface Seeded {
  token: string;
  servers: number;
  seedMs: number;
}

interface SeededReports {
  waveId: string;
  waveServers: number;
  serverFqdn: string;
}

interface Check {
  label: string;
  ms: number | null;
  budget: number;
  note: string;
}

/** One warm-up, then `runs` timed requests; a non-200 answer (e.g. a route that does not exist yet) fails the check. */
async function measure(base: string, token: string, label: string, path: string, budget: number, runs: number, expectPdf: boolean): Promise<Check> {
  try {
    const warm = await download(base, path, token);
    if (warm.status !== 200) return { label, ms: null, budget, note: `HTTP ${warm.status} for ${path}` };
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const run = await download(base, path, token);
      if (run.status !== 200) return { label, ms: null, budget, note: `HTTP ${run.status} for ${path}` };
      if (expectPdf && !run.pdf) return { label, ms: null, budget, note: `${path} did not answer a PDF` };
      times.push(run.ms);
      bytes = run.bytes;
    }
    return { label, ms: median(times), budget, note: `${formatInt(bytes)} bytes; runs ${times.map((t) => formatInt(t)).join(", ")} ms` };
  } catch (error) {
    return { label, ms: null, budget, note: `${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const suite: BenchSuite = {
  name: "reports",
  description: "wave PDF of 500 servers (< 5 s), fleet PDF of 50,000 without appendix (< 10 s, memory < 1 GB), servers.csv of 50,000 (< 5 s), server PDF (< 1 s)",
  async run(options) {
    const servers = intOption(options, "servers", 50_000);
    const waveSize = intOption(options, "wave", 500);
    const runs = intOption(options, "runs", 3);
    const seed = options.seed ?? "reports";
    const details: string[] = [];
    let seeded: Seeded | undefined;
    let reports: SeededReports | undefined;
    let server: NextServer | undefined;
    try {
      server = await NextServer.start({
        ports: [3900, 3999],
        port: options.port === undefined ? undefined : intOption(options, "port", 3900),
        prepare: (env) => {
          seeded = JSON.parse(runScript("scripts/bench/support/seed-views.ts", [String(servers), seed], env).trim().split("\n").at(-1) ?? "{}") as Seeded;
          reports = JSON.parse(runScript("scripts/bench/support/seed-reports.ts", [String(waveSize)], env).trim().split("\n").at(-1) ?? "{}") as SeededReports;
        },
      });
      if (!seeded || !reports) throw new Error("seeding printed nothing");
      const { token } = seeded;
      const base = server.base;
      details.push(`seeded ${formatInt(seeded.servers)} servers through the ingest path in ${formatInt(seeded.seedMs)} ms, a wave of ${formatInt(reports.waveServers)}; server ${base}`);

      const checks: Check[] = [];
      checks.push(await measure(base, token, `wave PDF (${formatInt(reports.waveServers)} servers)`, `/api/reports/waves/${encodeURIComponent(reports.waveId)}.pdf`, 5_000, runs, true));
      checks.push(await measure(base, token, "server PDF", `/api/reports/servers/${encodeURIComponent(reports.serverFqdn)}.pdf`, 1_000, runs, true));
      checks.push(await measure(base, token, `servers.csv (${formatInt(seeded.servers)} servers)`, "/api/exports/servers.csv", 5_000, runs, false));
      const fleet = await measure(base, token, `fleet PDF (${formatInt(seeded.servers)} servers, no appendix)`, "/api/reports/fleet.pdf", 10_000, runs, true);
      checks.push(fleet);
      if (fleet.ms !== null) {
        const slowest = await slowestHealthDuring(base, download(base, "/api/reports/fleet.pdf", token));
        details.push(`slowest /api/health during a fleet PDF: ${formatInt(slowest)} ms`);
      }
      const peak = peakMb(server.pid);
      details.push(`server peak memory (VmHWM${peak.processes > 1 ? `, ${peak.processes} processes` : ""}): ${peak.mb.toFixed(0)} MB (budget 1,024)`);

      let failed = 0;
      for (const check of checks) {
        const over = check.ms === null || check.ms > check.budget;
        if (over) failed++;
        details.push(`${check.ms === null ? "FAIL" : over ? "OVER" : "ok  "} ${check.label}: ${check.ms === null ? "no figure" : `${formatInt(check.ms)} ms`} (budget ${formatInt(check.budget)}) — ${check.note}`);
      }
      if (peak.mb >= 1_024) failed++;
      details.push(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
      const figure = (label: string) => {
        const check = checks.find((c) => c.label.startsWith(label));
        return check?.ms == null ? `${label} n/a` : `${label} ${formatInt(check.ms)} ms`;
      };
      return {
        ok: failed === 0,
        figure: `reports: ${figure("wave PDF")}, ${figure("fleet PDF")}, ${figure("servers.csv")}, ${figure("server PDF")}, peak ${peak.mb.toFixed(0)} MB${failed ? ` — ${failed} over budget or failing` : ""}`,
        details,
      };
    } finally {
      await server?.stop();
    }
  },
};

export default suite;

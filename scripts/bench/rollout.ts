/**
 * Rollout benchmark at 50,000 servers (budgets from the rollout issue):
 * - assigning ~10,000 servers to a wave from a list filter < 2 s per 10,000 (with the audit entries and the gate refresh);
 * - the gate of a 5,000-server wave < 300 ms (p50);
 * - re-evaluating every gate, what it adds to a 1,000-server upload, < 500 ms (p50 of the refresh; the upload's
 *   total is reported too);
 * - the wave list and a wave's page p50 < 300 ms (production build, a lead's session), and the API equivalents.
 * Options: --servers=<n> (default 50000), --requests=<n> (default 20), --seed=<s>, --port=<p>.
 */
import os from "node:os";
import { formatInt, intOption, median, type BenchSuite } from "./suite";
import { NextServer, runScript } from "./support/next-server";

interface Seeded {
  servers: number;
  seedMs: number;
  filter: string;
  assigned: number;
  assignMs: number;
  selectionMs: number;
  gateWaveServers: number;
  gateStatus: string;
  gateBlockers: number;
  gateP50: number;
  refreshP50: number;
  uploadMs: number;
  waveIds: string[];
  secret: string;
  token: string;
}

async function time(base: string, path: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers, redirect: "manual" });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`HTTP ${response.status} for ${path}`);
  return ms;
}

const suite: BenchSuite = {
  name: "rollout",
  description: "assign 10,000 from a filter (< 2 s), 5,000-server wave gate (< 300 ms), gate refresh per upload (< 500 ms), wave list and page p50 (< 300 ms) at 50,000 servers",
  async run(options) {
    const servers = intOption(options, "servers", 50_000);
    const requests = intOption(options, "requests", 20);
    const seed = options.seed ?? "rollout";
    const details: string[] = [];
    let seeded: Seeded | undefined;
    let server: NextServer | undefined;
    try {
      server = await NextServer.start({
        ports: [3700, 3799],
        port: options.port === undefined ? undefined : intOption(options, "port", 3700),
        prepare: (env) => {
          seeded = JSON.parse(runScript("scripts/bench/support/seed-rollout.ts", [String(servers), seed, String(requests)], env).trim().split("\n").at(-1) ?? "{}") as Seeded;
        },
      });
      if (!seeded) throw new Error("seeding printed nothing");
      const s = seeded;
      details.push(`seeded ${formatInt(s.servers)} servers through the ingest path in ${formatInt(s.seedMs)} ms; server ${server.base}`);
      const checks: { label: string; ms: number; budget: number }[] = [
        // 2 s per 10,000 servers: the fleet's filter closest to (and not under) 10,000 servers may match more.
        { label: `assign ${formatInt(s.assigned)} servers from the filter ${s.filter} (audit + gates)`, ms: s.assignMs, budget: Math.round(2_000 * Math.max(1, s.assigned / 10_000)) },
        { label: `gate of a ${formatInt(s.gateWaveServers)}-server wave (${s.gateStatus}, ${formatInt(s.gateBlockers)} blockers), p50`, ms: s.gateP50, budget: 300 },
        { label: "refresh of every gate (what an upload adds), p50", ms: s.refreshP50, budget: 500 },
      ];
      details.push(`(for reference: 5,000 servers by name ${formatInt(s.selectionMs)} ms; 1,000-server upload with gates ${formatInt(s.uploadMs)} ms)`);
      const cookie = { cookie: `csr_session=${s.secret}` };
      const bearer = { authorization: `Bearer ${s.token}` };
      for (const [label, path, headers] of [
        ["wave list page /rollout", "/rollout", cookie],
        ["wave page (10,000 servers)", `/rollout/waves/${s.waveIds[0]}`, cookie],
        ["wave page (5,000 servers)", `/rollout/waves/${s.waveIds[1]}`, cookie],
        ["GET /api/waves", "/api/waves", bearer],
        ["GET /api/waves/{id} (5,000 servers)", `/api/waves/${s.waveIds[1]}`, bearer],
      ] as const) {
        await time(server.base, path, headers);
        const times: number[] = [];
        for (let i = 0; i < requests; i++) times.push(await time(server.base, path, headers));
        checks.push({ label: `${label}, p50 of ${requests}`, ms: median(times), budget: 300 });
      }
      let failed = 0;
      for (const check of checks) {
        const over = check.ms > check.budget;
        if (over) failed++;
        details.push(`${over ? "OVER" : "ok  "} ${check.label}: ${check.ms.toFixed(0)} ms (budget ${formatInt(check.budget)})`);
      }
      details.push(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
      return {
        ok: failed === 0,
        figure: `rollout: ${failed === 0 ? "every figure within budget" : `${failed} figure(s) over budget`} at ${formatInt(s.servers)} servers`,
        details,
      };
    } finally {
      await server?.stop();
    }
  },
};

export default suite;

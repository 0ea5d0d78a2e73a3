/**
 * Views benchmark, against the production build with 50,000 servers and their results:
 * p50 of 20 requests each for the overview (< 300 ms), the servers list with each filter (< 300 ms),
 * a server's detail page (< 150 ms) and GET /api/summary (< 200 ms). The tag filter is measured for a tag no server has,
 * a common one, a deep page and combined with readiness (docs/performance.md "Views").
 * The fleet is seeded through the real ingest path (scripts/bench/support/seed-views.ts) before the
 * server starts; pages are requested with a viewer's session cookie, the API with a viewer's token.
 * Options: --servers=<n> (default 50000), --requests=<n> (default 20), --seed=<s>, --port=<p>, --db=sqlite|postgres
 * (default sqlite; postgres: a throwaway PostgreSQL cluster, seeded through the same upload path, then vacuumed and
 * analysed as autovacuum would after the upload: support/bench-database.ts). --pg-seed=copy (with --db=postgres): seed
 * a temporary SQLite database through the upload path, then move it into PostgreSQL with `npm run admin -- copy-to`
 * (every table, counts verified) — the same rows, for when the upload path cannot write to PostgreSQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/lib/data/migrations/apply-migrations.mjs";
import { formatInt, intOption, median, type BenchSuite } from "./suite";
import { dbOption } from "./support/bench-database";
import { NextServer, runScript } from "./support/next-server";

interface Target {
  label: string;
  path: string;
  budgetMs: number;
  auth: "session" | "token";
}

interface Seeded {
  secret: string;
  token: string;
  servers: number;
  seedMs: number;
  sample: { fqdn: string; domain: string; osName: string; site: string };
  rule: string;
}

function targets(seeded: Seeded): Target[] {
  const list = (label: string, query: string): Target => ({ label: `servers list ${label}`, path: `/servers${query}`, budgetMs: 300, auth: "session" });
  const { sample, rule } = seeded;
  return [
    { label: "overview", path: "/", budgetMs: 300, auth: "session" },
    list("(no filter)", ""),
    list("readiness=not-ready", "?readiness=not-ready"),
    list(`failing rule ${rule}`, `?rule=${rule}`),
    list("domain", `?domain=${encodeURIComponent(sample.domain)}`),
    list("OS", `?os=${encodeURIComponent(sample.osName)}`),
    list("site", `?site=${encodeURIComponent(sample.site)}`),
    // Tags (ServerTag, an EXISTS over its index): a tag no server has (the page walks the whole order), a common tag
    // (the generated fleet's "pilot": about a quarter of the servers), a deep page in name order, and with readiness.
    list("tag none (tier0)", "?tag=tier0"),
    list("tag pilot", "?tag=pilot"),
    list("tag pilot, sorted by name, page 100", "?tag=pilot&sort=name&page=100"),
    list("tag pilot + readiness=not-ready", "?tag=PILOT&readiness=not-ready"),
    list("stale", "?stale=true"),
    list("search", `?q=${encodeURIComponent(sample.fqdn.slice(4, 10))}`),
    list("sorted by name, page 200", "?sort=name&page=200"),
    list("combined", `?readiness=not-ready,unknown&domain=${encodeURIComponent(sample.domain)}&rule=${rule}&sort=collected&dir=desc`),
    { label: "server detail", path: `/servers/${encodeURIComponent(sample.fqdn)}`, budgetMs: 150, auth: "session" },
    { label: "GET /api/summary", path: "/api/summary", budgetMs: 200, auth: "token" },
    { label: "GET /api/servers?readiness=not-ready", path: "/api/servers?readiness=not-ready", budgetMs: 300, auth: "token" },
  ];
}

async function timeRequest(base: string, target: Target, seeded: Seeded): Promise<number> {
  const headers: Record<string, string> = target.auth === "session" ? { cookie: `csr_session=${seeded.secret}` } : { authorization: `Bearer ${seeded.token}` };
  const started = performance.now();
  const response = await fetch(`${base}${target.path}`, { headers, redirect: "manual" });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${target.label}: HTTP ${response.status} for ${target.path}`);
  return ms;
}

const suite: BenchSuite = {
  name: "views",
  description: "overview, servers list (every filter), server detail and /api/summary at 50,000 servers, p50 of 20 (budgets 300/300/150/200 ms)",
  async run(options) {
    const servers = intOption(options, "servers", 50_000);
    const requests = intOption(options, "requests", 20);
    const seed = options.seed ?? "views";
    const database = dbOption(options);
    const copySeed = options["pg-seed"] === "copy";
    if (copySeed && database !== "postgres") throw new Error("--pg-seed=copy goes with --db=postgres");
    if (options["pg-seed"] !== undefined && !copySeed) throw new Error(`--pg-seed must be copy, got ${options["pg-seed"]}`);
    let copyMs: number | undefined;
    const details: string[] = [];
    let seeded: Seeded | undefined;
    let server: NextServer | undefined;
    try {
      server = await NextServer.start({
        ports: [3600, 3699],
        port: options.port === undefined ? undefined : intOption(options, "port", 3600),
        database,
        prepare: (env) => {
          const seedOutput = (seedEnv: NodeJS.ProcessEnv) => runScript("scripts/bench/support/seed-views.ts", [String(servers), seed], seedEnv).trim().split("\n").at(-1) ?? "{}";
          if (!copySeed) {
            seeded = JSON.parse(seedOutput(env)) as Seeded;
            return;
          }
          const dir = mkdtempSync(path.join(os.tmpdir(), "csr-bench-seed-"));
          try {
            const sqliteUrl = `file:${path.join(dir, "seed.db")}`;
            applyMigrations({ url: sqliteUrl });
            seeded = JSON.parse(seedOutput({ ...env, DATABASE_URL: sqliteUrl })) as Seeded;
            const started = performance.now();
            runScript("scripts/admin.ts", ["copy-to", String(env.DATABASE_URL)], { ...env, DATABASE_URL: sqliteUrl });
            copyMs = performance.now() - started;
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      });
      if (!seeded) throw new Error("seeding printed nothing");
      details.push(`database: ${server.database.description}`);
      details.push(
        `seeded ${formatInt(seeded.servers)} servers through the ingest path in ${formatInt(seeded.seedMs)} ms` +
          (copyMs === undefined ? "" : ` (on SQLite), copied to PostgreSQL with admin copy-to in ${formatInt(copyMs)} ms`) +
          `; server ${server.base}`,
      );
      let failed = 0;
      for (const target of targets(seeded)) {
        await timeRequest(server.base, target, seeded); // warm the route (first compile of its chunks)
        const times: number[] = [];
        for (let i = 0; i < requests; i++) times.push(await timeRequest(server.base, target, seeded));
        const p50 = median(times);
        const over = p50 > target.budgetMs;
        if (over) failed++;
        details.push(`${over ? "OVER" : "ok  "} ${target.label}: p50 ${p50.toFixed(0)} ms (budget ${target.budgetMs}; min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
      }
      details.push(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} cores`);
      return {
        ok: failed === 0,
        figure: `views${database === "postgres" ? " (PostgreSQL)" : ""}: ${failed === 0 ? "every view within budget" : `${failed} view(s) over budget`} at ${formatInt(seeded.servers)} servers (p50 of ${requests})`,
        details,
      };
    } finally {
      await server?.stop();
    }
  },
};

export default suite;

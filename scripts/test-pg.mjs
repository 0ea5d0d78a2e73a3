#!/usr/bin/env node
// `npm run test:pg [-- <vitest args>]`: the lib/data and lib/auth integration tests against PostgreSQL — the same test
// files as on SQLite (a matrix, not a copy). Starts a throwaway cluster (lib/data/migrations/pg-throwaway.mjs: initdb +
// pg_ctl in a temporary directory, as the `postgres` user when root), migrates a template database once through the
// start-up migrator, runs vitest with CSR_TEST_DB=postgres (test/setup-db.ts then gives every test file its own
// database cloned from the template), and stops the cluster. Needs Debian's `postgresql` package, never the network.
// `--ported` (what `npm test` runs, scripts/test-all.mjs): the same files, every lib/data and lib/auth test file; it
// only adds the skip below on a machine without PostgreSQL. (It once left out a list of files that could not run on
// PostgreSQL yet; that list is empty since 2026-12-06, the flag is kept so the callers stay the same.)
import { spawnSync } from "node:child_process";
import pg from "pg";
import { applyPostgresMigrations } from "../lib/data/migrations/apply-postgres-migrations.mjs";
import { postgresBinDir, startThrowawayPostgres } from "../lib/data/migrations/pg-throwaway.mjs";

const TEMPLATE = "csr_template";

const rawArgs = process.argv.slice(2);
const ported = rawArgs.includes("--ported");
const args = rawArgs.filter((arg) => arg !== "--ported");
const targets = args.length > 0 ? args : ["lib/data", "lib/auth"];

if (ported && postgresBinDir() === null && !process.env.CI) {
  // As the migration drift check does: a developer machine without PostgreSQL skips this half (CI never does).
  console.warn("PostgreSQL's server binaries were not found (apt-get install postgresql): the PostgreSQL pass is skipped.");
  process.exit(0);
}

const cluster = await startThrowawayPostgres();
let status = 1;
try {
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await applyPostgresMigrations({ url: cluster.url(TEMPLATE) });
  await admin.query(`ALTER DATABASE ${TEMPLATE} WITH IS_TEMPLATE true`);
  await admin.end();
  console.log(`PostgreSQL ${cluster.url("postgres")} (throwaway), template database ${TEMPLATE} migrated`);
  const result = spawnSync("npx", ["vitest", "run", ...targets], {
    stdio: "inherit",
    env: { ...process.env, CSR_TEST_DB: "postgres", CSR_TEST_PG_URL: cluster.url("postgres"), CSR_TEST_PG_TEMPLATE: TEMPLATE },
  });
  status = result.status ?? 1;
} finally {
  cluster.stop();
}
process.exit(status);

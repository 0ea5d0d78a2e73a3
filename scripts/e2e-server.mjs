#!/usr/bin/env node
// Serves the production build for Playwright on a throwaway database: migrates it, seeds the e2e accounts and tokens
// (e2e/support/seed.ts), then runs `next start`. E2E_DB=postgres (`npm run test:e2e:pg`) uses a throwaway PostgreSQL
// cluster instead of data/e2e.db, stopped when the server stops.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { startThrowawayPostgres } from "../lib/data/migrations/pg-throwaway.mjs";

const port = process.env.E2E_PORT ?? "3100";

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first (npm test does).");
  process.exit(1);
}

let cluster = null;
let databaseUrl;
if (process.env.E2E_DB === "postgres") {
  cluster = await startThrowawayPostgres();
  databaseUrl = await cluster.createDatabase("e2e");
  console.log(`[e2e] PostgreSQL ${databaseUrl} (throwaway)`);
} else {
  const dbFile = "data/e2e.db";
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  databaseUrl = `file:./${dbFile}`;
}

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  ADMIN_EMAIL: "admin@e2e.test",
  ADMIN_PASSWORD: "e2e-admin-password",
  NODE_ENV: "production",
};

let stopping = false;
async function stopCluster() {
  if (cluster === null || stopping) return;
  stopping = true;
  await cluster.stop();
}

const seed = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "e2e/support/seed.ts"], { env, stdio: "inherit" });
if (seed.status !== 0) {
  await stopCluster();
  process.exit(seed.status ?? 1);
}

const server = spawn("node_modules/.bin/next", ["start", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  void stopCluster().finally(() => process.exit(code ?? 0));
});

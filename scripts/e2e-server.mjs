#!/usr/bin/env node
// Serves the production build for Playwright on a throwaway database: deletes it, migrates it, seeds the
// e2e accounts and tokens (e2e/support/seed.ts), then runs `next start`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

const port = process.env.E2E_PORT ?? "3100";
const dbFile = "data/e2e.db";
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first (npm test does).");
  process.exit(1);
}

const env = {
  ...process.env,
  DATABASE_URL: `file:./${dbFile}`,
  ADMIN_EMAIL: "admin@e2e.test",
  ADMIN_PASSWORD: "e2e-admin-password",
  NODE_ENV: "production",
};
const seed = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "e2e/support/seed.ts"], { env, stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn("node_modules/.bin/next", ["start", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

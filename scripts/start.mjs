#!/usr/bin/env node
// `npm start`: builds the production app when no build exists, then serves it on PORT (default 3000).
// The server itself applies pending migrations and creates the first admin on start (instrumentation.ts).
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { buildIngestWorker, PARSE_THREAD_OUTFILE, WORKER_OUTFILE } from "./build-ingest-worker.mjs";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const port = process.env.PORT ?? "3000";
const nextBin = "node_modules/.bin/next";

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build found: running `next build` once (about a minute)…");
  const build = spawnSync(nextBin, ["build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The upload worker's bundles (`npm run build` writes them; a bare `next build` does not).
if (!existsSync(WORKER_OUTFILE) || !existsSync(PARSE_THREAD_OUTFILE)) await buildIngestWorker();

const server = spawn(nextBin, ["start", "-p", port, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

#!/usr/bin/env node
// Bundles the upload worker (lib/data/ingest/worker/worker-main.ts) into .next/ingest-worker/ingest-worker.mjs for the
// production server (docs/decisions/016-ingest-worker.md). Run by `npm run build` after `next build` (which empties
// .next) and by scripts/start.mjs when the bundle is missing. tsconfig paths (@/…) resolve; `server-only` resolves
// with the react-server condition (its empty module), as in Next's server bundle; native and large CommonJS packages
// stay external and load from node_modules at run time.
import path from "node:path";
import { build } from "esbuild";

export const WORKER_OUTFILE = ".next/ingest-worker/ingest-worker.mjs";
/** The archive parse thread the worker starts (decision 028), written beside it. */
export const PARSE_THREAD_OUTFILE = ".next/ingest-worker/archive-parse-thread.mjs";

export async function buildIngestWorker({ quiet = false, outfile = WORKER_OUTFILE } = {}) {
  const started = Date.now();
  const result = await build({
    // The upload worker and the archive parse thread it starts (decision 028), side by side in outfile's directory.
    entryPoints: {
      [path.basename(outfile, ".mjs")]: "lib/data/ingest/worker/worker-main.ts",
      [path.basename(PARSE_THREAD_OUTFILE, ".mjs")]: "lib/ingest/archive/parse-thread.ts",
    },
    outdir: path.dirname(outfile),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: "tsconfig.json",
    conditions: ["react-server"],
    external: ["better-sqlite3", "exceljs", "@node-rs/argon2", "@prisma/client", "@prisma/adapter-better-sqlite3"],
    // CommonJS packages bundled into an ES module still call require() for Node's built-ins.
    banner: { js: 'import { createRequire as __csrCreateRequire } from "node:module"; const require = __csrCreateRequire(import.meta.url);' },
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  if (!quiet) console.log(`ingest worker: ${outfile} (${(bytes / 1024 / 1024).toFixed(1)} MB with its source map, ${Object.keys(result.metafile.inputs).length} modules) in ${Date.now() - started} ms`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildIngestWorker();
}

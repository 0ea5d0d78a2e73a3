// Development and tests: starts the archive parse thread (parse-thread.ts) from its TypeScript source through tsx, as
// lib/data/ingest/worker/boot.mjs does for the upload worker. workerData.source: the file URL of parse-thread.ts.
// Production runs the bundle instead (scripts/build-ingest-worker.mjs).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.source);

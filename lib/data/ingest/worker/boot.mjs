// Development and tests: starts the ingest worker from its TypeScript source through tsx (a dependency), with
// tsconfig paths. The Worker is created with --conditions=react-server so `server-only` resolves to its empty
// module, as in the server bundle. Production runs the esbuild bundle instead (scripts/build-ingest-worker.mjs).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);

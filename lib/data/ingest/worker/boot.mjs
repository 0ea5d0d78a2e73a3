// Development and tests: starts the ingest worker process from its TypeScript source through tsx (a dependency), with
// tsconfig paths. The process is forked with --conditions=react-server so `server-only` resolves to its empty module,
// as in the server bundle. Production runs the esbuild bundle instead (scripts/build-ingest-worker.mjs).
// argv[2]: the file URL of worker-main.ts.
import { register } from "tsx/esm/api";

register();
await import(process.argv[2]);

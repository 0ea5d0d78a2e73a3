import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ParseThreadScript } from "@/lib/ingest/parse-thread-config";

/** The archive parse thread's bundle, beside the upload worker's (scripts/build-ingest-worker.mjs writes both). */
export const PARSE_THREAD_BUNDLE_NAME = "archive-parse-thread.mjs";

/**
 * Where the archive parse thread (decision 028) starts from: beside the upload worker's bundle when the worker runs
 * from it (`moduleUrl` is the bundle's), else from the TypeScript source through tsx (development, tests, benches).
 * Paths from the source are relative to the project directory, as the upload worker's own are.
 */
export function parseThreadScript(moduleUrl: string): ParseThreadScript {
  if (moduleUrl.endsWith(".mjs")) return { file: new URL(`./${PARSE_THREAD_BUNDLE_NAME}`, moduleUrl) };
  const root = process.cwd();
  return {
    file: path.join(/* turbopackIgnore: true */ root, "lib", "ingest", "archive", "parse-thread-boot.mjs"),
    workerData: { source: pathToFileURL(path.join(root, "lib", "ingest", "archive", "parse-thread.ts")).href },
  };
}

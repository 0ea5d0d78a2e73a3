import "server-only";
import { parentPort } from "node:worker_threads";
import { ingestUpload } from "../ingest-file";
import type { WorkerJobMessage, WorkerReply } from "./protocol";

// The ingest worker thread (docs/decisions/016-ingest-worker.md): parses, evaluates and commits uploads with its
// own SQLite connection (lib/data/sqlite/connection.ts opens one per thread), one job at a time, so the server's
// main thread keeps answering requests. Started by ingest-queue.ts, as a bundle in production
// (scripts/build-ingest-worker.mjs) or from this source through tsx (boot.mjs) in development and tests.

const port = parentPort;
if (!port) throw new Error("worker-main.ts runs as a worker thread (lib/data/ingest/worker/ingest-queue.ts starts it).");

function reply(message: WorkerReply): void {
  port!.postMessage(message);
}

port.on("message", (message: WorkerJobMessage) => {
  if (message?.type !== "ingest") return;
  const { jobId } = message;
  ingestUpload({ ...message.request, bytes: new Uint8Array(message.buffer) }, (progress) => reply({ type: "progress", jobId, progress })).then(
    (response) => reply({ type: "result", jobId, response }),
    (error: unknown) => {
      console.error("[ingest-worker] job failed", error);
      reply({ type: "error", jobId, message: error instanceof Error ? error.message : String(error) });
    },
  );
});

import "server-only";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { ingestUpload } from "../ingest-file";
import type { WorkerJobMessage, WorkerReply } from "./protocol";

// The ingest worker thread (docs/decisions/016-ingest-worker.md): parses, evaluates and commits uploads with its
// own SQLite connection (lib/data/sqlite/connection.ts opens one per thread), one job at a time, so the server's
// main thread keeps answering requests. Started by ingest-queue.ts, as a bundle in production
// (scripts/build-ingest-worker.mjs) or from this source through tsx (boot.mjs) in development and tests.

const port = parentPort;
if (!port) throw new Error("worker-main.ts runs as a worker thread (lib/data/ingest/worker/ingest-queue.ts starts it).");

/**
 * Linux: this thread runs at a lower CPU priority (nice 10) than the request thread, so that on a busy machine the
 * server's answers come first and the upload takes what is left. setpriority(2) with a thread id changes only that
 * thread; raising one's own nice value needs no privilege. Elsewhere (or without /proc) nothing changes.
 */
export const WORKER_NICE = 10;
function lowerOwnPriority(): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, WORKER_NICE);
  } catch {
    // not Linux, or not allowed: keep the default priority
  }
}
lowerOwnPriority();

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

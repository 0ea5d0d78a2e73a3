import "server-only";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { sqlite } from "../../sqlite/connection";
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

/**
 * The worker's connection does not checkpoint inside its commits (wal_autocheckpoint = 0): copying a large upload's
 * WAL into the database file (≈ 2 s for 50,000 new servers) happens after the job's answer is sent and before the
 * next job starts (the queue waits for it: jobs run one at a time on this thread). The data is committed and visible
 * to every reader as soon as the commit returns; the checkpoint only moves it from the WAL to the database file.
 */
sqlite().pragma("wal_autocheckpoint = 0");
function checkpoint(): void {
  try {
    sqlite().pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    console.error("[ingest-worker] checkpoint failed", error);
  }
}

function reply(message: WorkerReply): void {
  port!.postMessage(message);
}

port.on("message", (message: WorkerJobMessage) => {
  if (message?.type !== "ingest") return;
  const { jobId } = message;
  ingestUpload({ ...message.request, bytes: new Uint8Array(message.buffer) }, (progress) => reply({ type: "progress", jobId, progress })).then(
    (response) => {
      reply({ type: "result", jobId, response });
      checkpoint();
    },
    (error: unknown) => {
      console.error("[ingest-worker] job failed", error);
      reply({ type: "error", jobId, message: error instanceof Error ? error.message : String(error) });
    },
  );
});

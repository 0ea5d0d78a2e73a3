import "server-only";
import { readdirSync, writeFileSync } from "node:fs";
import { availableParallelism, setPriority } from "node:os";
import { databaseKind } from "../../database-kind";
import { sqlite } from "../../sqlite/connection";
import { enableSqliteWriteThread } from "../../sqlite/write-thread-tx";
import { ingestUpload } from "../ingest-file";
import type { WorkerJobMessage, WorkerReply } from "./protocol";
import { takeSpooledUpload } from "./upload-spool";
import { parseThreadScript } from "./parse-thread-script";
import { enableParseThread } from "@/lib/ingest/parse-thread-config";

// The ingest worker process (docs/decisions/017-ingest-worker.md): parses, evaluates and commits uploads with its
// own SQLite connection, one job at a time, so the server keeps answering requests. Forked by ingest-queue.ts with an
// IPC channel, as a bundle in production (scripts/build-ingest-worker.mjs) or from this source through tsx
// (boot.mjs) in development and tests.

const send = process.send?.bind(process);
if (!send) throw new Error("worker-main.ts runs as a forked process with an IPC channel (lib/data/ingest/worker/ingest-queue.ts starts it).");

/**
 * Linux: every thread of this process runs at a lower CPU priority (nice 10) than the server's, so that on a busy
 * machine the server's answers come first and the upload takes what is left. Linux keeps a nice value per thread and
 * V8 starts its garbage-collector threads before this code runs, so each thread of /proc/self/task is lowered (threads
 * started later inherit it). Raising one's own nice value needs no privilege. The process also offers itself first to
 * the out-of-memory killer (oom_score_adj 500): if memory runs out during an upload, the upload dies (nothing is
 * stored, its job fails), not the server. Elsewhere (or without /proc) nothing changes.
 */
export const WORKER_NICE = 10;
function lowerOwnPriority(): void {
  try {
    for (const tid of readdirSync("/proc/self/task")) setPriority(Number(tid), WORKER_NICE);
  } catch {
    // not Linux, or not allowed: keep the default priority
  }
  try {
    writeFileSync("/proc/self/oom_score_adj", "500");
  } catch {
    // not Linux, or not allowed
  }
}
lowerOwnPriority();

/** The server went away (its end of the channel closed): stop; a commit in progress rolls back with the connection. */
process.on("disconnect", () => process.exit(0));

/**
 * The worker's connection does not checkpoint inside its commits (wal_autocheckpoint = 0): copying a large upload's
 * WAL into the database file (≈ 2 s for 50,000 new servers) happens after the job's answer is sent and before the
 * next job starts (the queue waits for it: jobs run one at a time on this thread). The data is committed and visible
 * to every reader as soon as the commit returns; the checkpoint only moves it from the WAL to the database file.
 */
const onSqlite = databaseKind() === "sqlite";
if (onSqlite) {
  sqlite().pragma("wal_autocheckpoint = 0");
  // The uploads' write transactions run on a thread of their own, beside the parse and evaluation (decision 027).
  enableSqliteWriteThread(sqlite().name, ["wal_autocheckpoint = 0"]);
}
// A large ZIP's entries (decision 028) and a large host CSV's records (decision 032) are parsed on two threads, where
// there are two cores to run them: on one, the thread's start-up and hand-over would only add to the parse.
if (availableParallelism() > 1) enableParseThread(parseThreadScript(import.meta.url));

function checkpoint(): void {
  if (!onSqlite) return; // PostgreSQL checkpoints on its own
  try {
    sqlite().pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    console.error("[ingest-worker] checkpoint failed", error);
  }
}

function reply(message: WorkerReply): void {
  send!(message);
}

process.on("message", (message: WorkerJobMessage) => {
  if (message?.type !== "ingest") return;
  const { jobId } = message;
  let bytes: Uint8Array;
  try {
    bytes = takeSpooledUpload(message.path);
  } catch (error) {
    console.error("[ingest-worker] could not read the upload", error);
    reply({ type: "error", jobId, message: `its temporary copy could not be read (${error instanceof Error ? error.message : String(error)})` });
    return;
  }
  ingestUpload({ ...message.request, bytes }, (progress) => reply({ type: "progress", jobId, progress })).then(
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

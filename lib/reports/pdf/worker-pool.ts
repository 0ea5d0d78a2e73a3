import { existsSync } from "node:fs";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import type { PlainNode } from "./serialize";

// One long-lived worker thread renders report PDFs, one at a time (memory stays bounded; a second report waits
// for the first). The request thread only expands the document to plain data and waits, so other requests keep
// being answered while a long report is laid out (measured in decision 008).

/** The worker could not start or stopped (as opposed to a report that failed to render). */
export class WorkerUnavailableError extends Error {}

let disabled = false;

type Pending = { resolve: (bytes: Buffer) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
let queue: Promise<unknown> = Promise.resolve();

export function workerScript(): string {
  // The worker script is a plain .mjs file loaded at run time, not bundled: keep the bundler from tracing it.
  return process.env.REPORT_WORKER_SCRIPT ?? path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "reports", "pdf", "worker", "render-worker.mjs");
}

/** False when reports are rendered on the request thread (REPORT_RENDER=inline, or the worker script is missing). */
export function workerAvailable(): boolean {
  return !disabled && process.env.REPORT_RENDER !== "inline" && existsSync(workerScript());
}

function failAll(error: Error): void {
  for (const entry of pending.values()) entry.reject(error);
  pending.clear();
  worker = null;
}

async function getWorker(): Promise<Worker> {
  if (worker) return worker;
  const { Worker: WorkerThread } = await import("node:worker_threads");
  const created = new WorkerThread(/* turbopackIgnore: true */ workerScript(), { workerData: { fontDir: process.env.REPORT_FONT_DIR } });
  created.unref();
  created.on("message", (message: { id: number; ok: boolean; bytes?: Uint8Array; message?: string }) => {
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.ok && message.bytes) entry.resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
    else entry.reject(new Error(`PDF worker: ${message.message ?? "failed"}`));
  });
  created.on("error", (error) => {
    disabled = true;
    failAll(new WorkerUnavailableError(`PDF worker failed: ${error instanceof Error ? error.message : String(error)}`));
  });
  created.on("exit", (code) => failAll(new WorkerUnavailableError(`PDF worker exited (${code})`)));
  worker = created;
  return created;
}

/** Renders a plain document tree in the worker thread (queued: one report at a time). */
export function renderInWorker(tree: PlainNode): Promise<Buffer> {
  const run = queue.then(async () => {
    const thread = await getWorker();
    const id = nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      thread.ref();
      thread.postMessage({ id, tree });
    }).finally(() => {
      if (pending.size === 0) thread.unref();
    });
  });
  queue = run.catch(() => undefined);
  return run;
}

import "server-only";
import { type ChildProcess, fork, type ForkOptions, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { IngestRequest, IngestResponse } from "../ingest-file";
import type { IngestProgress, JobStage, WorkerJobMessage, WorkerReply } from "./protocol";
import { discardSpooledUpload, spoolUpload } from "./upload-spool";
import { fromChildProcess, type IngestWorkerHandle } from "./worker-handle";
import { WORKER_HEAP_FLAGS } from "./heap-flags";

// Uploads are ingested off the request thread (docs/decisions/017-ingest-worker.md): ONE worker process, started on
// the first upload and kept, runs the jobs one at a time in the order they came (SQLite has one writer anyway). The
// server only hands over the bytes (through a private temporary file: upload-spool.ts) and keeps the jobs' state for GET /api/uploads/jobs/{id}. A worker that dies
// fails its job (nothing is stored: the commit is one transaction) and the next job starts a fresh one.

/** How a job ended: the ingest's answer (a refusal included), or a failure of the worker itself. */
export type JobOutcome = { ok: true; response: IngestResponse } | { ok: false; message: string };

/** Who submitted a job: only they (or an admin) may read it. */
export interface JobOwner {
  /** "user:<id>" for a browser session, "token:<id>" for an API token. */
  key: string;
  label: string;
}

export interface IngestJob {
  readonly id: string;
  readonly fileName: string;
  readonly owner: JobOwner;
  readonly createdAt: Date;
  stage: JobStage;
  records?: number;
  servers?: number;
  startedAt?: Date;
  finishedAt?: Date;
  outcome?: JobOutcome;
  /** Resolves when the job is done or failed (never rejects). */
  readonly done: Promise<JobOutcome>;
}

interface QueuedJob {
  job: IngestJob;
  message: Omit<WorkerJobMessage, "path">;
  /**
   * The file's bytes written to the spool, started when the job is queued (the bytes are released once written):
   * resolves to the file's path, or rejects when it could not be written.
   */
  spooled: Promise<string>;
  /** The spooled file's path once written (deleted when the job ends). */
  path?: string;
  settle: (outcome: JobOutcome) => void;
}

export interface IngestQueueOptions {
  /** Starts a worker (default: the ingest worker process, bundled or from source). */
  spawn?: () => IngestWorkerHandle;
  /** Finished jobs kept for GET /api/uploads/jobs/{id}: at most this many… */
  keepFinished?: number;
  /** …and for at most this long. */
  keepFinishedMs?: number;
  now?: () => number;
}

const KEEP_FINISHED = 100;
const KEEP_FINISHED_MS = 15 * 60 * 1000;

export class IngestQueue {
  private readonly jobs = new Map<string, IngestJob>();
  private readonly waiting: QueuedJob[] = [];
  private running: QueuedJob | undefined;
  private worker: IngestWorkerHandle | undefined;
  private readonly spawn: () => IngestWorkerHandle;
  private readonly keepFinished: number;
  private readonly keepFinishedMs: number;
  private readonly now: () => number;

  constructor(options: IngestQueueOptions = {}) {
    this.spawn = options.spawn ?? spawnIngestWorker;
    this.keepFinished = options.keepFinished ?? KEEP_FINISHED;
    this.keepFinishedMs = options.keepFinishedMs ?? KEEP_FINISHED_MS;
    this.now = options.now ?? Date.now;
  }

  /** Queues an upload; the request's bytes are written to the upload spool for the worker (the caller must not change them). */
  submit(request: IngestRequest, owner: JobOwner): IngestJob {
    const { bytes, ...rest } = request;
    return this.enqueue(rest, spoolUpload(bytes), owner);
  }

  /** Queues an upload whose file is already in the upload spool (lib/http/multipart-upload.ts); the queue owns the file now. */
  submitSpooled(request: Omit<IngestRequest, "bytes">, file: string, owner: JobOwner): IngestJob {
    return this.enqueue(request, Promise.resolve(file), owner);
  }

  private enqueue(request: Omit<IngestRequest, "bytes">, spooled: Promise<string>, owner: JobOwner): IngestJob {
    this.prune();
    let settle!: (outcome: JobOutcome) => void;
    const done = new Promise<JobOutcome>((resolve) => (settle = resolve));
    const job: IngestJob = { id: randomUUID(), fileName: request.fileName, owner, createdAt: new Date(this.now()), stage: "queued", done };
    this.jobs.set(job.id, job);
    const queued: QueuedJob = { job, message: { type: "ingest", jobId: job.id, request }, spooled, settle };
    // Known as soon as written, so that the file is deleted however the job ends (even before it ran).
    queued.spooled.then(
      (file) => (queued.path = file),
      () => undefined, // reported when the job's turn comes (pump)
    );
    this.waiting.push(queued);
    this.pump();
    return job;
  }

  get(id: string): IngestJob | undefined {
    this.prune();
    return this.jobs.get(id);
  }

  /** 1-based place among the jobs waiting (the running job is 0; a finished one null). */
  position(job: IngestJob): number | null {
    if (job.stage === "done" || job.stage === "failed") return null;
    if (this.running?.job === job) return 0;
    const index = this.waiting.findIndex((queued) => queued.job === job);
    return index < 0 ? null : index + 1;
  }

  /** Jobs waiting plus the one running. */
  get pending(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  /** The worker process's id while one runs (diagnostics, tests). */
  get workerPid(): number | undefined {
    return this.worker?.pid;
  }

  /** Stops the worker (tests, shutdown); a running job fails. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.running || this.waiting.length === 0) return;
    const next = this.waiting.shift()!;
    this.running = next;
    next.job.stage = "parsing";
    next.job.startedAt = new Date(this.now());
    let worker: IngestWorkerHandle;
    try {
      worker = this.ensureWorker();
    } catch (error) {
      this.finish(next, { ok: false, message: `The upload worker could not start (${error instanceof Error ? error.message : String(error)}). Nothing was stored.` });
      return;
    }
    worker.ref();
    next.spooled.then(
      (file) => {
        next.path = file;
        // The job may have ended meanwhile (its worker died while the file was being written).
        if (this.running !== next) return;
        try {
          worker.send({ ...next.message, path: file });
        } catch (error) {
          // The channel closed under us (the worker is exiting): its exit handler fails the job.
          console.error("[ingest-queue] could not hand the upload to the worker", error);
        }
      },
      (error: unknown) => {
        if (this.running !== next) return;
        const why = error instanceof Error ? error.message : String(error);
        this.finish(next, { ok: false, message: `${next.job.fileName} could not be handed to the upload worker (writing its temporary copy failed: ${why}). Nothing was stored.` });
      },
    );
  }

  private ensureWorker(): IngestWorkerHandle {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    let lastError: string | undefined;
    worker.onReply((reply) => this.onReply(reply));
    worker.onError((error) => {
      lastError = error instanceof Error ? error.message : String(error);
      console.error("[ingest-queue] the upload worker failed", error);
    });
    worker.onExit((how) => {
      if (this.worker === worker) this.worker = undefined;
      const running = this.running;
      if (running) {
        const why = lastError ? `: ${lastError}` : ` (${how})`;
        this.finish(running, { ok: false, message: `The upload worker stopped while processing ${running.job.fileName}${why}. Nothing was stored; upload the file again.` });
      }
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    const running = this.running;
    if (!running || reply.jobId !== running.job.id) return;
    const { job } = running;
    if (reply.type === "progress") {
      this.apply(job, reply.progress);
    } else if (reply.type === "result") {
      this.finish(running, { ok: true, response: reply.response });
    } else {
      this.finish(running, { ok: false, message: `Processing ${job.fileName} failed: ${reply.message}. Nothing was stored.` });
    }
  }

  private apply(job: IngestJob, progress: IngestProgress): void {
    job.stage = progress.stage;
    if (progress.records !== undefined) job.records = progress.records;
    if (progress.servers !== undefined) job.servers = progress.servers;
  }

  private finish(queued: QueuedJob, outcome: JobOutcome): void {
    const { job } = queued;
    job.stage = outcome.ok ? "done" : "failed";
    job.finishedAt = new Date(this.now());
    job.outcome = outcome;
    if (outcome.ok) {
      const counts = outcome.response.ok ? outcome.response.counts : undefined;
      if (counts) {
        job.records = counts.records;
        job.servers = counts.servers;
      }
    }
    if (this.running === queued) this.running = undefined;
    // The worker deletes the spooled file when it reads it; this covers a worker that never did.
    if (queued.path !== undefined) discardSpooledUpload(queued.path);
    else queued.spooled.then(discardSpooledUpload, () => undefined);
    this.worker?.unref();
    queued.settle(outcome);
    this.pump();
  }

  /** Forgets finished jobs beyond the newest `keepFinished` or older than `keepFinishedMs`. */
  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.finishedAt !== undefined);
    const cutoff = this.now() - this.keepFinishedMs;
    const excess = finished.length - this.keepFinished;
    finished.forEach((job, index) => {
      if (index < excess || job.finishedAt!.getTime() < cutoff) this.jobs.delete(job.id);
    });
  }
}

/** The production bundle (scripts/build-ingest-worker.mjs writes it after `next build`). */
export const WORKER_BUNDLE = path.join(".next", "ingest-worker", "ingest-worker.mjs");
const WORKER_SOURCE = path.join("lib", "data", "ingest", "worker", "worker-main.ts");
const WORKER_BOOT = path.join("lib", "data", "ingest", "worker", "boot.mjs");

let warnedNoBundle = false;

/** util-linux's chrt (in every Debian/Ubuntu/RHEL base system); absent elsewhere. */
const CHRT = "/usr/bin/chrt";

/**
 * Forks a worker process with an IPC channel (the v8 serializer, not JSON: answers keep their types). On Linux
 * it runs under the SCHED_IDLE policy (`chrt --idle 0`, inherited by all its threads; lowering one's own policy
 * needs no privilege): a nice value alone leaves the scheduler placing the server's waking threads on the other,
 * busier core, because a core running a niced task does not count as idle; a core running only SCHED_IDLE work
 * does, so the server's threads take it at once (docs/performance.md, "Ingest under load"). The upload then uses
 * whatever CPU the server leaves.
 */
export function forkIngestWorker(file: string, args: string[] = [], execArgv: string[] = []): ChildProcess {
  const nodeArgs = [...WORKER_HEAP_FLAGS, ...execArgv];
  const stdio: ForkOptions["stdio"] = ["ignore", "inherit", "inherit", "ipc"];
  if (process.platform === "linux" && existsSync(CHRT)) {
    return spawn(CHRT, ["--idle", "0", process.execPath, ...nodeArgs, file, ...args], { stdio, serialization: "advanced" });
  }
  return fork(file, args, { execArgv: nodeArgs, serialization: "advanced", stdio });
}

/**
 * Starts the ingest worker process: the bundle in production, else the TypeScript source through tsx. Paths are
 * relative to the project directory (the server's working directory, as for .next itself). A process rather than a
 * thread: it lowers the CPU priority of all its threads, the garbage collector's included (a worker thread shares the
 * server's), and a runaway upload cannot take the server's heap with it (decision 017).
 */
export function spawnIngestWorker(): IngestWorkerHandle {
  const root = process.cwd();
  const bundle = path.join(root, WORKER_BUNDLE);
  if (process.env.NODE_ENV === "production") {
    if (existsSync(bundle)) return fromChildProcess(forkIngestWorker(bundle));
    if (!warnedNoBundle) {
      warnedNoBundle = true;
      console.warn(`[ingest-queue] ${WORKER_BUNDLE} is missing (run \`npm run build\`, not only \`next build\`): starting the upload worker from source through tsx.`);
    }
  }
  return fromChildProcess(forkIngestWorker(path.join(root, WORKER_BOOT), [pathToFileURL(path.join(root, WORKER_SOURCE)).href], ["--conditions=react-server"]));
}

const globalForQueue = globalThis as unknown as { csrIngestQueue?: IngestQueue };

/** The process's upload queue (one worker). */
export function ingestQueue(): IngestQueue {
  globalForQueue.csrIngestQueue ??= new IngestQueue();
  return globalForQueue.csrIngestQueue;
}

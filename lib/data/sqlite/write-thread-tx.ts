import "server-only";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import type { Column, SqlValue, WriteTx } from "../write-tx";
import { allInChunks } from "../in-list";

// RAW SQL (SQLite): the evaluation write transaction (lib/data/write-tx.ts) on the upload worker's write thread
// (write-thread.mjs, decision 027). Every call is a request to the thread, answered in the order it was made, so the
// transaction sees its own writes exactly as on the process's connection (write-tx.ts); what changes is that a write
// the caller does not await (the evaluation's batches, lib/data/ingest/queued-writes.ts) runs on the other core while
// this thread goes on. Used by the processes that opt in (the upload worker, the ingest-stages bench): one upload at a
// time, nothing else writing from the process meanwhile.

type Request =
  | { op: "begin" | "commit" | "rollback" }
  | { op: "all" | "get" | "run"; sql: string; params: readonly SqlValue[] }
  | { op: "insertRows"; table: string; columns: readonly string[]; rows: readonly (readonly SqlValue[])[] }
  | { op: "updateRows"; table: string; columns: readonly string[]; key: string; rows: readonly (readonly SqlValue[])[] };

type Reply = { id: number; value?: unknown; error?: { message: string; name?: string; code?: string } };

/** The thread's script, run as it is from the app's directory (like the PDF worker, lib/reports/pdf/worker-pool.ts). */
function threadScript(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "data", "sqlite", "write-thread.mjs");
}

class WriteThread {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private dead: Error | undefined;
  /** A transaction is open (one at a time: the thread has one connection). */
  busy = false;

  constructor(private readonly worker: Worker) {
    worker.unref(); // referenced only while a request waits (an idle thread must not keep the process alive)
    worker.on("message", (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (reply.error) waiter.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name ?? "Error", code: reply.error.code }));
      else waiter.resolve(reply.value);
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`the SQLite write thread exited (code ${code})`)));
  }

  private fail(error: Error): void {
    this.dead ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  call<T>(request: Request): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        this.worker.postMessage({ id, ...request });
      } catch (error) {
        // A value that cannot be copied to the thread: this request fails, nothing waits for it.
        this.waiting.delete(id);
        if (this.waiting.size === 0) this.worker.unref();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

class ThreadWriteTx implements WriteTx {
  readonly kind = "sqlite" as const;
  readonly checks: (() => void)[] = [];
  /** Every request of this transaction not answered yet, and the first that failed: COMMIT waits for all of them. */
  private readonly unanswered = new Set<Promise<unknown>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly thread: WriteThread) {}

  private call<T>(request: Request): Promise<T> {
    const answer = this.thread.call<T>(request);
    const tracked = answer.then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    this.unanswered.add(tracked);
    void tracked.then(() => this.unanswered.delete(tracked));
    return answer;
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.call<T[]>({ op: "all", sql, params });
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.call<T | undefined>({ op: "get", sql, params });
  }

  allIn<T>(sql: (list: string) => string, values: readonly string[]): Promise<T[]> {
    return allInChunks<T>(this, sql, values);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.call<number>({ op: "run", sql, params });
  }

  insertRows(table: string, columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.call<void>({ op: "insertRows", table, columns: columns.map(([name]) => name), rows });
  }

  updateRows(table: string, columns: readonly Column[], key: string, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.call<void>({ op: "updateRows", table, columns: columns.map(([name]) => name), key, rows });
  }

  beforeCommit(check: () => void): void {
    this.checks.push(check);
  }

  /** Waits until every request was answered; throws the first failure (a write nobody awaited must not be committed past). */
  async settle(): Promise<void> {
    while (this.unanswered.size > 0) await Promise.all([...this.unanswered]);
    if (this.failure) throw this.failure.error;
  }
}

const globalForThread = globalThis as unknown as { csrSqliteWriteThread?: { file: string; pragmas: string[]; thread?: WriteThread } };

/**
 * From now on this process's SQLite write transactions run on a write thread with its own connection to `file`
 * (which must exist, migrated), with `pragmas` applied to it (the upload worker's `wal_autocheckpoint = 0`). The
 * thread starts now (its start-up is not an upload's) and is started again by the next transaction if it died.
 */
export function enableSqliteWriteThread(file: string, pragmas: readonly string[] = []): void {
  globalForThread.csrSqliteWriteThread = { file, pragmas: [...pragmas] };
  writeThread().catch((error: unknown) => console.error("[sqlite write thread] could not start", error)); // the first transaction retries
}

export function sqliteWriteThreadEnabled(): boolean {
  return globalForThread.csrSqliteWriteThread !== undefined;
}

async function writeThread(): Promise<WriteThread> {
  const setting = globalForThread.csrSqliteWriteThread;
  if (!setting) throw new Error("the SQLite write thread is not enabled (enableSqliteWriteThread)");
  if (setting.thread?.alive) return setting.thread;
  const { Worker: WorkerThread } = await import("node:worker_threads");
  setting.thread = new WriteThread(new WorkerThread(/* turbopackIgnore: true */ threadScript(), { workerData: { file: setting.file, pragmas: setting.pragmas } }));
  return setting.thread;
}

/** Stops the write thread and forgets the setting (tests); a process that enables it again starts a new one. */
export async function stopSqliteWriteThread(): Promise<void> {
  const setting = globalForThread.csrSqliteWriteThread;
  globalForThread.csrSqliteWriteThread = undefined;
  await setting?.thread?.stop();
}

export async function inThreadWriteTx<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const thread = await writeThread();
  if (thread.busy) throw new Error("a write transaction is already open on the write thread (one upload at a time)");
  thread.busy = true;
  const tx = new ThreadWriteTx(thread);
  try {
    await thread.call({ op: "begin" });
    try {
      const result = await work(tx);
      await tx.settle();
      for (const check of tx.checks) check();
      await thread.call({ op: "commit" });
      return result;
    } catch (error) {
      await tx.settle().catch(() => undefined); // nothing of this transaction may still run after the ROLLBACK
      // A thread that died took its connection, and SQLite the transaction, with it.
      if (thread.alive) await thread.call({ op: "rollback" }).catch((rollbackError: unknown) => console.error("[sqlite write thread] ROLLBACK failed", rollbackError));
      throw error;
    }
  } finally {
    thread.busy = false;
  }
}

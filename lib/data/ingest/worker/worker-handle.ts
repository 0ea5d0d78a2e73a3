import "server-only";
import type { ChildProcess } from "node:child_process";
import type { WorkerJobMessage, WorkerReply } from "./protocol";

/**
 * What the upload queue needs of the process or thread that ingests: send it a job, hear its replies, learn when it
 * stops, keep the server alive only while a job runs, stop it. The ingest runs in a child process in production and
 * tests (spawnIngestWorker, decision 017); a test may hand the queue any other process that speaks the protocol.
 */
export interface IngestWorkerHandle {
  /** The worker's process id (a child process), for diagnostics and tests. */
  readonly pid?: number;
  send(message: WorkerJobMessage): void;
  onReply(listener: (reply: WorkerReply) => void): void;
  onError(listener: (error: Error) => void): void;
  /** Once, when it has stopped: "exit code 3", "signal SIGKILL". */
  onExit(listener: (how: string) => void): void;
  /** Keeps the server's event loop alive (a job runs). */
  ref(): void;
  /** Lets the server exit while it is idle. */
  unref(): void;
  /** Stops it now (a running job fails and its transaction rolls back); resolves once it has exited. */
  terminate(): Promise<void>;
}

/** A child process forked with an IPC channel and `serialization: "advanced"` (answers keep their types; the file itself travels through upload-spool.ts). */
export function fromChildProcess(child: ChildProcess): IngestWorkerHandle {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    pid: child.pid,
    send(message) {
      child.send(message);
    },
    onReply(listener) {
      child.on("message", (message) => listener(message as WorkerReply));
    },
    onError(listener) {
      child.on("error", listener);
    },
    onExit(listener) {
      child.once("exit", (code, signal) => listener(signal ? `signal ${signal}` : `exit code ${code}`));
    },
    ref() {
      child.ref();
      child.channel?.ref();
    },
    unref() {
      child.unref();
      child.channel?.unref();
    },
    async terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

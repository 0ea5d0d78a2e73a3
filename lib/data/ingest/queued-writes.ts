import type { WriteTx } from "../write-tx";

// The evaluation's bulk writes, issued while it goes on instead of after it (decision 027): the database works on one
// batch of rows while the next is evaluated. A write transaction takes its statements in the order they were issued
// (PostgresWriteTx runs them one after the other; SQLite's run as they are called), so a later statement sees an
// earlier one's rows, and nothing needs to wait for a write until the transaction reads what the writes decide.

/** Servers evaluated between two batches of writes, once under way. */
export const WRITE_BATCH = 2_000;

/**
 * The first batch: small, so that the database starts writing soon after the evaluation starts instead of idling
 * through a whole batch. Each batch after it doubles, up to WRITE_BATCH (250, 500, 1,000, 2,000, 2,000, …).
 */
export const FIRST_WRITE_BATCH = 250;

/** PostgreSQL: the longest the evaluation runs without letting the connection send what was issued. */
const HAND_OVER_MS = 5;

export class QueuedWrites {
  private readonly inFlight: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;
  private handedOverAt = 0;
  private batchSize = FIRST_WRITE_BATCH;
  private inBatch = 0;

  constructor(private readonly tx: WriteTx) {}

  /** Counts one evaluated server: true when the batch is complete and its rows should be issued. */
  batchFull(): boolean {
    if (++this.inBatch < this.batchSize) return false;
    this.inBatch = 0;
    this.batchSize = Math.min(WRITE_BATCH, this.batchSize * 2);
    return true;
  }

  /** A write issued and not awaited: its failure is kept (never an unhandled rejection) and thrown by `drain`. */
  add(write: Promise<unknown>): void {
    this.inFlight.push(
      write.then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      ),
    );
  }

  /**
   * Lets the connection send what was issued. PostgreSQL's client writes to its socket from the event loop, which a
   * synchronous evaluation never reaches between two awaits of the transaction's own calls: one macrotask turn per
   * batch hands the batch to the server, which inserts it while the next batch is evaluated.
   */
  async handOver(): Promise<void> {
    if (this.tx.kind !== "postgres") return;
    this.handedOverAt = performance.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** handOver when HAND_OVER_MS passed since the last one (PostgreSQL; call it between two servers). */
  async keepFlowing(): Promise<void> {
    if (this.tx.kind === "postgres" && performance.now() - this.handedOverAt >= HAND_OVER_MS) await this.handOver();
  }

  /** Waits for every issued write; throws the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
    if (this.failure) throw this.failure.error;
  }

  /**
   * The error to report for `error`, thrown by a statement issued after the writes: the first failed write's when there
   * is one (PostgreSQL then refuses everything after it with "current transaction is aborted", which names nothing).
   */
  rootCause(error: unknown): unknown {
    return this.failure?.error ?? error;
  }
}

import { beforeEach, describe, expect, it } from "vitest";
import { clearTables, sqlAll } from "../test-sql";
import { type Column, inWriteTx } from "../write-tx";
import { FIRST_WRITE_BATCH, QueuedWrites, WRITE_BATCH } from "./queued-writes";

// The evaluation's writes issued without waiting (decision 027), on the database the test runs on (SQLite, or
// PostgreSQL under `npm run test:pg`): a failure is reported as itself, never committed past, never unhandled.
const COLUMNS: readonly Column[] = [["id", "text"], ["at", "timestamp"], ["ready", "int"], ["conditions", "int"], ["notReady", "int"], ["unknown", "int"], ["cause", "text"]];
const row = (id: string) => [id, "2026-12-01T00:00:00.000+00:00", 0, 0, 0, 0, "test"];

beforeEach(async () => {
  await clearTables(["ReadinessSnapshot"]);
});

describe("QueuedWrites", () => {
  it("writes issued without waiting are all there for the next statement and the COMMIT", async () => {
    const count = await inWriteTx(async (tx) => {
      const queued = new QueuedWrites(tx);
      for (let i = 0; i < 5; i++) {
        queued.add(tx.insertRows("ReadinessSnapshot", COLUMNS, [row(`a${i}`), row(`b${i}`)]));
        await queued.keepFlowing();
      }
      await queued.handOver();
      const seen = await tx.get<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "ReadinessSnapshot"`);
      await queued.drain();
      return seen?.n;
    });
    expect(count).toBe(10);
    expect(await sqlAll(`SELECT "id" FROM "ReadinessSnapshot" ORDER BY "id"`)).toHaveLength(10);
  });

  it("a failed write is what the transaction reports, and nothing is committed", async () => {
    const attempt = inWriteTx(async (tx) => {
      const queued = new QueuedWrites(tx);
      try {
        queued.add(tx.insertRows("ReadinessSnapshot", COLUMNS, [row("x")]));
        queued.add(tx.insertRows("ReadinessSnapshot", COLUMNS, [row("y"), row("x")])); // "x" twice: the primary key refuses it
        await queued.handOver();
        await tx.get(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "ReadinessSnapshot"`); // PostgreSQL: "current transaction is aborted"
        await queued.drain();
      } catch (error) {
        throw queued.rootCause(error);
      }
    });
    await expect(attempt).rejects.toThrow(/UNIQUE constraint failed|duplicate key value violates unique constraint/);
    expect(await sqlAll(`SELECT "id" FROM "ReadinessSnapshot"`)).toEqual([]);
  });

  it("batches start small and double up to WRITE_BATCH", async () => {
    await inWriteTx(async (tx) => {
      const queued = new QueuedWrites(tx);
      const sizes: number[] = [];
      let inBatch = 0;
      for (let server = 0; server < 10_000; server++) {
        inBatch++;
        if (queued.batchFull()) {
          sizes.push(inBatch);
          inBatch = 0;
        }
      }
      expect(sizes[0]).toBe(FIRST_WRITE_BATCH);
      expect(sizes).toEqual([250, 500, 1_000, 2_000, 2_000, 2_000, 2_000]); // 9,750 of 10,000: the rest is the last, partial batch
      expect(Math.max(...sizes)).toBe(WRITE_BATCH);
    });
  });
});

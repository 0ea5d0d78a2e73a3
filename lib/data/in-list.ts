import type { WriteTx } from "./write-tx";

// IN lists of portable SQL, shared by the write transactions of both databases (write-tx.ts re-exports them).

/** `?, ?, ?` for an IN list of `n` values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

/** Runs `query` over chunks of at most 500 values (IN lists stay far below both databases' parameter limits). */
export async function inChunks<T>(values: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 500) out.push(...(await query(values.slice(i, i + 500))));
  return out;
}

/** WriteTx.allIn on SQLite: `IN (?, …)` over inChunks' chunks (the statements run in the process). */
export function allInChunks<T>(tx: Pick<WriteTx, "all">, sql: (list: string) => string, values: readonly string[]): Promise<T[]> {
  return inChunks(values, (chunk) => tx.all<T>(sql(`IN (${placeholders(chunk.length)})`), chunk));
}

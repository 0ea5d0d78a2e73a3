import type { WriteTx } from "../write-tx";

/** WriteTx.allIn on SQLite: `IN (?, …)` over chunks of 500 values (the statements run in the process). */
export async function allInChunks<T>(tx: WriteTx, sql: (list: string) => string, values: readonly string[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 500) {
    const chunk = values.slice(i, i + 500);
    out.push(...(await tx.all<T>(sql(`IN (${chunk.map(() => "?").join(", ")})`), chunk)));
  }
  return out;
}

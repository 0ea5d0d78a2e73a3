/** The contract between scripts/bench.ts and each suite in scripts/bench/<name>.ts (default export). */
export interface BenchResult {
  /** False when the suite is over its budget: `npm run bench` then exits 1. */
  ok: boolean;
  /** One line with the headline figure, e.g. "rules: 50,000 servers in 612 ms (81,699 servers/s) …". */
  figure: string;
  /** Supporting lines (setup time, individual runs, sanity counts). */
  details: string[];
}

export interface BenchSuite {
  /** Equal to the file name: `npm run bench -- <name>` selects it. */
  name: string;
  description: string;
  /** `options` are the `--key=value` arguments given after the suite names. */
  run(options: Readonly<Record<string, string>>): Promise<BenchResult> | BenchResult;
}

export function isBenchSuite(value: unknown): value is BenchSuite {
  return (
    typeof value === "object" &&
    value !== null &&
    "name" in value &&
    typeof value.name === "string" &&
    "run" in value &&
    typeof value.run === "function"
  );
}

/** Milliseconds taken by fn, with its result. */
export function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 50000 -> "50,000" (fixed en-US grouping, so output does not depend on the machine's locale). */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Reads a positive integer option, e.g. --servers=50000. */
export function intOption(options: Readonly<Record<string, string>>, key: string, fallback: number): number {
  const raw = options[key];
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${key} must be a positive integer, got ${raw}`);
  return value;
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { FORMAT_PARSERS } from "../formats";
import type { ParseFileResult } from "../parse-file";
import type { ParseIssue, ParseResult } from "../types";

/**
 * Shared pieces of the parser fuzzing (lib/ingest/fuzz/*.fuzz.test.ts): the corpus (every ingest fixture and, when
 * the folder exists, every real sample in ../shared/samples), byte mutations, the contract every result must keep, and
 * a worst-case time guard. Seeds are fixed so a failure reproduces; fast-check prints the seed and the path of a
 * counterexample on failure.
 */

export const SEED = 20_251_212;

/** Longest issue message accepted: the longest legitimate one (the "format not recognised" list) is ≈ 900 characters. */
export const MAX_MESSAGE = 3000;

export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

const ROOT = process.cwd();
export const SHARED_SAMPLES = path.resolve(ROOT, "../shared/samples");

function filesIn(dir: string, keep: (name: string) => boolean): CorpusFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => keep(f) && !f.startsWith("."))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(dir, f))) }));
}

/** Fixtures of lib/ingest (formats and collector reports) and the shared samples when present (skipped otherwise). */
export function corpus(): CorpusFile[] {
  const data = (f: string) => /\.(csv|json|txt)$/i.test(f);
  return [
    ...filesIn(path.join(ROOT, "lib/ingest/fixtures"), data),
    ...filesIn(path.join(ROOT, "lib/ingest/collector/fixtures"), (f) => f.endsWith(".json")),
    ...filesIn(SHARED_SAMPLES, (f) => data(f) && f !== "SOURCE.txt"),
  ];
}

export type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; bits: number }
  | { kind: "insert"; at: number; data: Uint8Array }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number; to: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), data: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), to: fc.nat() }),
);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of mutations) {
    const at = m.at % (b.length + 1);
    if (m.kind === "truncate") b = b.subarray(0, at);
    else if (m.kind === "flip") {
      if (b.length === 0) continue;
      b = b.slice();
      b[at % b.length] ^= m.bits;
    } else if (m.kind === "insert") b = concat(b.subarray(0, at), m.data, b.subarray(at));
    else if (m.kind === "delete") b = concat(b.subarray(0, at), b.subarray(at + m.length));
    else {
      const chunk = b.slice(at, at + m.length);
      const to = m.to % (b.length + 1);
      b = concat(b.subarray(0, to), chunk, b.subarray(to));
    }
  }
  return b;
}

/** A long run of one character inserted somewhere: a huge field, cell, line or blank run wherever it lands. */
export const hugeRunArb = fc.record({
  at: fc.nat(),
  text: fc.constantFrom("a", "Z", "0", " ", "\t", ",", ";", ":", "-", "=", ".", '"', "\\", "(", "{", "[", "é", "\u202e", "S-1-", "CN=", "Allow "),
});

export function insertRun(bytes: Uint8Array, at: number, text: string, length: number): Uint8Array {
  const run = new TextEncoder().encode(text.repeat(Math.ceil(length / text.length)));
  const p = at % (bytes.length + 1);
  return concat(bytes.subarray(0, p), run, bytes.subarray(p));
}

/** The worst time per input seen by a property, checked once at the end: < max(1 s, 1 s per MB). A guard, not a benchmark. */
export class WorstCase {
  private worst = { ms: 0, bytes: 0, label: "" };
  private worstRatio = 0;

  time<T>(label: string, bytes: number, run: () => T): T {
    const start = performance.now();
    const value = run();
    this.record(label, bytes, performance.now() - start);
    return value;
  }

  async timeAsync<T>(label: string, bytes: number, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const value = await run();
    this.record(label, bytes, performance.now() - start);
    return value;
  }

  private record(label: string, bytes: number, ms: number): void {
    const ratio = ms / Math.max(1000, (1000 * bytes) / (1024 * 1024));
    if (ratio > this.worstRatio) {
      this.worstRatio = ratio;
      this.worst = { ms, bytes, label };
    }
  }

  assert(): void {
    const { ms, bytes, label } = this.worst;
    expect(this.worstRatio, `slowest input: ${label} (${bytes} bytes) took ${ms.toFixed(0)} ms`).toBeLessThan(1);
  }
}

/** The contract of one issue: names its file, says something, and stays short. */
export function expectIssue(issue: ParseIssue, fileName: string): void {
  expect(issue.file).toBe(fileName);
  expect(issue.message.trim()).not.toBe("");
  expect(issue.message.length, issue.message.slice(0, 200)).toBeLessThanOrEqual(MAX_MESSAGE);
  expect(issue.severity === "error" || issue.severity === "warning").toBe(true);
  if (issue.row !== undefined) expect(Number.isInteger(issue.row) && issue.row >= 1).toBe(true);
  // parseFile turns a parser's exception into this message: the fuzzing counts it as a bug.
  expect(issue.message).not.toContain("unexpected problem in the reader");
}

/** parseFile's contract: a result, or a refusal with at least one error; every issue clear; storable as JSON. */
export function expectParseFileContract(parsed: ParseFileResult, fileName: string): void {
  const issues = parsed.ok ? parsed.result.issues : parsed.issues;
  if (!parsed.ok) expect(issues.some((i) => i.severity === "error")).toBe(true);
  for (const issue of issues) expectIssue(issue, fileName);
  expect(() => JSON.stringify(parsed)).not.toThrow();
}

/** Every parser's detect and parse called directly on the text (as a user's format choice would): no throw. */
export function expectEveryParserCopes(text: string, fileName: string, worst: WorstCase): void {
  for (const parser of FORMAT_PARSERS) {
    const input = { fileName, text, options: {} };
    const confidence = parser.detect(input);
    expect(Number.isFinite(confidence) && confidence >= 0 && confidence <= 1, `${parser.id}.detect gave ${confidence}`).toBe(true);
    const result: ParseResult = worst.time(`${parser.id} on ${fileName}`, text.length, () => parser.parse(input));
    for (const issue of result.issues) expectIssue(issue, fileName);
  }
}

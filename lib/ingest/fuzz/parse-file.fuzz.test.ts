import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../decode";
import { detectFormat } from "../detect";
import { FORMAT_PARSERS } from "../formats";
import { parseFile } from "../parse-file";
import {
  SEED,
  WorstCase,
  corpus,
  expectEveryParserCopes,
  expectParseFileContract,
  hugeRunArb,
  insertRun,
  mutate,
  mutationArb,
} from "./fuzz.test-kit";

/**
 * Fuzzing of parseFile (decode -> detect -> parse -> validate) and of every format parser called directly: mutated
 * fixtures and shared samples, random bytes, token soups, huge fields and deep nesting. Each input gives a result or a
 * clear error (file, row, column, message), never an exception (parseFile would report it as "an unexpected problem in
 * the reader": counted as a failure here) and never more than max(1 s, 1 s per MB).
 */

const files = corpus();
const fileArb = fc.constantFrom(...files);
const MB = 1024 * 1024;

describe("parseFile and every parser under fuzzing", () => {
  it("has a corpus (ingest fixtures, collector reports, shared samples when present)", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it("byte flips, truncations, insertions, deletions and duplicated chunks of every corpus file", () => {
    const worst = new WorstCase();
    fc.assert(
      fc.property(fileArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (file, mutations) => {
        const bytes = mutate(file.bytes, mutations);
        const parsed = worst.time(`parseFile ${file.name}`, bytes.length, () => parseFile(bytes, file.name, { account: "CORP\\provAgentgMSA$" }));
        expectParseFileContract(parsed, file.name);
        const decoded = decodeBytes(bytes);
        if (decoded.ok) expectEveryParserCopes(decoded.text, file.name, worst);
      }),
      { seed: SEED, numRuns: 250 },
    );
    worst.assert();
  });

  it("random bytes, with and without a byte-order mark", () => {
    const worst = new WorstCase();
    const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
    fc.assert(
      fc.property(bom, fc.uint8Array({ maxLength: 3000 }), (prefix, body) => {
        const bytes = Uint8Array.from([...prefix, ...body]);
        const parsed = worst.time("random bytes", bytes.length, () => parseFile(bytes, "random.bin"));
        expectParseFileContract(parsed, "random.bin");
      }),
      { seed: SEED, numRuns: 300 },
    );
    worst.assert();
  });

  it("token soups: a corpus file's own words, delimiters and line breaks in random order", () => {
    const worst = new WorstCase();
    const tokenized = files.map((f) => ({ name: f.name, tokens: new TextDecoder().decode(f.bytes).split(/(\s+|[,;:{}[\]()"=|\\])/).filter((t) => t !== "") }));
    const soup = fc.constantFrom(...tokenized).chain((f) =>
      fc.array(fc.constantFrom(...f.tokens), { minLength: 1, maxLength: 400 }).map((tokens) => ({ name: f.name, text: tokens.join("") })),
    );
    fc.assert(
      fc.property(soup, ({ name, text }) => {
        const bytes = new TextEncoder().encode(text);
        expectParseFileContract(worst.time(`soup of ${name}`, bytes.length, () => parseFile(bytes, name)), name);
        expectEveryParserCopes(text, name, worst);
      }),
      { seed: SEED, numRuns: 120 },
    );
    worst.assert();
  });

  it("a long run of one character (200 KB: a huge field, line or blank run) anywhere in a corpus file, through every parser", () => {
    const worst = new WorstCase();
    fc.assert(
      fc.property(fileArb, hugeRunArb, (file, run) => {
        const bytes = insertRun(file.bytes, run.at, run.text, 200_000);
        expectParseFileContract(worst.time(`parseFile ${file.name} + run of ${run.text}`, bytes.length, () => parseFile(bytes, file.name)), file.name);
        const decoded = decodeBytes(bytes);
        if (decoded.ok) expectEveryParserCopes(decoded.text, file.name, worst);
      }),
      { seed: SEED, numRuns: 25 },
    );
    worst.assert();
  });

  it("a 10 MB field in a file of each format, read as that format", () => {
    const worst = new WorstCase();
    const big = "x".repeat(10 * MB);
    for (const parser of FORMAT_PARSERS) {
      // The corpus file this format detects best: a realistic home for the huge value.
      const home = files.find((f) => {
        const decoded = decodeBytes(f.bytes);
        if (!decoded.ok) return false;
        const detected = detectFormat({ fileName: f.name, text: decoded.text, options: {} });
        return detected.ok && detected.parser.id === parser.id;
      });
      if (home === undefined) continue;
      const text = new TextDecoder().decode(home.bytes);
      // Into the middle of the second line's first value (a header cell, a JSON string, a rights word...).
      const lineBreak = text.indexOf("\n");
      const at = lineBreak === -1 ? Math.floor(text.length / 2) : lineBreak + 2;
      const bytes = new TextEncoder().encode(text.slice(0, at) + big + text.slice(at));
      const parsed = worst.time(`${parser.id}: 10 MB field in ${home.name}`, bytes.length, () => parseFile(bytes, home.name, {}, parser.id));
      expectParseFileContract(parsed, home.name);
      const issues = parsed.ok ? parsed.result.issues : parsed.issues;
      expect(JSON.stringify(issues).length, parser.id).toBeLessThan(100_000);
    }
    worst.assert();
  });

  it("JSON nested 100,000 deep in place of any value of a JSON corpus file", () => {
    const worst = new WorstCase();
    const jsonFiles = files.filter((f) => f.name.endsWith(".json"));
    const deep = { array: "[".repeat(100_000) + "]".repeat(100_000), object: '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000) };
    fc.assert(
      fc.property(fc.constantFrom(...jsonFiles), fc.nat(), fc.constantFrom("array" as const, "object" as const), (file, pick, shape) => {
        const text = new TextDecoder().decode(file.bytes);
        // The start of any value: after a ':' or '[' or ','.
        const starts = [...text.matchAll(/[:[,]\s*/g)].map((m) => m.index + m[0].length);
        if (starts.length === 0) return;
        const start = starts[pick % starts.length];
        const bytes = new TextEncoder().encode(text.slice(0, start) + deep[shape] + "," + text.slice(start));
        const parsed = worst.time(`deep ${shape} in ${file.name}`, bytes.length, () => parseFile(bytes, file.name));
        expectParseFileContract(parsed, file.name);
        for (const parser of FORMAT_PARSERS) {
          const result = parser.parse({ fileName: file.name, text: new TextDecoder().decode(bytes), options: {} });
          expect(() => JSON.stringify(result), parser.id).not.toThrow();
        }
      }),
      { seed: SEED, numRuns: 30 },
    );
    worst.assert();
  });
});

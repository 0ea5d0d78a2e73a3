import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFile } from "../parse-file";
import { JSON_MAX_DEPTH, JSON_MAX_STRING_CHARS, parseJson } from "./parse-json";

// JSON bombs (issue 12): a value nested 100,000 levels deep or a 50 MB string, in a collector, domain or tenant
// export, is refused with a clear file-level error, quickly, and never escapes as a throw (RangeError) or hangs.

const DEPTH = 100_000;
const BIG = 50 * 1024 * 1024;
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const encode = (text: string) => new TextEncoder().encode(text);

const samples = {
  collector: { file: "SYNC01.json", json: readFileSync("lib/ingest/collector/fixtures/server2022-ready.json", "utf8"), format: "collector-json" },
  domain: { file: "domain.json", json: readFileSync("lib/ingest/fixtures/domain.json", "utf8"), format: "domain-json" },
  tenant: { file: "tenant.json", json: readFileSync("lib/ingest/fixtures/graph-combined.json", "utf8"), format: "graph-json" },
};

/** The sample with `"bomb": <payload>` added as its last member (compact: one line), and the column where the payload starts. */
function withBomb(json: string, payload: string): { text: string; column: number } {
  const compact = JSON.stringify(JSON.parse(json) as object);
  const head = `${compact.slice(0, -1)},"bomb":`;
  return { text: `${head}${payload}}`, column: head.length + 1 };
}

function expectRefused(text: string, file: string, message: RegExp, format?: string) {
  const started = performance.now();
  const parsed = parseFile(encode(text), file, {}, format);
  const seconds = (performance.now() - started) / 1000;
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(parsed.issues[0]).toMatchObject({ file, severity: "error", message: expect.stringMatching(message) });
  expect(parsed.result?.hosts ?? []).toEqual([]);
  // Well under a second per megabyte, even on a busy machine.
  expect(seconds).toBeLessThan(Math.max(2, text.length / 1024 / 1024));
}

describe.each(Object.entries(samples))("%s JSON", (_name, sample) => {
  it("parses as it is (the guard leaves real exports alone)", () => {
    expect(parseFile(encode(sample.json), sample.file).ok).toBe(true);
  });

  it("refuses an array nested 100,000 levels deep with the line and column", () => {
    const { text, column } = withBomb(sample.json, deepArray(DEPTH));
    // The 101st bracket is the first past the limit (the document's own brace is the first level).
    expectRefused(text, sample.file, new RegExp(`^The JSON nests deeper than 100 levels at line 1, column ${column + JSON_MAX_DEPTH - 1}; `));
  });

  it("refuses an object nested 100,000 levels deep, also when the format is chosen by the user", () => {
    const { text } = withBomb(sample.json, deepObject(DEPTH));
    expectRefused(text, sample.file, /nests deeper than 100 levels/);
    expectRefused(text, sample.file, /nests deeper than 100 levels/, sample.format);
  });

  it("refuses a 50 MB string field", () => {
    const { text, column } = withBomb(sample.json, `"${"x".repeat(BIG)}"`);
    expectRefused(text, sample.file, new RegExp(`^The JSON holds a text of 52,428,800 characters at line 1, column ${column}; the limit is 1,048,576`));
  });
});

describe("a bomb in a field the parser reads", () => {
  it("refuses a 50 MB computer name and a deeply nested one in a collector report", () => {
    const compact = JSON.stringify(JSON.parse(samples.collector.json) as object);
    expect(compact).toContain('"computerName":"SYNC01"');
    expectRefused(compact.replace('"computerName":"SYNC01"', `"computerName":"${"S".repeat(BIG)}"`), "SYNC01.json", /52,428,800 characters/);
    expectRefused(compact.replace('"computerName":"SYNC01"', `"computerName":${deepArray(DEPTH)}`), "SYNC01.json", /nests deeper than 100 levels/);
  });

  it("refuses a whole file that is nothing but nesting, detected or forced", () => {
    const bomb = deepArray(DEPTH);
    expect(parseFile(encode(bomb), "bomb.json").ok).toBe(false);
    expectRefused(bomb, "bomb.json", /nests deeper than 100 levels/, "collector-json");
    expectRefused(deepObject(DEPTH), "bomb.json", /nests deeper than 100 levels/, "domain-json");
  });
});

describe("parseJson limits", () => {
  it("accepts exactly the limits and refuses one past them", () => {
    expect(parseJson(deepArray(JSON_MAX_DEPTH)).ok).toBe(true);
    expect(parseJson(deepArray(JSON_MAX_DEPTH + 1))).toMatchObject({ ok: false, line: 1, column: JSON_MAX_DEPTH + 1 });
    expect(parseJson(`{"k":"${"v".repeat(JSON_MAX_STRING_CHARS)}"}`).ok).toBe(true);
    expect(parseJson(`{"k":"${"v".repeat(JSON_MAX_STRING_CHARS + 1)}"}`)).toMatchObject({ ok: false, column: 6 });
    expect(parseJson(`{"${"k".repeat(JSON_MAX_STRING_CHARS + 1)}":1}`)).toMatchObject({ ok: false, column: 2 });
  });

  it("finds the line of a bomb in a pretty-printed file", () => {
    const text = `{\n  "a": 1,\n  "b": ${deepArray(DEPTH)}\n}`;
    // "  \"b\": " is 7 characters; the outer brace is the first level, so the 100th bracket of the bomb is the first past the limit.
    expect(parseJson(text)).toMatchObject({ ok: false, line: 3, column: 7 + JSON_MAX_DEPTH });
  });
});

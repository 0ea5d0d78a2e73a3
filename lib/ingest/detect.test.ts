import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FormatParser, ParseInput } from "./types";
import { decodeBytes } from "./decode";
import { detectFormat } from "./detect";
import { FORMAT_PARSERS } from "./formats";
import { newResult } from "./result";

function inputOf(path: string | URL, fileName: string): ParseInput {
  const decoded = decodeBytes(new Uint8Array(readFileSync(path)));
  if (!decoded.ok) throw new Error(decoded.message);
  return { fileName, text: decoded.text, options: {} };
}
const fixture = (name: string) => inputOf(new URL(`./fixtures/${name}`, import.meta.url), name);

describe("detectFormat: every fixture is detected as its own format", () => {
  it.each([
    ["inventory-basic.csv", "inventory-csv"],
    ["inventory-semicolon.csv", "inventory-csv"],
    ["inventory-no-identity.csv", "inventory-csv"],
    ["inventory-mapping.csv", "inventory-csv"],
    ["systeminfo-single.csv", "systeminfo-csv"],
    ["systeminfo-multi.csv", "systeminfo-csv"],
    ["systeminfo-localized.csv", "systeminfo-csv"],
    ["computerinfo-single.json", "computerinfo-json"],
    ["computerinfo-array.json", "computerinfo-json"],
    ["computerinfo-list-multi.txt", "computerinfo-list"],
    ["getacl.csv", "getacl-csv"],
    ["getacl-semicolon-numeric.csv", "getacl-csv"],
    ["getacl.json", "getacl-json"],
    ["getacl-single.json", "getacl-json"],
    ["getacl-table-wrap.txt", "getacl-table"],
    ["dsacls-domain-root.txt", "dsacls-text"],
    ["dsacls-audit.txt", "dsacls-text"],
    ["domain.json", "domain-json"],
    ["domain-array.json", "domain-json"],
    ["graph-domains.json", "graph-json"],
    ["graph-hybrid-admins.json", "graph-json"],
    ["graph-combined.json", "graph-json"],
    ["graph-role-assignments.json", "graph-json"],
    ["graph-admin-roles-collect.json", "graph-json"],
    ["scope-plan.json", "scope-plan"],
    ["scope-plan.csv", "scope-plan"],
  ])("%s -> %s", (name, format) => {
    const result = detectFormat(fixture(name));
    expect(result.ok ? result.parser.id : result.message).toBe(format);
  });

  it("detects the real samples", () => {
    const list = detectFormat(inputOf("/work/shared/samples/get-computerinfo-formatlist-osd-subset.txt", "ci.txt"));
    const table = detectFormat(inputOf("/work/shared/samples/getacl-ad-formattable-crtp-excerpt.txt", "acl.txt"));
    expect(list).toMatchObject({ ok: true, parser: { id: "computerinfo-list" } });
    expect(table).toMatchObject({ ok: true, parser: { id: "getacl-table" } });
  });

  it("leaves the collector's own JSON to collector-json", () => {
    const dir = new URL("./collector/fixtures/", import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const result = detectFormat(inputOf(new URL(file, dir), file));
      expect(result.ok ? result.parser.id : result.message).toBe("collector-json");
    }
  });

  it("registers every format once", () => {
    const ids = FORMAT_PARSERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        "collector-json",
        "inventory-csv",
        "systeminfo-csv",
        "computerinfo-json",
        "computerinfo-list",
        "getacl-csv",
        "getacl-json",
        "getacl-table",
        "dsacls-text",
        "domain-json",
        "graph-json",
        "scope-plan",
      ]),
    );
  });
});

describe("detectFormat: unclear input", () => {
  const fake = (id: string, score: number | (() => number)): FormatParser => ({
    id,
    kind: "host-inventory",
    label: `Fake ${id}`,
    detect: typeof score === "number" ? () => score : score,
    parse: () => newResult("host-inventory", id),
  });
  const input: ParseInput = { fileName: "x.txt", text: "hello world", options: {} };

  it("refuses text no format recognises, listing the supported formats", () => {
    const result = detectFormat({ fileName: "notes.txt", text: "Meeting notes, agenda and actions\nNothing to see here.\n", options: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/not recognised/);
      expect(result.message).toMatch(/systeminfo \/fo csv/);
      expect(result.message).toMatch(/choose the format manually/);
    }
  });

  it("reports near ties with the candidates", () => {
    const result = detectFormat(input, undefined, [fake("a", 0.9), fake("b", 0.88), fake("c", 0.2)]);
    expect(result).toMatchObject({ ok: false, candidates: [{ id: "a" }, { id: "b" }, { id: "c" }] });
    if (!result.ok) expect(result.message).toMatch(/Fake a \[a\] \(90%\), Fake b \[b\] \(88%\)/);
  });

  it("reports low confidence with the closest matches", () => {
    const result = detectFormat(input, undefined, [fake("a", 0.3), fake("b", 0)]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Closest matches: Fake a \[a\] \(30%\)/);
  });

  it("treats a throwing detector as 'not this format'", () => {
    const result = detectFormat(input, undefined, [
      fake("boom", () => {
        throw new Error("bad");
      }),
      fake("ok", 0.9),
    ]);
    expect(result).toMatchObject({ ok: true, parser: { id: "ok" } });
  });

  it("honours a manual format choice and rejects unknown ids", () => {
    expect(detectFormat(input, "b", [fake("a", 0.9), fake("b", 0)])).toMatchObject({ ok: true, parser: { id: "b" }, overridden: true, confidence: 1 });
    const unknown = detectFormat(input, "zzz", [fake("a", 0.9)]);
    expect(unknown).toMatchObject({ ok: false, message: 'Unknown format "zzz". Known formats: a.' });
  });
});

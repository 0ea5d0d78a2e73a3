import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FormatParser, ParseResult } from "./types";
import { parseFile } from "./parse-file";
import { newResult } from "./result";

const fixtureBytes = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const sampleText = () => readFileSync("/work/shared/samples/get-computerinfo-formatlist-osd-subset.txt", "utf8");

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}
function utf16be(text: string): Uint8Array {
  const le = utf16le(text);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1];
    out[i + 1] = le[i];
  }
  return out;
}
const utf8Bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);

describe("parseFile: encodings", () => {
  const csv = new TextDecoder().decode(fixtureBytes("systeminfo-multi.csv"));
  const baseline = parseFile(new TextEncoder().encode(csv), "si.csv");

  it.each([
    ["UTF-16 LE with BOM", utf16le(csv), "utf-16le"],
    ["UTF-16 BE with BOM", utf16be(csv), "utf-16be"],
    ["UTF-8 with BOM", utf8Bom(csv), "utf-8-bom"],
    ["LF instead of CRLF", new TextEncoder().encode(csv.replace(/\r\n/g, "\n")), "utf-8"],
  ])("gives the same hosts for %s", (_name, bytes, encoding) => {
    const result = parseFile(bytes, "si.csv");
    expect(result).toMatchObject({ ok: true, encoding });
    if (result.ok && baseline.ok) expect(result.result.hosts).toEqual(baseline.result.hosts);
  });

  it("reads the real Get-ComputerInfo sample saved by Windows PowerShell 5.1 (UTF-16 LE, CRLF)", () => {
    const result = parseFile(utf16le(sampleText().replace(/\n/g, "\r\n")), "computerinfo.txt");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result).toMatchObject({ encoding: "utf-16le", result: { format: "computerinfo-list", records: 1 } });
    expect(result.result.hosts[0].facts.os).toMatchObject({ build: 22621, ubr: 2134, installationType: "Client", productType: "workstation" });
  });

  it("reads the real Format-Table sample end to end", () => {
    const bytes = new Uint8Array(readFileSync("/work/shared/samples/getacl-ad-formattable-crtp-excerpt.txt"));
    const result = parseFile(bytes, "crtp.txt", { account: "dcorp\\Domain Admins" });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.result.acls.map((a) => a.aces?.length)).toEqual([1, 1, 9]);
  });
});

describe("parseFile: errors as values", () => {
  it("refuses undecodable files without throwing", () => {
    expect(parseFile(new Uint8Array(), "empty.csv")).toEqual({
      ok: false,
      issues: [{ file: "empty.csv", message: "The file is empty (0 bytes).", severity: "error" }],
      candidates: [],
    });
    const pdf = parseFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), "report.pdf");
    expect(pdf).toMatchObject({ ok: false, issues: [{ file: "report.pdf", severity: "error", message: expect.stringMatching(/PDF/) }] });
  });

  it("refuses unrecognised files with the candidates", () => {
    const result = parseFile(new TextEncoder().encode("just some words\n"), "notes.txt");
    expect(result).toMatchObject({ ok: false, issues: [{ severity: "error", message: expect.stringMatching(/not recognised/) }] });
  });

  it("uses a manual format choice", () => {
    const bytes = new TextEncoder().encode("Asset,Memory\nsrv01.corp.com,16 GB\n");
    const result = parseFile(bytes, "x.csv", { columnMapping: { Asset: "hostName" } }, "inventory-csv");
    expect(result).toMatchObject({ ok: true, confidence: 1, result: { format: "inventory-csv", hosts: [{ facts: { identity: { fqdn: "srv01.corp.com" } } }] } });
  });

  it("turns an exception inside a parser into a file-level error", () => {
    const exploding: FormatParser = {
      id: "boom",
      kind: "domain",
      label: "Exploding format",
      detect: () => 1,
      parse: () => {
        throw new TypeError("cannot read properties of undefined");
      },
    };
    const result = parseFile(new TextEncoder().encode("anything"), "x.json", {}, undefined, [exploding]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        file: "x.json",
        severity: "error",
        message: expect.stringMatching(/could not be read as Exploding format .*cannot read properties of undefined.*Nothing was imported/),
      },
    ]);
    expect(result.result).toMatchObject({ kind: "domain", format: "boom", hosts: [] });
  });

  it("re-validates records against the facts schemas", () => {
    const sloppy: FormatParser = {
      id: "sloppy",
      kind: "host-inventory",
      label: "Sloppy",
      detect: () => 1,
      parse: (): ParseResult => ({
        ...newResult("host-inventory", "sloppy"),
        records: 2,
        hosts: [
          { row: 2, facts: { identity: { fqdn: "ok.corp.com" } } },
          { row: 3, facts: { os: { build: -1 } } },
        ],
      }),
    };
    const result = parseFile(new TextEncoder().encode("x"), "s.txt", {}, undefined, [sloppy]);
    expect(result).toMatchObject({ ok: true, result: { rejected: 1, hosts: [{ row: 2 }] } });
    if (result.ok) expect(result.result.issues).toEqual([expect.objectContaining({ row: 3, column: "os.build", severity: "error" })]);
  });

  it("drops every record when a parser reports a file-level error, listing that error first", () => {
    const partial: FormatParser = {
      id: "partial",
      kind: "host-inventory",
      label: "Partial",
      detect: () => 1,
      parse: (): ParseResult => ({
        ...newResult("host-inventory", "partial"),
        records: 2,
        rejected: 1,
        hosts: [{ row: 2, facts: { identity: { fqdn: "a.corp.com" } } }],
        issues: [
          { file: "p.csv", row: 3, message: "row problem", severity: "error" },
          { file: "p.csv", message: "whole file problem", severity: "error" },
        ],
      }),
    };
    const result = parseFile(new TextEncoder().encode("x"), "p.csv", {}, undefined, [partial]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message)).toEqual(["whole file problem", "row problem"]);
    expect(result.result?.hosts).toEqual([]);
  });

  it("enforces maxRows for every format", () => {
    const result = parseFile(fixtureBytes("scope-plan.json"), "scope.json", { maxRows: 1 });
    expect(result).toMatchObject({ ok: false, issues: [expect.objectContaining({ severity: "error", message: expect.stringMatching(/more configurations/) })] });
  });

  it("reports truncated JSON with line and column", () => {
    const text = new TextDecoder().decode(fixtureBytes("graph-combined.json")).slice(0, 200);
    const result = parseFile(new TextEncoder().encode(text), "graph.json");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toMatch(/ends too early at line \d+, column \d+: the file looks truncated/);
  });

  it("passes decode warnings through", () => {
    const ansi = new Uint8Array([...new TextEncoder().encode("Host Name,Owner\nsrv01.corp.com,M"), 0xfc, ...new TextEncoder().encode("ller\n")]);
    const result = parseFile(ansi, "ansi.csv");
    expect(result).toMatchObject({ ok: true, encoding: "windows-1252", result: { hosts: [{ facts: { owner: "Müller" } }] } });
    if (result.ok) expect(result.result.issues[0]).toMatchObject({ severity: "warning", message: expect.stringMatching(/Windows-1252/) });
  });
});

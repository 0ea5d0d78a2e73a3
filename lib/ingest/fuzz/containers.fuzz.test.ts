import { gzipSync } from "node:zlib";
import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { createTar } from "nanotar";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS, openArchive, parseArchive } from "../archive";
import { rawZip } from "../archive/testing/raw-zip";
import { decodeBytes } from "../decode";
import { parseWorkbook, readWorkbook } from "../xlsx";
import { SEED, WorstCase, corpus, expectIssue, mutate, mutationArb } from "./fuzz.test-kit";

/**
 * Fuzzing of the archive readers (ZIP, gzip, tar.gz) and the workbook reader: byte flips, truncations, insertions and
 * duplicated chunks of real containers holding corpus files. Each gives an opened archive or a refusal with a message,
 * never an exception, within max(1 s, 1 s per MB); an archive that opens is parsed entry by entry with the same contract.
 */

const files = corpus().slice(0, 12);
const limits = DEFAULT_ARCHIVE_LIMITS;

function checkArchive(bytes: Uint8Array, name: string, worst: WorstCase): void {
  const opened = worst.time(`open ${name}`, bytes.length, () => openArchive(bytes, name, limits));
  if (opened === undefined) return; // the magic bytes were flipped: a plain file, fuzzed elsewhere
  if (!opened.ok) {
    expect(opened.message.trim()).not.toBe("");
    expect(opened.message.length).toBeLessThan(3000);
    return;
  }
  const parsed = worst.time(`parse ${name}`, bytes.length, () => parseArchive(opened, name, {}));
  if (!parsed.ok) expect(parsed.issues.some((i) => i.severity === "error")).toBe(true);
  for (const issue of parsed.issues) expectIssue(issue, issue.file);
  expect(parsed.issues.every((i) => i.file === name || i.file.startsWith(`${name} › `))).toBe(true);
  expect(() => JSON.stringify(parsed)).not.toThrow();
}

describe("archive readers under fuzzing", () => {
  const zip = rawZip(files.map((f) => ({ name: `reports/${f.name}`, data: f.bytes })));
  const stored = rawZip(files.slice(0, 4).map((f) => ({ name: f.name, data: f.bytes, method: 0 })));
  const gzip = new Uint8Array(gzipSync(files[0].bytes));
  const tarGz = new Uint8Array(gzipSync(createTar(files.map((f) => ({ name: `exports/${f.name}`, data: f.bytes })))));

  it("the unmutated containers open and parse", () => {
    for (const [bytes, name] of [[zip, "fleet.zip"], [stored, "stored.zip"], [gzip, `${files[0].name}.gz`], [tarGz, "fleet.tar.gz"]] as const) {
      const opened = openArchive(bytes, name, limits);
      expect(opened?.ok, name).toBe(true);
    }
  });

  it.each([
    ["fleet.zip", zip],
    ["stored.zip", stored],
    ["inventory.csv.gz", gzip],
    ["fleet.tar.gz", tarGz],
  ] as const)("%s: mutated bytes open or are refused with a message, never throw", (name, container) => {
    const worst = new WorstCase();
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        checkArchive(mutate(container, mutations), name, worst);
      }),
      { seed: SEED, numRuns: 150 },
    );
    worst.assert();
  });

  it("random bytes behind a ZIP or gzip signature", () => {
    const worst = new WorstCase();
    fc.assert(
      fc.property(fc.constantFrom([0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0x1f, 0x8b]), fc.uint8Array({ maxLength: 2000 }), (magic, body) => {
        checkArchive(Uint8Array.from([...magic, ...body]), "random.zip", worst);
      }),
      { seed: SEED, numRuns: 200 },
    );
    worst.assert();
  });
});

describe("the workbook reader under fuzzing", () => {
  let workbook: Uint8Array;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Servers");
    ws.addRow(["Host Name", "Operating System", "RAM (GB)", "Domain", "Last Seen"]);
    for (let i = 1; i <= 20; i++) ws.addRow([`SRV${i}`, "Microsoft Windows Server 2022 Datacenter", 16, "corp.contoso.com", new Date(Date.UTC(2026, 0, i))]);
    workbook = new Uint8Array(await wb.xlsx.writeBuffer());
  });

  it("workbooks whose sheet or shared-strings XML is mutated (re-zipped, so exceljs reads it) are read or refused", async () => {
    const parts = new AdmZip(Buffer.from(workbook)).getEntries().map((e) => ({ name: e.entryName, data: new Uint8Array(e.getData()) }));
    const targets = parts.filter((p) => /worksheets\/sheet1\.xml$|sharedStrings\.xml$|workbook\.xml$|styles\.xml$/.test(p.name)).map((p) => p.name);
    expect(targets.length).toBeGreaterThanOrEqual(2);
    const worst = new WorstCase();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (target, mutations) => {
        const bytes = rawZip(parts.map((p) => (p.name === target ? { name: p.name, data: mutate(p.data, mutations) } : p)));
        const read = await worst.timeAsync(`workbook with ${target} mutated`, bytes.length, () => readWorkbook(bytes, "servers.xlsx", limits));
        if (!read.ok) {
          expect(read.message.trim()).not.toBe("");
          expect(read.message.length).toBeLessThan(3000);
          return;
        }
        const parsed = parseWorkbook(read, "servers.xlsx", {});
        for (const issue of parsed.ok ? parsed.result.issues : parsed.issues) expectIssue(issue, issue.file);
      }),
      { seed: SEED, numRuns: 60 },
    );
    worst.assert();
  });

  it("mutated workbooks are read or refused with a message, never throw", async () => {
    const worst = new WorstCase();
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const bytes = mutate(workbook, mutations);
        const read = await worst.timeAsync("workbook", bytes.length, () => readWorkbook(bytes, "servers.xlsx", limits));
        if (!read.ok) {
          expect(read.message.trim()).not.toBe("");
          expect(read.message.length).toBeLessThan(3000);
          return;
        }
        const parsed = parseWorkbook(read, "servers.xlsx", {});
        const issues = parsed.ok ? parsed.result.issues : parsed.issues;
        for (const issue of issues) expectIssue(issue, issue.file);
        expect(() => JSON.stringify(parsed)).not.toThrow();
      }),
      { seed: SEED, numRuns: 60 },
    );
    worst.assert();
  });
});

describe("decoding under fuzzing (BOMs, UTF-16 with and without BOM, UTF-8)", () => {
  const chars = fc.constantFrom("a", "Z", "7", " ", ",", ";", "\t", "\n", "\r\n", "é", "ß", "中", "😀", "\u00a0", "\u202e", '"');
  const textArb = fc.array(chars, { minLength: 1, maxLength: 300 }).map((c) => `x${c.join("")}`);
  const encode = {
    utf8: (t: string) => new TextEncoder().encode(t),
    utf8bom: (t: string) => Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)]),
    utf16le: (t: string) => Uint8Array.from([0xff, 0xfe, ...utf16(t, true)]),
    utf16be: (t: string) => Uint8Array.from([0xfe, 0xff, ...utf16(t, false)]),
  };
  function utf16(text: string, little: boolean): number[] {
    const out: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (little) out.push(c & 0xff, c >> 8);
      else out.push(c >> 8, c & 0xff);
    }
    return out;
  }

  it.each(Object.keys(encode) as (keyof typeof encode)[])("%s text decodes to the same text, line endings as LF", (encoding) => {
    fc.assert(
      fc.property(textArb, (text) => {
        const decoded = decodeBytes(encode[encoding](text));
        expect(decoded.ok).toBe(true);
        if (decoded.ok) expect(decoded.text).toBe(text.replace(/\r\n?/g, "\n"));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("ASCII text in UTF-16 without a BOM is recognised", () => {
    const ascii = fc.array(fc.constantFrom("a", "Z", "7", " ", ",", "\n"), { minLength: 4, maxLength: 300 }).map((c) => `Host${c.join("")}`);
    fc.assert(
      fc.property(ascii, fc.boolean(), (text, little) => {
        const decoded = decodeBytes(Uint8Array.from(utf16(text, little)));
        expect(decoded).toMatchObject({ ok: true, text, encoding: little ? "utf-16le" : "utf-16be" });
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("any bytes decode or are refused with a message", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        const decoded = decodeBytes(bytes);
        if (!decoded.ok) expect(decoded.message.trim()).not.toBe("");
        else expect(decoded.text.includes("\r")).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

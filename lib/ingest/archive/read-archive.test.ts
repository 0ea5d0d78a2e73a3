import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import AdmZip from "adm-zip";
import { createTar } from "nanotar";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS, escapeEntryName, openArchive, parseArchive, type ArchiveLimits, type OpenedArchive } from "./index";
import { rawZip } from "./testing/raw-zip";

const fixture = (relative: string) => fs.readFileSync(path.resolve("lib/ingest", relative));
const REPORT_A = fixture("collector/fixtures/server2022-ready.json");
const REPORT_B = fixture("collector/fixtures/server2016-old-dotnet.json");
const INVENTORY = fixture("fixtures/inventory-basic.csv");
const KB = 1024;
const SMALL: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: 256 * KB, maxTotalBytes: 512 * KB, ratioFloorBytes: 16 * KB, maxEntryRatio: 50, maxTotalRatio: 50 };

function opened(bytes: Uint8Array, name: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Extract<OpenedArchive, { ok: true }> {
  const result = openArchive(bytes, name, limits);
  if (result === undefined || !result.ok) throw new Error(`not opened: ${JSON.stringify(result)}`);
  return result;
}

function refusedWith(bytes: Uint8Array, name: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): string {
  const result = openArchive(bytes, name, limits);
  if (result === undefined) throw new Error("not an archive");
  if (!result.ok) return result.message;
  const parsed = parseArchive(result, name, {});
  expect(parsed.ok).toBe(false);
  expect(parsed.result.hosts).toEqual([]);
  return parsed.issues
    .filter((i) => i.severity === "error")
    .map((i) => i.message)
    .join("\n");
}

function zipOf(files: Record<string, Uint8Array | string>): Uint8Array {
  const zip = new AdmZip();
  for (const [name, data] of Object.entries(files)) zip.addFile(name, Buffer.from(typeof data === "string" ? Buffer.from(data) : data));
  return new Uint8Array(zip.toBuffer());
}

// Nothing in the archive reader may touch the disk, whatever the entry names say.
const writes = ["writeFileSync", "mkdirSync", "mkdtempSync", "symlinkSync", "linkSync", "renameSync", "copyFileSync", "appendFileSync", "chmodSync", "utimesSync", "createWriteStream"] as const;
let spies: ReturnType<typeof vi.spyOn>[] = [];
let opens: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  spies = writes.map((method) => vi.spyOn(fs, method));
  opens = vi.spyOn(fs, "openSync");
});
afterEach(() => {
  for (const spy of spies) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
  // Reading the test's own fixtures opens files for reading; nothing may open one for writing.
  for (const call of opens.mock.calls) expect(call[1] ?? "r").toBe("r");
  opens.mockRestore();
});

describe("reading archives entry by entry", () => {
  it("reads every collector report of a ZIP as if uploaded alone and combines them", () => {
    const bytes = zipOf({ "reports/WEB01.cloudsync-readiness.json": REPORT_A, "reports/WEB02.cloudsync-readiness.json": REPORT_B });
    const parsed = parseArchive(opened(bytes, "fleet.zip"), "fleet.zip", {});
    expect(parsed).toMatchObject({ ok: true, container: "zip", kind: "host-inventory", format: "collector-json" });
    expect(parsed.result.hosts).toHaveLength(2);
    expect(parsed.result.hosts[0]?.source).toBe("fleet.zip › reports/WEB01.cloudsync-readiness.json");
    expect(parsed.entries.map((e) => [e.position, e.name, e.format, e.records, e.accepted])).toEqual([
      [1, "reports/WEB01.cloudsync-readiness.json", "collector-json", 1, 1],
      [2, "reports/WEB02.cloudsync-readiness.json", "collector-json", 1, 1],
    ]);
  });

  it("skips folders, __MACOSX/, .DS_Store and Thumbs.db with a note", () => {
    const bytes = zipOf({ "reports/": "", "reports/a.json": REPORT_A, "__MACOSX/reports/._a.json": "x", "reports/.DS_Store": "x", "reports/Thumbs.db": "x" });
    const parsed = parseArchive(opened(bytes, "mac.zip"), "mac.zip", {});
    expect(parsed.ok).toBe(true);
    expect(parsed.entries.map((e) => e.name)).toEqual(["reports/a.json"]);
    const note = parsed.issues.find((i) => i.message.includes("skipped"));
    expect(note).toMatchObject({ file: "mac.zip", severity: "warning" });
    expect(note?.message).toContain("__MACOSX/reports/._a.json (macOS metadata)");
    expect(note?.message).toContain("reports/Thumbs.db (Windows metadata)");
  });

  it("mixes kinds into one result and says so", () => {
    const bytes = zipOf({ "hosts/a.json": REPORT_A, "inventory.csv": INVENTORY });
    const parsed = parseArchive(opened(bytes, "mixed.zip"), "mixed.zip", {});
    expect(parsed.kind).toBe("host-inventory");
    expect(parsed.format).toBe("mixed");
    expect(parsed.result.records).toBe(1 + parsed.entries[1]!.records);
  });

  it("reads a .gz of one file as that file, and a .tar.gz as its members", () => {
    const gz = gzipSync(INVENTORY);
    const single = parseArchive(opened(gz, "inventory.csv.gz"), "inventory.csv.gz", {});
    expect(single).toMatchObject({ ok: true, container: "gzip", format: "inventory-csv" });
    expect(single.entries).toMatchObject([{ name: "inventory.csv", records: single.result.records }]);

    const tar = createTar([
      { name: "reports/", data: undefined },
      { name: "reports/WEB01.json", data: new Uint8Array(REPORT_A) },
      { name: "reports/WEB02.json", data: new Uint8Array(REPORT_B) },
    ]);
    const tgz = parseArchive(opened(gzipSync(tar), "fleet.tgz"), "fleet.tgz", {});
    expect(tgz).toMatchObject({ ok: true, container: "tar.gz", format: "collector-json" });
    expect(tgz.entries.map((e) => e.name)).toEqual(["reports/WEB01.json", "reports/WEB02.json"]);
    expect(tgz.result.hosts).toHaveLength(2);
  });

  it("refuses the whole archive when one entry cannot be read, naming the entry", () => {
    const bytes = zipOf({ "reports/a.json": REPORT_A, "reports/notes.txt": "just some words\n" });
    const parsed = parseArchive(opened(bytes, "fleet.zip"), "fleet.zip", {});
    expect(parsed.ok).toBe(false);
    expect(parsed.result.hosts).toEqual([]);
    expect(parsed.issues.find((i) => i.severity === "error")?.file).toBe("fleet.zip › reports/notes.txt");
    expect(parsed.entries.map((e) => e.readable)).toEqual([true, false]);
  });

  it("names the entry, row and column of a row error and of a cell warning", () => {
    const csv = "Host Name,RAM (GB)\nSYNC01,16\nSYNC02,lots\n,8\n";
    const parsed = parseArchive(opened(zipOf({ "inv/a.csv": csv }), "fleet.zip"), "fleet.zip", {});
    expect(parsed.ok).toBe(true);
    expect(parsed.result.rejected).toBe(1);
    expect(parsed.result.hosts).toHaveLength(2);
    expect(parsed.issues).toContainEqual(expect.objectContaining({ file: "fleet.zip › inv/a.csv", row: 4, column: "Host Name", severity: "error" }));
    expect(parsed.issues).toContainEqual(expect.objectContaining({ file: "fleet.zip › inv/a.csv", row: 3, column: "RAM (GB)", severity: "warning" }));
  });

  it("refuses nested archives and workbooks", () => {
    const inner = zipOf({ "a.json": REPORT_A });
    expect(refusedWith(zipOf({ "outer/inner.zip": inner }), "outer.zip")).toMatch(/outer\.zip › outer\/inner\.zip is itself an archive/);
    expect(refusedWith(zipOf({ "data.bin": gzipSync(REPORT_A) }), "outer.zip")).toMatch(/itself an archive/);
  });

  it("refuses two tenant exports in one archive", () => {
    const graph = fixture("fixtures/graph-combined.json");
    expect(refusedWith(zipOf({ "t1.json": graph, "t2.json": graph }), "tenants.zip")).toMatch(/t2\.json is a second tenant export in the archive \(the first is tenants\.zip › t1\.json\)/);
  });

  it("refuses an entry of another kind than the expected one", () => {
    const result = openArchive(zipOf({ "a.json": REPORT_A, "scope.json": fixture("fixtures/scope-plan.json") }), "x.zip", DEFAULT_ARCHIVE_LIMITS);
    if (!result?.ok) throw new Error("not opened");
    const parsed = parseArchive(result, "x.zip", {}, undefined, "host-inventory");
    expect(parsed.ok).toBe(false);
    expect(parsed.issues[0]?.message).toMatch(/x\.zip › scope\.json looks like sync-scope data/);
  });

  it("refuses encrypted entries and unsupported compression methods with a clear message", () => {
    expect(refusedWith(rawZip([{ name: "a.json", data: REPORT_A, flags: 1 }]), "secret.zip")).toMatch(/secret\.zip › a\.json is encrypted/);
    expect(refusedWith(rawZip([{ name: "a.json", data: REPORT_A, method: 14 }]), "lzma.zip")).toMatch(/compressed with LZMA, which is not supported/);
  });

  it("refuses what is not a readable archive", () => {
    expect(refusedWith(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "broken.zip")).toMatch(/broken\.zip is not a readable ZIP archive/);
    expect(refusedWith(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2]), "broken.gz")).toMatch(/broken\.gz is not a readable gzip file/);
    expect(refusedWith(zipOf({ "empty/": "" }), "empty.zip")).toMatch(/holds no files to read/);
  });
});

describe("archive bombs", () => {
  const zeros = (n: number) => new Uint8Array(n);

  it("refuses an entry whose compression ratio is too high", () => {
    expect(refusedWith(zipOf({ "big.csv": zeros(200 * KB) }), "ratio.zip", SMALL)).toMatch(/ratio\.zip › big\.csv declares .* times its compressed size .* archive bomb/);
  });

  it("refuses an entry larger than the per-entry limit, and an archive over the total", () => {
    // Text that barely compresses (a pseudo-random walk over letters), so only the size limits can trip.
    const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => 97 + (((i * 2654435761) >>> 13) % 26));
    expect(refusedWith(zipOf({ "huge.csv": random(300 * KB) }), "entry.zip", SMALL)).toMatch(/entry\.zip › huge\.csv declares 300 KB, more than the 256 KB allowed for one file inside an archive/);
    const files = Object.fromEntries([0, 1, 2, 3].map((i) => [`part${i}.csv`, random(200 * KB)]));
    expect(refusedWith(zipOf(files), "total.zip", SMALL)).toMatch(/total\.zip inflates to more than 512 KB \(the limit for the files inside one archive\)/);
  });

  it("does not trust the declared size: an entry that inflates past it is stopped while inflating", () => {
    // Declares 1 KB, holds 10 MB of zeros (≈ 10 KB deflated): zlib stops at the declared size.
    const lying = rawZip([{ name: "reports/WEB01.json", data: zeros(10 * 1024 * KB), declaredSize: KB }]);
    expect(refusedWith(lying, "liar.zip")).toMatch(/liar\.zip › reports\/WEB01\.json inflates to more than its header declares/);
  });

  it("stops a gzip bomb while inflating", () => {
    const bomb = gzipSync(zeros(20 * 1024 * KB));
    expect(refusedWith(bomb, "bomb.csv.gz", SMALL)).toMatch(/bomb\.csv\.gz inflates to more than 512 KB .* 50 times its size: an archive bomb\?/);
  });

  it("refuses too many entries", () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`r/${i}.json`, REPORT_A]));
    expect(refusedWith(zipOf(files), "many.zip", { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 10 })).toMatch(/many\.zip holds 12 entries; the limit is 10 files per archive/);
    const tar = createTar(Array.from({ length: 12 }, (_, i) => ({ name: `r/${i}.json`, data: new Uint8Array(REPORT_A) })));
    expect(refusedWith(gzipSync(tar), "many.tgz", { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 10 })).toMatch(/many\.tgz holds 12 files; the limit is 10/);
  });
});

describe("entry names are labels, never paths", () => {
  const NAMES = ["../../etc/passwd", "C:\\Windows\\x", "/etc/shadow", "..\\..\\boot.ini", "a\u0000b.json", "evil\u202egnp.json"];

  it("reads entries with traversal, absolute, drive and NUL names without touching the disk, names escaped", () => {
    const bytes = rawZip(NAMES.map((name) => ({ name, data: REPORT_A })));
    // Each is a valid report of the same host: read, labelled by its (escaped) name, written nowhere.
    const parsed = parseArchive(opened(bytes, "evil.zip"), "evil.zip", {});
    expect(parsed.entries.map((e) => e.name)).toEqual(["../../etc/passwd", "C:\\Windows\\x", "/etc/shadow", "..\\..\\boot.ini", "a\\x00b.json", "evil\\u202egnp.json"]);
    expect(parsed.ok).toBe(true);
    expect(parsed.result.hosts.map((h) => h.source)).toContain("evil.zip › a\\x00b.json");
    expect(fs.existsSync(path.resolve("etc/passwd"))).toBe(false);
  });

  it("tar members keep a label too (nanotar drops leading ../ and /)", () => {
    const tar = createTar([{ name: "../../etc/passwd", data: new Uint8Array(REPORT_A) }]);
    const parsed = parseArchive(opened(gzipSync(tar), "evil.tgz"), "evil.tgz", {});
    expect(parsed.ok).toBe(true);
    expect(parsed.entries[0]?.name).toBe("etc/passwd");
  });

  it("escapes control and bidi characters", () => {
    expect(escapeEntryName("a\u0000b\u001b[31m\u202e")).toBe("a\\x00b\\x1b[31m\\u202e");
    expect(escapeEntryName("")).toBe("(unnamed entry)");
    expect(escapeEntryName("x".repeat(500))).toHaveLength(300);
  });
});

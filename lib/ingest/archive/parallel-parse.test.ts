import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import AdmZip from "adm-zip";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS, openArchive, parseArchive, type OpenedArchive } from "./index";
import { parseArchiveInParallel } from "./parallel-parse";
import type { ParseThreadScript } from "../parse-thread-config";
import { rawZip } from "./testing/raw-zip";

// The two-thread parse of a large ZIP (decision 028) must give exactly what parseArchive gives on one thread, whatever
// the archive holds; these run it on small archives (minEntries 2) with the real thread, from source through tsx.

const fixture = (relative: string) => fs.readFileSync(path.resolve("lib/ingest", relative));
const REPORTS = ["server2022-ready", "server2016-old-dotnet", "server2022-core", "server2019-probe-errors", "server2025-dc-domain-acl", "server2022-proxy"].map((name) =>
  fixture(`collector/fixtures/${name}.json`),
);
const INVENTORY = fixture("fixtures/inventory-basic.csv");
const SOURCE_THREAD: ParseThreadScript = {
  file: path.resolve("lib/ingest/archive/parse-thread-boot.mjs"),
  workerData: { source: pathToFileURL(path.resolve("lib/ingest/archive/parse-thread.ts")).href },
};

function open(bytes: Uint8Array, name: string): Extract<OpenedArchive, { ok: true }> {
  const result = openArchive(bytes, name, DEFAULT_ARCHIVE_LIMITS);
  if (result === undefined || !result.ok) throw new Error(`not opened: ${JSON.stringify(result)}`);
  return result;
}

function zipOf(files: readonly [string, Uint8Array | string][]): Uint8Array {
  const zip = new AdmZip();
  for (const [name, data] of files) zip.addFile(name, Buffer.from(data));
  return new Uint8Array(zip.toBuffer());
}

/** Twelve collector reports, each an entry of its own. */
function reports(count = 12): [string, Uint8Array | string][] {
  return Array.from({ length: count }, (_, i) => [`reports/HOST${String(i).padStart(2, "0")}.json`, REPORTS[i % REPORTS.length]]);
}

async function bothWays(bytes: Uint8Array, name: string, kind?: "host-inventory", script: ParseThreadScript = SOURCE_THREAD) {
  const one = parseArchive(open(bytes, name), name, {}, undefined, kind);
  const two = await parseArchiveInParallel(open(bytes, name), name, bytes.byteLength, DEFAULT_ARCHIVE_LIMITS, {}, undefined, kind, 2, script);
  return { one, two };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "csr-parse-thread-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("parseArchiveInParallel", () => {
  it("gives parseArchive's result for an archive of collector reports", async () => {
    const { one, two } = await bothWays(zipOf(reports()), "fleet.zip");
    expect(one.ok).toBe(true);
    expect(one.result.hosts).toHaveLength(12);
    expect(two).toEqual(one);
  }, 60_000);

  it("gives parseArchive's refusal for a mixed archive, a malformed entry and a nested archive in the second half", async () => {
    const files = reports(10);
    files.push(["inventory.csv", INVENTORY], ["broken.json", '{ "collector": { "name": "Get-CloudSyncReadiness"'], ["inner.zip", zipOf(reports(2))]);
    const { one, two } = await bothWays(zipOf(files), "mixed.zip");
    expect(one.ok).toBe(false);
    expect(one.issues.some((issue) => issue.file.includes("broken.json"))).toBe(true);
    expect(two).toEqual(one);
    const kinds = await bothWays(zipOf(files.slice(0, 11)), "kinds.zip", "host-inventory");
    expect(kinds.two).toEqual(kinds.one);
  }, 60_000);

  it("stops where one thread stops: an entry that inflates to other than it declares, in either half", async () => {
    const entries = reports(8).map(([name, data]) => ({ name, data: new Uint8Array(data as Uint8Array) }));
    for (const at of [2, 6]) {
      const damaged = entries.map((entry, i) => (i === at ? { ...entry, declaredSize: entry.data.length - 7 } : entry));
      const { one, two } = await bothWays(rawZip(damaged), "damaged.zip");
      expect(one.ok).toBe(false);
      expect(one.entries).toHaveLength(at + 1);
      expect(two).toEqual(one);
    }
  }, 60_000);

  it("uses the thread's answers for the second half", async () => {
    // A stand-in thread that answers every entry it is given as unreadable, naming itself.
    const fake = path.join(scratch, "fake-thread.mjs");
    fs.writeFileSync(
      fake,
      `import { parentPort } from "node:worker_threads";
parentPort.once("message", ({ job }) => {
  parentPort.postMessage({ type: "parsed", parses: job.entries.map((e) => ({ kind: "unreadable", message: "answered by the thread: " + e.label, fatal: false })) });
  parentPort.postMessage({ type: "done" });
});`,
    );
    const { one, two } = await bothWays(zipOf(reports(6)), "fleet.zip", undefined, { file: fake });
    expect(one.ok).toBe(true);
    expect(two.ok).toBe(false);
    expect(two.issues.filter((issue) => issue.message.startsWith("answered by the thread")).map((issue) => issue.file)).toEqual([
      "fleet.zip › reports/HOST03.json",
      "fleet.zip › reports/HOST04.json",
      "fleet.zip › reports/HOST05.json",
    ]);
  }, 60_000);

  it("parses on one thread what a thread that fails or cannot start did not answer", async () => {
    const failing = path.join(scratch, "failing-thread.mjs");
    fs.writeFileSync(failing, `throw new Error("the thread breaks at start");`);
    for (const script of [{ file: failing }, { file: path.join(scratch, "missing.mjs") }]) {
      const { one, two } = await bothWays(zipOf(reports(6)), "fleet.zip", undefined, script);
      expect(two).toEqual(one);
    }
  }, 60_000);
});

import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { inventoryRows } from "../formats/inventory-csv";
import { isAcceptedHostFacts } from "../host/accept-host";
import { MAX_ISSUES_PER_FILE } from "../limits";
import { parseFile, parseFileInParallel } from "../parse-file";
import type { ParseOptions, ParseResult } from "../types";
import type { ParseThreadScript } from "../parse-thread-config";
import { parseHostCsv } from "./host-csv";
import { readHostCsvPart } from "./host-csv-part";
import { parseHostCsvSplit, SPLIT_MIN_CHARS, type PartReader } from "./host-csv-split";
import { startHostCsvPartThread } from "./host-csv-thread";

// A large host CSV read in two parts (decision 032) must give exactly what one pass gives: the same hosts, counts and
// issues in the same order, with the warn-once choices, repeated-host warnings and the issue limit as one pass has them.

const HEADER = "Host Name,Operating System,OS Version,RAM,.NET Release,Domain,Site,Tags,Notes";

/** Row i of a varied inventory: mostly good rows, with bad cells, short names, repeats and quoted newlines among them. */
function row(i: number): string {
  const name = i % 97 === 5 ? "" : i % 53 === 7 ? `srv${i}` : `srv${i}.corp.example`;
  const ram = i % 41 === 3 ? "lots" : i % 7 === 0 ? String(8 + (i % 4) * 8) : `${8 + (i % 4) * 8} GB`;
  const version = i % 89 === 11 ? "ten" : `10.0.${[14393, 17763, 20348][i % 3]}.${i % 5000}`;
  const notes = i % 31 === 2 ? `"line one\nline two, with a comma"` : i % 29 === 4 ? `"quoted ""note"""` : "";
  const extra = i % 67 === 9 ? ",surplus" : "";
  return `${name},Microsoft Windows Server 2022 Standard,${version},${ram},${i % 11 === 0 ? "461814" : "528449"},${i % 53 === 7 ? "" : "corp.example"},Site ${i % 9},"a; b${i % 3}",${notes}${extra}`;
}

function csvOf(rows: readonly string[], eol = "\n"): string {
  return [HEADER, ...rows].join(eol) + eol;
}

const inventory = (count: number, eol = "\n") => csvOf(Array.from({ length: count }, (_, i) => row(i)), eol);

/** The part read in this thread, through the same JSON and structured clone the parse thread's answer goes through. */
const inProcess: PartReader = { read: async (job) => structuredClone(readHostCsvPart(structuredClone(job))), cancel() {} };

async function bothWays(text: string, options: ParseOptions = {}): Promise<{ one: ParseResult; two: ParseResult }> {
  const input = { fileName: "fleet.csv", text, options };
  const one = parseHostCsv(input, "inventory-csv", inventoryRows);
  const two = await parseHostCsvSplit(input, "inventory-csv", inventoryRows, inProcess);
  return { one, two };
}

describe("parseHostCsvSplit", () => {
  it("gives what one pass gives on a varied inventory (rejected rows, warnings, short names, quoted newlines)", async () => {
    for (const eol of ["\n", "\r\n"]) {
      const { one, two } = await bothWays(inventory(4_000, eol));
      expect(one.hosts.length).toBeGreaterThan(3_000);
      expect(one.rejected).toBeGreaterThan(30);
      expect(one.issues.some((issue) => /short names/.test(issue.message))).toBe(true);
      expect(two).toEqual(one);
      // The hosts of the second part are marked as validated, as one pass's are: parseFile does not check them again.
      expect(two.hosts.every((host) => isAcceptedHostFacts(host.facts))).toBe(true);
    }
  });

  it("warns about a host repeated across the parts, naming its first line, and once-only warnings stay once", async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => row(i));
    rows.push("srv10.corp.example,Microsoft Windows Server 2019 Standard,10.0.17763.1,16 GB,528449,corp.example,Far,,");
    rows.push("srv2990.corp.example,,,,,,,,", HEADER, "srv2991.corp.example,,,,,,,,");
    const { one, two } = await bothWays(csvOf(rows));
    expect(one.issues).toContainEqual(expect.objectContaining({ severity: "warning", message: expect.stringMatching(/^srv10\.corp\.example also appears on line 13;/) }));
    expect(one.issues.filter((issue) => /does not say which unit/.test(issue.message))).toHaveLength(1);
    expect(two).toEqual(one);
  });

  it("keeps the issue limit and the count of issues not listed", async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `srv${i}.corp.example,,10.0.bad${i},,,,,,`);
    const { one, two } = await bothWays(csvOf(rows));
    expect(one.issues.length).toBe(MAX_ISSUES_PER_FILE + 1);
    expect(one.issues.at(-1)?.message).toMatch(/^\d+ more row-level issue\(s\) are not listed/);
    expect(two).toEqual(one);
  });

  it("refuses the file as one pass does when the second part cannot be read", async () => {
    const good = Array.from({ length: 3_000 }, (_, i) => row(i));
    const unclosed = await bothWays(csvOf([...good, "srv9999.corp.example,Windows,10.0.1.1,16,1,corp.example,,,", 'srv9998.corp.example,"Windows,10.0.1.1,16,1,corp.example,,,']));
    expect(unclosed.one.hosts).toEqual([]);
    expect(unclosed.one.issues[0].message).toMatch(/never closed/);
    expect(unclosed.two).toEqual(unclosed.one);

    const wide = await bothWays(csvOf([...good, `srv9999.corp.example${",x".repeat(1_200)}`]));
    expect(wide.one.issues[0].message).toMatch(/1,201 columns/);
    expect(wide.two).toEqual(wide.one);

    const tooMany = await bothWays(inventory(3_000), { maxRows: 2_500 });
    expect(tooMany.one.issues[0].message).toMatch(/more than 2,500 data rows/);
    expect(tooMany.two).toEqual(tooMany.one);
    const atTheLimit = await bothWays(inventory(3_000), { maxRows: 3_000 });
    expect(atTheLimit.one.hosts.length).toBeGreaterThan(2_500);
    expect(atTheLimit.two).toEqual(atTheLimit.one);
  });

  it("reads a file with few records, or a header that refuses the file, in one pass", async () => {
    let asked = 0;
    const counting: PartReader = { read: async (job) => (asked++, readHostCsvPart(job)), cancel() {} };
    const input = (text: string) => ({ fileName: "small.csv", text, options: {} });
    const small = input(inventory(500));
    expect(await parseHostCsvSplit(small, "inventory-csv", inventoryRows, counting)).toEqual(parseHostCsv(small, "inventory-csv", inventoryRows));
    const noIdentity = input(`Asset,OS\n${Array.from({ length: 3_000 }, (_, i) => `a${i},x`).join("\n")}\n`);
    const refused = await parseHostCsvSplit(noIdentity, "inventory-csv", inventoryRows, counting);
    expect(refused.issues[0].message).toMatch(/No column identifies the host/);
    expect(refused).toEqual(parseHostCsv(noIdentity, "inventory-csv", inventoryRows));
    expect(asked).toBe(0);
  });

  it("reads the part itself when the thread cannot", async () => {
    const failing: PartReader = { read: async () => undefined, cancel() {} };
    const input = { fileName: "fleet.csv", text: inventory(3_000), options: {} };
    expect(await parseHostCsvSplit(input, "inventory-csv", inventoryRows, failing)).toEqual(parseHostCsv(input, "inventory-csv", inventoryRows));
  });
});

describe("parseFileInParallel", () => {
  const SOURCE_THREAD: ParseThreadScript = {
    file: path.resolve("lib/ingest/archive/parse-thread-boot.mjs"),
    workerData: { source: pathToFileURL(path.resolve("lib/ingest/archive/parse-thread.ts")).href },
  };
  const large = new TextEncoder().encode(inventory(Math.ceil(SPLIT_MIN_CHARS / 90)));

  it("answers what parseFile answers, with the second part read on the real parse thread", { timeout: 60_000 }, async () => {
    expect(large.byteLength).toBeGreaterThanOrEqual(SPLIT_MIN_CHARS);
    let started = 0;
    const two = await parseFileInParallel(large, "fleet.csv", { defaultDomain: "corp.example" }, undefined, () => (started++, startHostCsvPartThread(SOURCE_THREAD)));
    expect(started).toBe(1);
    expect(two).toEqual(parseFile(large, "fleet.csv", { defaultDomain: "corp.example" }));
  });

  it("starts no thread for a large file of another format", async () => {
    const json = new TextEncoder().encode(JSON.stringify(Array.from({ length: Math.ceil(SPLIT_MIN_CHARS / 10) }, (_, i) => ({ n: i }))));
    expect(json.byteLength).toBeGreaterThanOrEqual(SPLIT_MIN_CHARS);
    let started = 0;
    const two = await parseFileInParallel(json, "big.json", {}, undefined, () => (started++, startHostCsvPartThread(SOURCE_THREAD)));
    expect(started).toBe(0);
    expect(two).toEqual(parseFile(json, "big.json", {}));
  });

  it("answers the same when the thread's script is missing", { timeout: 60_000 }, async () => {
    const missing: ParseThreadScript = { file: path.resolve("lib/ingest/archive/no-such-thread.mjs") };
    const two = await parseFileInParallel(large, "fleet.csv", {}, undefined, () => startHostCsvPartThread(missing));
    expect(two).toEqual(parseFile(large, "fleet.csv", {}));
  });
});

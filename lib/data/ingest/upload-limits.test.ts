import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { rawZip } from "@/lib/ingest/archive/testing/raw-zip";
import { db } from "../db";
import { ingestUpload, type IngestResponse } from "./ingest-file";

// Issue 12, the upload limits kept as tests on a real database: a file over the size limit (413), over the row
// limit, an archive over the entry limit and an archive bomb (400) are refused with a message naming the file and
// the limit, and nothing is stored: the Upload, Server and HostSnapshot row counts do not move.

const HEADER = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain";
const row = (i: number) => `LIM${String(i).padStart(6, "0")},Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,limits.contoso.com`;
const csv = (rows: number) => `${[HEADER, ...Array.from({ length: rows }, (_, i) => row(i))].join("\n")}\n`;
const bytes = (text: string) => new TextEncoder().encode(text);

async function counts() {
  return { uploads: await db().upload.count(), servers: await db().server.count(), snapshots: await db().hostSnapshot.count() };
}

async function upload(fileName: string, data: Uint8Array): Promise<IngestResponse> {
  return ingestUpload({ bytes: data, fileName, options: {}, uploadedBy: { name: "limits-test" } });
}

/** Sets limits for one test (the environment is read once and cached). */
function limits(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) process.env[key] = value;
  resetEnvCache();
}

const LIMIT_KEYS = ["UPLOAD_MAX_BYTES", "UPLOAD_MAX_ROWS", "ARCHIVE_MAX_ENTRIES", "ARCHIVE_MAX_ENTRY_BYTES"];
afterEach(() => {
  for (const key of LIMIT_KEYS) delete process.env[key];
  resetEnvCache();
});

beforeAll(async () => {
  // Something stored already, so "nothing changed" is measured against a real fleet.
  const seeded = await upload("seed.csv", bytes(csv(3)));
  expect(seeded).toMatchObject({ ok: true, status: "committed" });
});

async function expectRefused(fileName: string, data: Uint8Array, status: number, message: RegExp) {
  const before = await counts();
  const response = await upload(fileName, data);
  expect(response.ok).toBe(false);
  if (response.ok) return;
  expect(response.status).toBe(status);
  expect(response.message).toMatch(message);
  // The issue names the file (for an archive entry: "archive.zip › entry.csv").
  expect(response.issues[0]).toMatchObject({ file: expect.stringMatching(new RegExp(`^${fileName.replace(".", "\\.")}( › |$)`)), severity: "error" });
  expect(await counts()).toEqual(before);
}

describe("upload limits, nothing stored", () => {
  it("refuses a file over UPLOAD_MAX_BYTES with 413 naming the file and the limit", async () => {
    limits({ UPLOAD_MAX_BYTES: String(1024 * 1024) });
    const big = bytes(csv(20_000)); // ≈ 2 MB
    expect(big.byteLength).toBeGreaterThan(1024 * 1024);
    await expectRefused("big.csv", big, 413, /^big\.csv is larger than the 1 MB limit for a single file\.$/);
  });

  it("refuses a file over UPLOAD_MAX_ROWS with the count and the limit", async () => {
    limits({ UPLOAD_MAX_ROWS: "100" });
    await expectRefused("rows.csv", bytes(csv(101)), 400, /^The file has more than 100 data rows, the limit for one upload; nothing was imported\./);
    // At the limit it commits.
    expect(await upload("rows-ok.csv", bytes(csv(100)))).toMatchObject({ ok: true, status: "committed" });
  });

  it("refuses an archive with more files than ARCHIVE_MAX_ENTRIES", async () => {
    limits({ ARCHIVE_MAX_ENTRIES: "5" });
    const zip = rawZip(Array.from({ length: 6 }, (_, i) => ({ name: `part${i}.csv`, data: `${HEADER}\n${row(1000 + i)}\n` })));
    await expectRefused("parts.zip", zip, 400, /parts\.zip holds 6 entries; the limit is 5 files per archive/);
  });

  it("refuses an archive bomb (an entry that inflates far past its limit)", async () => {
    limits({ ARCHIVE_MAX_ENTRY_BYTES: String(1024 * 1024) });
    const bomb = rawZip([{ name: "zeros.csv", data: new Uint8Array(64 * 1024 * 1024) }]);
    expect(bomb.byteLength).toBeLessThan(256 * 1024);
    await expectRefused("bomb.zip", bomb, 400, /bomb\.zip › zeros\.csv/);
  });
});

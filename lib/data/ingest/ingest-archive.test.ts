import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { clearTables, countRows } from "../test-sql";
import { deleteUpload } from "./delete-upload";
import { ingestFile, ingestUpload, type IngestResponse } from "./ingest-file";

// Real archives, real parsers and rules, a real (throwaway) database, SQLite or PostgreSQL: nothing mocked.
const admin = { name: "admin@example.com" };
const fixture = (relative: string) => readFileSync(path.resolve("lib/ingest", relative));
const REPORTS = ["server2022-ready.json", "server2016-old-dotnet.json", "server2022-core.json"].map((f) => fixture(`collector/fixtures/${f}`));
const CSV = "Host Name,Operating System,OS Version,RAM (GB),.NET Release,Domain\n";

function zipOf(files: Record<string, Uint8Array | string>): Uint8Array {
  const zip = new AdmZip();
  for (const [name, data] of Object.entries(files)) zip.addFile(name, Buffer.from(typeof data === "string" ? Buffer.from(data) : data));
  return new Uint8Array(zip.toBuffer());
}

function ok(response: IngestResponse) {
  if (!response.ok) throw new Error(`${response.code}: ${response.message} ${JSON.stringify(response.issues)}`);
  return response;
}

const count = countRows;

const stored = () => Promise.all(["Upload", "UploadEntry", "Server", "HostSnapshot", "FactSnapshot", "Evaluation"].map(count));

beforeEach(async () => {
  await clearTables(["Evaluation", "HostSnapshot", "FactSnapshot", "DomainEvaluation", "RuleSummary", "ReadinessSnapshot", "Server", "UploadEntry", "Upload"]);
});

describe("archive uploads", () => {
  const fleet = () =>
    zipOf({
      "reports/": "",
      "reports/SYNC01.cloudsync-readiness.json": REPORTS[0]!,
      "reports/SYNC02.cloudsync-readiness.json": REPORTS[1]!,
      "reports/SYNC03.cloudsync-readiness.json": REPORTS[2]!,
      "context/inventory.csv": `${CSV}APP01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com\n`,
      "context/domain.json": fixture("fixtures/domain.json"),
    });

  it("commits every entry of a good archive in one upload, with per-entry provenance; the same archive again is a no-op", async () => {
    // The same bytes twice: adm-zip stamps each entry with the time it was added, so a second fleet() can differ.
    const bytes = fleet();
    const response = ok(await ingestFile({ bytes, fileName: "fleet.zip", options: {}, uploadedBy: admin }));
    expect(response).toMatchObject({ status: "committed", kind: "mixed", format: "mixed", counts: { accepted: 5 } });
    expect(response.archive).toMatchObject({ container: "zip", entryCount: 5 });
    const upload = await db().upload.findFirst({ select: { fileName: true, kind: true, format: true, container: true, entryCount: true, records: true, accepted: true } });
    expect(upload).toEqual({ fileName: "fleet.zip", kind: "mixed", format: "mixed", container: "zip", entryCount: 5, records: 5 + (response.counts.records - 5), accepted: response.counts.accepted });
    const entries = await db().uploadEntry.findMany({ select: { position: true, name: true, format: true, kind: true, records: true }, orderBy: { position: "asc" } });
    // (adm-zip writes the entries sorted by name)
    expect(entries).toEqual([
      { position: 1, name: "context/domain.json", format: "domain-json", kind: "domain", records: 1 },
      { position: 2, name: "context/inventory.csv", format: "inventory-csv", kind: "host-inventory", records: 1 },
      { position: 3, name: "reports/SYNC01.cloudsync-readiness.json", format: "collector-json", kind: "host-inventory", records: 1 },
      { position: 4, name: "reports/SYNC02.cloudsync-readiness.json", format: "collector-json", kind: "host-inventory", records: 1 },
      { position: 5, name: "reports/SYNC03.cloudsync-readiness.json", format: "collector-json", kind: "host-inventory", records: 1 },
    ]);
    expect(await count("HostSnapshot")).toBe(4);
    expect(await count("FactSnapshot")).toBe(1);
    const before = await stored();
    expect(ok(await ingestFile({ bytes, fileName: "fleet-again.zip", options: {}, uploadedBy: admin }))).toMatchObject({ status: "duplicate", id: response.id });
    expect(await stored()).toEqual(before);

    expect(await deleteUpload(response.id!)).toBe(true);
    expect(await stored()).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("stores nothing when one entry is bad, and names it", async () => {
    const bad = zipOf({ "reports/SYNC01.json": REPORTS[0]!, "reports/SYNC02.json": REPORTS[1]!, "reports/broken.json": '{"schemaVersion": 1, "collector": {' });
    const refused = await ingestFile({ bytes: bad, fileName: "fleet.zip", options: {}, uploadedBy: admin });
    expect(refused).toMatchObject({ ok: false, status: 400, code: "bad-input" });
    if (!refused.ok) {
      expect(refused.issues[0]?.file).toBe("fleet.zip › reports/broken.json");
      expect(refused.archive?.entries.find((e) => e.name === "reports/broken.json")?.errors).toBeGreaterThan(0);
    }
    expect(await stored()).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("refuses row errors anywhere unless the valid records are explicitly committed; a dry run shows each entry", async () => {
    const rows = zipOf({ "a.csv": `${CSV}GOOD01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com\n`, "b.csv": `${CSV},Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com\n` });
    const preview = ok(await ingestFile({ bytes: rows, fileName: "rows.zip", options: {}, dryRun: true, uploadedBy: admin }));
    expect(preview.archive?.entries.map((e) => [e.name, e.accepted, e.rejected])).toEqual([
      ["a.csv", 1, 0],
      ["b.csv", 0, 1],
    ]);
    expect(await ingestFile({ bytes: rows, fileName: "rows.zip", options: {}, uploadedBy: admin })).toMatchObject({ ok: false, code: "rows-rejected" });
    expect(await count("Upload")).toBe(0);
    const partial = ok(await ingestFile({ bytes: rows, fileName: "rows.zip", options: {}, allowPartial: true, uploadedBy: admin }));
    expect(partial.counts).toMatchObject({ records: 2, accepted: 1, rejected: 1, servers: 1 });
  });

  it("reads inventory.csv.gz as inventory.csv", async () => {
    const gz = gzipSync(`${CSV}GZ01,Microsoft Windows Server 2022 Datacenter,10.0.20348.2402,16,528449,corp.contoso.com\n`);
    const response = ok(await ingestFile({ bytes: gz, fileName: "inventory.csv.gz", options: {}, uploadedBy: admin }));
    expect(response).toMatchObject({ kind: "host-inventory", format: "inventory-csv", archive: { container: "gzip", entryCount: 1, entries: [{ name: "inventory.csv" }] } });
  });

  it("commits an .xlsx inventory through the upload entry point, and refuses it on the synchronous one", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Servers").addRows([
      ["Host Name", "Operating System", "OS Version", "RAM (GB)", ".NET Release", "Domain"],
      ["XL01", "Microsoft Windows Server 2022 Datacenter", "10.0.20348.2402", 16, 528449, "corp.contoso.com"],
    ]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await ingestFile({ bytes, fileName: "servers.xlsx", options: {}, uploadedBy: admin })).toMatchObject({ ok: false, code: "bad-input" });
    const response = ok(await ingestUpload({ bytes, fileName: "servers.xlsx", options: {}, uploadedBy: admin }));
    expect(response).toMatchObject({ status: "committed", kind: "host-inventory", format: "inventory-xlsx", archive: { container: "xlsx", entries: [{ name: "Servers", records: 1 }] } });
    expect(await db().server.findMany({ select: { fqdn: true } })).toEqual([{ fqdn: "xl01.corp.contoso.com" }]);
  });
});

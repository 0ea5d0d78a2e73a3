import AdmZip from "adm-zip";
import { describe, expect, it } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS } from "./limits";
import { listZip } from "./read-zip";
import { rawZip } from "./testing/raw-zip";
import { readZipDirectory } from "./zip-directory";

// The direct reading of a ZIP's central directory (decision 028) must list exactly what adm-zip lists, and hand every
// archive it does not read strictly to adm-zip (undefined), so that irregular archives keep adm-zip's checks.

function admZip(files: readonly [string, string | Uint8Array][], comment?: string): Uint8Array {
  const zip = new AdmZip();
  for (const [name, data] of files) {
    if (name.endsWith("/")) zip.addFile(name, Buffer.alloc(0));
    else zip.addFile(name, Buffer.from(data));
  }
  if (comment !== undefined) zip.addZipComment(comment);
  return new Uint8Array(zip.toBuffer());
}

/** The listing with each entry read, so names, sizes and inflated bytes are compared. */
function listing(bytes: Uint8Array, reader: "direct-first" | "adm-zip") {
  const listed = listZip(bytes, "a.zip", DEFAULT_ARCHIVE_LIMITS, reader);
  if (!listed.ok) return listed;
  return {
    ok: true,
    skipped: listed.skipped,
    files: listed.files.map(({ raw, entry }) => {
      const read = entry.read();
      return { raw, name: entry.name, compressedSize: entry.compressedSize, read: read.ok ? Buffer.from(read.bytes).toString("base64") : read };
    }),
  };
}

const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const report = JSON.stringify({ collector: { name: "Get-CloudSyncReadiness" }, host: { identity: { fqdn: "web01.contoso.com" } } }, null, 2);

const plain: Record<string, Uint8Array> = {
  "files and folders": admZip([["reports/", ""], ["reports/WEB01.json", report], ["reports/sub/DB01.json", report.replace("web01", "db01")], ["notes.txt", "x"]]),
  "Unicode and odd names": admZip([["rapports/Serveur-é.json", report], ["back\\slash.json", report], ["__MACOSX/._x.json", "junk"], [".DS_Store", "junk"]]),
  "an archive comment": admZip([["a.json", report]], "made by the test"),
  "stored entries": rawZip([{ name: "a.json", data: report, method: 0 }, { name: "b.json", data: report }]),
  "an encrypted entry": rawZip([{ name: "a.json", data: report }, { name: "secret.json", data: report, flags: 1 }]),
  "an unsupported method": rawZip([{ name: "a.json", data: report, method: 12 }]),
  "a size that lies": rawZip([{ name: "a.json", data: report, declaredSize: 10 }]),
  "no entries": admZip([]),
};

describe("readZipDirectory", () => {
  it.each(Object.entries(plain))("lists %s as adm-zip does", (_case, bytes) => {
    expect(readZipDirectory(buffer(bytes), 1000)).toBeDefined();
    expect(listing(bytes, "direct-first")).toEqual(listing(bytes, "adm-zip"));
  });

  it("hands irregular archives to adm-zip: duplicate names, damaged headers, truncation, ZIP64, too many entries", () => {
    const good = rawZip([{ name: "a.json", data: report }, { name: "b.json", data: report }]);
    const duplicate = rawZip([{ name: "a.json", data: report }, { name: "a.json", data: "{}" }]);
    const badLocal = good.slice();
    badLocal[0] = 0x51; // the first local header's signature
    const badCentral = good.slice();
    const central = buffer(good).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    badCentral[central + 1] = 0x00;
    const zip64 = good.slice();
    const end = buffer(good).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    zip64.set([0xff, 0xff, 0xff, 0xff], end + 16); // the directory's offset says "see the ZIP64 record"
    for (const bytes of [duplicate, badLocal, badCentral, good.slice(0, good.length - 30), good.slice(10), zip64]) {
      expect(readZipDirectory(buffer(bytes), 1000)).toBeUndefined();
      expect(listing(bytes, "direct-first")).toEqual(listing(bytes, "adm-zip"));
    }
    expect(readZipDirectory(buffer(good), 1)).toBeUndefined();
    expect(listZip(duplicate, "a.zip", DEFAULT_ARCHIVE_LIMITS)).toMatchObject({ ok: false, message: expect.stringMatching(/two entries with the same name/) });
    expect(listZip(badLocal, "a.zip", DEFAULT_ARCHIVE_LIMITS)).toMatchObject({ ok: false, message: expect.stringMatching(/could not be located in the archive/) });
  });
});

import { crc32, inflateRawSync } from "node:zlib";
import AdmZip from "adm-zip";
import { InflateBudget } from "./budget";
import { readZipDirectory, type ZipListedEntry } from "./zip-directory";
import { entryLabel, escapeEntryName, skipReason } from "./entry-name";
import type { ArchiveEntry, ArchiveLimits, EntryRead, ZipEntrySpec } from "./types";

/**
 * ZIP archives, entirely in memory. The central directory of a plain, well-formed ZIP is read straight from the bytes
 * (zip-directory.ts, decision 028); anything irregular (ZIP64, spanned, damaged, duplicate names) is read by adm-zip
 * (decision 013), whose central-directory and local-header reading gives the entries and their compressed bytes
 * (bounds-checked), with its messages. An entry is inflated only when read, by Node's zlib with its output capped at
 * the declared size (maxOutputLength, as adm-zip's own getData does), and its CRC-32 is checked against the central
 * directory (zlib.crc32: adm-zip's JavaScript CRC took 1.6 s of a 50,000-report archive). Listing keeps only a small
 * record per entry (name, sizes, CRC and a view of its compressed bytes), not adm-zip's entry objects (≈ 9 KB each,
 * 460 MB for 50,000 reports). The declared sizes are checked against the limits before inflating, and the actual sizes
 * after (InflateBudget), so a header that lies can neither allocate more than the per-entry limit nor pass for smaller
 * than it is. adm-zip is never given a path and none of its extract/write methods are called.
 */

const STORED = 0;
const DEFLATED = 8;

const METHOD_NAMES: Readonly<Record<number, string>> = {
  1: "Shrink",
  6: "Implode",
  9: "Deflate64",
  12: "BZIP2",
  14: "LZMA",
  93: "Zstandard",
  95: "XZ",
  98: "PPMd",
  99: "AES encryption",
};

export type ZipListing =
  | {
      ok: true;
      /** Files, in archive order, with their raw (unescaped) names for the workbook check. */
      files: { raw: string; entry: ArchiveEntry }[];
      skipped: { name: string; reason: string }[];
    }
  | { ok: false; message: string };

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 200);
}

/** Entries listed at most: folders and OS metadata do not count, so some slack before even listing (each entry costs memory). */
function mostListed(limits: ArchiveLimits): number {
  return limits.maxEntries * 2 + 1000;
}

/** The directory through adm-zip: every irregular archive (ZIP64, spanned, damaged, duplicate names...) comes here. */
function listWithAdmZip(buffer: Buffer, archiveName: string, limits: ArchiveLimits): { ok: true; listed: ZipListedEntry[] } | { ok: false; message: string } {
  let entries: AdmZip.IZipEntry[];
  try {
    const zip = new AdmZip(buffer, { noSort: true, readEntries: false });
    const declared = zip.getEntryCount();
    if (declared > mostListed(limits)) {
      return { ok: false, message: tooMany(archiveName, declared, limits) };
    }
    entries = zip.getEntries();
  } catch (error) {
    const text = reason(error);
    if (/duplicate entry/i.test(text)) {
      return { ok: false, message: `${archiveName} has two entries with the same name (${escapeEntryName(text.replace(/^.*?"|"$/g, ""))}), so it is ambiguous which one to read; nothing was imported.` };
    }
    return { ok: false, message: `${archiveName} is not a readable ZIP archive (${text}). Re-create it (Compress-Archive, or Explorer's Send to > Compressed folder) and upload it again.` };
  }
  const listed: ZipListedEntry[] = [];
  for (const zipEntry of entries) {
    if ((zipEntry as { temporary?: boolean }).temporary) continue; // a folder adm-zip inferred from the names
    const header = zipEntry.header;
    listed.push({
      raw: zipEntry.entryName,
      isDirectory: zipEntry.isDirectory,
      encrypted: header.encrypted,
      diskStart: header.diskNumStart,
      method: header.method,
      compressedSize: header.compressedSize,
      crc: header.crc,
      size: header.size,
      compressed: () => zipEntry.getCompressedData(),
    });
  }
  return { ok: true, listed };
}

/**
 * Lists a ZIP's files (nothing is inflated yet); refuses encrypted, spanned and oddly compressed archives. `reader`:
 * "adm-zip" skips the direct reading of the directory (tests compare the two).
 */
export function listZip(bytes: Uint8Array, archiveName: string, limits: ArchiveLimits, reader: "direct-first" | "adm-zip" = "direct-first"): ZipListing {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let entries = reader === "adm-zip" ? undefined : readZipDirectory(buffer, mostListed(limits));
  if (entries === undefined) {
    const slow = listWithAdmZip(buffer, archiveName, limits);
    if (!slow.ok) return slow;
    entries = slow.listed;
  }

  const budget = new InflateBudget(limits, archiveName, bytes.byteLength);
  const files: { raw: string; entry: ArchiveEntry }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const listed of entries) {
    const raw = listed.raw;
    const name = escapeEntryName(raw);
    const label = entryLabel(archiveName, name);
    const skip = listed.isDirectory ? "folder" : skipReason(raw);
    if (skip !== undefined) {
      skipped.push({ name, reason: skip });
      continue;
    }
    if (listed.encrypted) {
      return { ok: false, message: `${label} is encrypted (password-protected); encrypted archives are not read. Zip the files again without a password.` };
    }
    if (listed.diskStart !== 0) {
      return { ok: false, message: `${archiveName} is split over several files (a spanned ZIP); upload a single-file ZIP.` };
    }
    if (listed.method !== STORED && listed.method !== DEFLATED) {
      const method = METHOD_NAMES[listed.method] ?? `method ${listed.method}`;
      return {
        ok: false,
        message: `${label} is compressed with ${method}, which is not supported. Re-create the ZIP with standard Deflate (Compress-Archive or Explorer's Send to > Compressed folder).`,
      };
    }
    const compressedSize = listed.compressedSize;
    const method = listed.method;
    const crc = listed.crc >>> 0;
    const declared = method === STORED ? compressedSize : listed.size;
    let compressed: Buffer;
    try {
      // A view into the upload (no copy); the reader checked the local header and that the data lies within the archive.
      compressed = listed.compressed();
      if (compressed.byteLength !== compressedSize) throw new Error("the entry's data is shorter than its header says");
    } catch (error) {
      return { ok: false, message: `${label} could not be located in the archive (${reason(error)}); the archive looks damaged. Re-create it and upload it again.` };
    }
    const spec: ZipEntrySpec = { method, declared, crc, compressed };
    const read = (): EntryRead => inflateZipEntry(spec, label, budget);
    files.push({ raw, entry: { name, compressedSize, read, zip: spec } });
  }
  if (files.length > limits.maxEntries) return { ok: false, message: tooMany(archiveName, files.length, limits) };
  return { ok: true, files, skipped };
}

/**
 * Inflates one ZIP entry (Deflate or Stored) with its output capped at the declared size, then checks the size and the
 * CRC-32 and adds it to the archive's budget. `fatal`: the archive is refused whole.
 */
export function inflateZipEntry(spec: ZipEntrySpec, label: string, budget: InflateBudget): EntryRead {
  const { method, declared, crc, compressed } = spec;
  const early = budget.checkDeclared(label, declared, compressed.byteLength);
  if (early) return { ok: false, message: early, fatal: true };
  let data: Buffer;
  try {
    data = method === STORED ? Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength) : inflateRawSync(compressed, { maxOutputLength: Math.max(1, declared) });
    if (data.byteLength !== declared) throw new Error(`it inflates to ${data.byteLength} bytes, not the ${declared} its header declares`);
    if (crc32(data) >>> 0 !== crc) throw new Error("CRC-32 checksum failed");
  } catch (error) {
    const text = reason(error);
    if (/exceeds the declared|larger than|ERR_BUFFER_TOO_LARGE|maxOutputLength/i.test(text)) {
      return { ok: false, message: `${label} inflates to more than its header declares (an archive bomb, or a damaged archive); nothing was imported.`, fatal: true };
    }
    return { ok: false, message: `${label} could not be inflated (${text}); the archive looks damaged. Re-create it and upload it again.`, fatal: true };
  }
  const problem = budget.add(label, data.byteLength, compressed.byteLength);
  if (problem) return { ok: false, message: problem, fatal: true };
  return { ok: true, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

function tooMany(archiveName: string, count: number, limits: ArchiveLimits): string {
  return (
    `${archiveName} holds ${count.toLocaleString("en-US")} entries; the limit is ${limits.maxEntries.toLocaleString("en-US")} files per archive. ` +
    `Nothing was imported; split it into smaller archives.`
  );
}

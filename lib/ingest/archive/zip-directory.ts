/**
 * The central directory of a well-formed ZIP, read straight from the bytes: one small record per entry and a view of
 * its compressed data (decision 028). adm-zip builds an object of ≈ 9 KB with some thirty closures per entry before
 * anything can be dropped: for 50,000 collector reports ≈ 3 s, most of it garbage collection, and ≈ 460 MB allocated.
 *
 * Only the plain case is read here, and strictly: one disk, no ZIP64 record, every central header signed and inside
 * the directory, the directory before the end record, no name twice, every local header signed and its data inside
 * the archive. Anything else answers `undefined`, and listZip reads the archive with adm-zip as before, so every
 * irregular archive gets exactly adm-zip's checks and messages (decision 013). Names are decoded as UTF-8, as adm-zip
 * decodes them.
 */

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

/** One file or folder of a ZIP's central directory, as either reader gives it (this one, or adm-zip in read-zip.ts). */
export interface ZipListedEntry {
  /** The name as stored, decoded as UTF-8 (as adm-zip decodes it). */
  raw: string;
  /** The name ends with "/" or "\\", as adm-zip decides. */
  isDirectory: boolean;
  encrypted: boolean;
  diskStart: number;
  method: number;
  compressedSize: number;
  crc: number;
  size: number;
  /** A view of the compressed bytes (no copy); throws when the local header or the data is not where the directory says. */
  compressed: () => Buffer;
}

function endRecordAt(buffer: Buffer): number {
  const last = buffer.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (buffer[at] === 0x50 && buffer.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** The entries of a plain, well-formed ZIP in directory order, or undefined when anything is irregular (see above). */
export function readZipDirectory(buffer: Buffer, maxEntries: number): ZipListedEntry[] | undefined {
  if (buffer.length < EOCD_SIZE) return undefined;
  const end = endRecordAt(buffer);
  if (end < 0) return undefined;
  if (end >= ZIP64_LOCATOR_SIZE && buffer.readUInt32LE(end - ZIP64_LOCATOR_SIZE) === ZIP64_LOCATOR_SIGNATURE) return undefined;
  const disk = buffer.readUInt16LE(end + 4);
  const directoryDisk = buffer.readUInt16LE(end + 6);
  const diskEntries = buffer.readUInt16LE(end + 8);
  const totalEntries = buffer.readUInt16LE(end + 10);
  const directorySize = buffer.readUInt32LE(end + 12);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  if (disk !== 0 || directoryDisk !== 0 || diskEntries !== totalEntries) return undefined;
  if (totalEntries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) return undefined;
  if (totalEntries > maxEntries || directoryOffset + directorySize > end) return undefined;

  const entries: ZipListedEntry[] = [];
  const names = new Set<string>();
  const directoryEnd = directoryOffset + directorySize;
  let at = directoryOffset;
  for (let i = 0; i < totalEntries; i++) {
    if (at + CENTRAL_SIZE > directoryEnd || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) return undefined;
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const diskStart = buffer.readUInt16LE(at + 34);
    const localOffset = buffer.readUInt32LE(at + 42);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > directoryEnd) return undefined;
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff || diskStart === 0xffff) return undefined; // ZIP64 values
    const name = buffer.toString("utf8", at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    if (names.has(name)) return undefined;
    names.add(name);
    if (localOffset + LOCAL_SIZE > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) return undefined;
    const dataStart = localOffset + LOCAL_SIZE + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buffer.length) return undefined;
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    const last = name.charCodeAt(name.length - 1);
    const isDirectory = last === 0x2f || last === 0x5c;
    entries.push({ raw: name, isDirectory, encrypted: (flags & 1) === 1, diskStart, method, crc, compressedSize, size, compressed: () => data });
    at = next;
  }
  return entries;
}

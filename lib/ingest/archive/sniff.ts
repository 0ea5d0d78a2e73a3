/** Magic bytes of the containers ingest opens (and of the ones it refuses inside them). Pure. */

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** A ZIP local file header ("PK\x03\x04"), or the end record of an empty ZIP ("PK\x05\x06"). */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

export function isGzip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x1f, 0x8b]);
}

/** A tar stream: "ustar" at offset 257 of the first header (POSIX ustar, GNU and pax archives all have it). */
export function isTar(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x75, 0x73, 0x74, 0x61, 0x72], 257);
}

/** Containers and compressed files of any kind: refused as entries of an archive (no nesting). */
export function looksLikeArchive(bytes: Uint8Array): boolean {
  return (
    isZip(bytes) ||
    isGzip(bytes) ||
    isTar(bytes) ||
    startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || // 7-Zip
    startsWith(bytes, [0x52, 0x61, 0x72, 0x21]) || // RAR
    startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a]) || // xz
    startsWith(bytes, [0x42, 0x5a, 0x68]) || // bzip2
    startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd]) || // zstd
    startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) // OLE: .xls, .msg
  );
}

/** What an upload's first bytes say it is: a ZIP (an archive or a workbook: see isWorkbook), gzip, or neither. */
export function sniffContainer(bytes: Uint8Array): "zip" | "gzip" | undefined {
  if (isZip(bytes)) return "zip";
  if (isGzip(bytes)) return "gzip";
  return undefined;
}

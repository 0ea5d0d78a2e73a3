/**
 * Bytes -> text for uploaded files.
 *
 * Handles what Windows tools write: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (Windows PowerShell 5.1's
 * default for `>` and Out-File), UTF-16 without BOM (detected from the zero bytes of ASCII text), and ANSI
 * (Windows-1252, the default of Set-Content in Windows PowerShell 5.1) as a fallback with a warning.
 * Refuses empty files, known binary formats (PDF, ZIP/XLSX, PNG...) and data that is not text.
 */

import { head } from "./text/lines";

export type TextEncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export type DecodeResult =
  | {
      ok: true;
      /** Decoded text, BOM removed, line endings normalised to LF. */
      text: string;
      encoding: TextEncodingName;
      /** The line ending style found in the file. */
      newline: "crlf" | "lf" | "cr" | "mixed" | "none";
      warnings: string[];
    }
  | { ok: false; message: string };

interface Magic {
  bytes: readonly number[];
  name: string;
  hint: string;
}

const SAVE_AS_TEXT = "Export the data as CSV, JSON or plain text and upload that file instead.";

const MAGICS: readonly Magic[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: "a PDF document", hint: SAVE_AS_TEXT },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    name: "a ZIP archive (or an Excel .xlsx / Word .docx file)",
    hint: "In Excel use File > Save As > 'CSV UTF-8 (Comma delimited)'; for a ZIP, extract it and upload the files inside.",
  },
  { bytes: [0x50, 0x4b, 0x05, 0x06], name: "an empty ZIP archive", hint: SAVE_AS_TEXT },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    name: "an old Office document (.xls / .doc)",
    hint: "In Excel use File > Save As > 'CSV UTF-8 (Comma delimited)'.",
  },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: "a PNG image", hint: SAVE_AS_TEXT },
  { bytes: [0xff, 0xd8, 0xff], name: "a JPEG image", hint: SAVE_AS_TEXT },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: "a GIF image", hint: SAVE_AS_TEXT },
  { bytes: [0x1f, 0x8b], name: "a gzip archive", hint: "Decompress it and upload the file inside." },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: "a 7-Zip archive", hint: "Extract it and upload the files inside." },
  { bytes: [0x52, 0x61, 0x72, 0x21], name: "a RAR archive", hint: "Extract it and upload the files inside." },
  { bytes: [0x4d, 0x5a], name: "a Windows executable", hint: SAVE_AS_TEXT },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: "an executable (ELF)", hint: SAVE_AS_TEXT },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], name: "a SQLite database", hint: SAVE_AS_TEXT },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Bytes sampled for the UTF-16 and binary heuristics. */
const SAMPLE_BYTES = 8192;

/** UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte. */
function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd / pairs > 0.4 && zeroEven / pairs < 0.05) return "utf-16le";
  if (zeroEven / pairs > 0.4 && zeroOdd / pairs < 0.05) return "utf-16be";
  return undefined;
}

/** Share of bytes that are control characters no text file contains (NUL, 0x01-0x08, 0x0E-0x1F except ESC/EOF). */
function controlShare(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  if (n === 0) return 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a && b !== 0x1b) count++;
  }
  return count / n;
}

function highByteShare(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  if (n === 0) return 0;
  let count = 0;
  for (let i = 0; i < n; i++) if (bytes[i] >= 0x80) count++;
  return count / n;
}

/** Which line endings the text uses (native searches and one step per line: this runs on every entry of a 50,000-file archive). */
function newlineStyle(text: string): "crlf" | "lf" | "cr" | "mixed" | "none" {
  let cr = text.indexOf("\r");
  if (cr === -1) return text.indexOf("\n") === -1 ? "none" : "lf";
  let crlf = false;
  let loneCr = false;
  for (; cr !== -1; cr = text.indexOf("\r", cr + 1)) {
    if (text.charCodeAt(cr + 1) === 0x0a) crlf = true;
    else loneCr = true;
    if (crlf && loneCr) return "mixed";
  }
  // A CR ending was found: an LF without a CR before it makes a second kind.
  for (let lf = text.indexOf("\n"); lf !== -1; lf = text.indexOf("\n", lf + 1)) {
    if (lf === 0 || text.charCodeAt(lf - 1) !== 0x0d) return "mixed";
  }
  return crlf ? "crlf" : "cr";
}

/** One decoder per label and mode: decode() without `stream` keeps no state between calls, and a 50,000-entry archive calls it per entry. */
const decoders = new Map<string, TextDecoder>();

function decodeWith(label: string, bytes: Uint8Array, fatal: boolean): string {
  const key = `${label}:${fatal}`;
  let decoder = decoders.get(key);
  if (decoder === undefined) {
    decoder = new TextDecoder(label, { fatal, ignoreBOM: false });
    decoders.set(key, decoder);
  }
  return decoder.decode(bytes);
}

function finish(raw: string, encoding: TextEncodingName, warnings: string[]): DecodeResult {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.indexOf("\u0000") !== -1) {
    return {
      ok: false,
      message:
        "The file contains NUL characters, so it is not a text export (or its encoding is damaged). " +
        "Re-export it as CSV, JSON or text; in Windows PowerShell add -Encoding UTF8.",
    };
  }
  if (!/\S/.test(text)) {
    return { ok: false, message: "The file contains only blank space: there is nothing to read." };
  }
  const newline = newlineStyle(text);
  const normalized = newline === "lf" || newline === "none" ? text : newline === "crlf" ? text.replaceAll("\r\n", "\n") : text.replace(/\r\n?/g, "\n");
  return { ok: true, text: normalized, encoding, newline, warnings };
}

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, message: "The file is empty (0 bytes)." };

  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return {
      ok: false,
      message: "The file is encoded as UTF-32, which is not supported. Save it as UTF-8 or UTF-16 (Unicode) and upload it again.",
    };
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return decodeUtf8(bytes.subarray(3), "utf-8-bom");
  }
  if (startsWith(bytes, [0xff, 0xfe])) return finish(decodeWith("utf-16le", bytes.subarray(2), false), "utf-16le", []);
  if (startsWith(bytes, [0xfe, 0xff])) return finish(decodeWith("utf-16be", bytes.subarray(2), false), "utf-16be", []);

  for (const magic of MAGICS) {
    if (startsWith(bytes, magic.bytes)) {
      return { ok: false, message: `This looks like ${magic.name}, not a text export. ${magic.hint}` };
    }
  }

  // BOM-less UTF-16 of ASCII-heavy text has a zero in every other byte: without any zero byte it is not that.
  const utf16 = bytes.indexOf(0) === -1 ? undefined : guessBomlessUtf16(bytes);
  if (utf16 !== undefined) {
    return finish(decodeWith(utf16, bytes, false), utf16, [
      `The file has no byte-order mark but looks like UTF-16 (${utf16 === "utf-16le" ? "little" : "big"}-endian); it was read that way.`,
    ]);
  }
  return decodeUtf8(bytes, "utf-8");
}

function decodeUtf8(bytes: Uint8Array, encoding: "utf-8" | "utf-8-bom"): DecodeResult {
  if (bytes.indexOf(0) !== -1) {
    return {
      ok: false,
      message:
        "The file contains NUL bytes, so it is binary data rather than a text export. " +
        "Re-export it as CSV, JSON or text (in Windows PowerShell add -Encoding UTF8).",
    };
  }
  let text: string;
  try {
    text = decodeWith("utf-8", bytes, true);
  } catch {
    if (controlShare(bytes) > 0.01) return BINARY_CONTROLS;
    // Not valid UTF-8. ANSI text (Windows-1252) has a few isolated high bytes; binary data has many.
    if (encoding === "utf-8" && highByteShare(bytes) < 0.3) {
      return finish(decodeWith("windows-1252", bytes, false), "windows-1252", [
        "The file is not valid UTF-8; it was read as Windows-1252 (ANSI). If accented names look wrong, " +
          "re-export with -Encoding UTF8.",
      ]);
    }
    return {
      ok: false,
      message:
        "The file is not valid UTF-8 text (too many invalid byte sequences): it looks like binary data. " +
        "Re-export it as CSV, JSON or text with -Encoding UTF8.",
    };
  }
  // Control characters are single bytes in UTF-8: when the text has none, the bytes have none (the byte count runs only then).
  if (CONTROL_CHARACTER.test(head(text, SAMPLE_BYTES)) && controlShare(bytes) > 0.01) return BINARY_CONTROLS;
  return finish(text, encoding, []);
}

/** The control characters controlShare counts (NUL is refused before); controlShare reads the first SAMPLE_BYTES bytes, which are within as many characters. */
const CONTROL_CHARACTER = /[\x01-\x08\x0b\x0e-\x19\x1c-\x1f]/;
const BINARY_CONTROLS: DecodeResult = { ok: false, message: "The file contains control characters that text exports never have: it looks like binary data." };

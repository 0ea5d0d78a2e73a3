import { csvHeaderOf } from "@/lib/ingest/csv/csv-table";
import { decodeBytes } from "@/lib/ingest/decode";
import { MAX_COLUMNS } from "@/lib/ingest/limits";

/**
 * Reads the header of a CSV file in the browser for the column-mapping step, with the same decoding
 * (UTF-8, UTF-16, ANSI) and CSV rules (`#TYPE` and `sep=` lines, comma/semicolon/tab, quotes) as the
 * server, so the headers offered are exactly the ones the server will see. Pure: no DOM, no I/O.
 */

/** Bytes read from the start of a file to find its header. */
export const HEADER_PROBE_BYTES = 64 * 1024;

/** Cuts a partial read at a character boundary so decoding does not see a split character. */
export function trimProbe(bytes: Uint8Array, complete: boolean): Uint8Array {
  if (complete) return bytes;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return bytes.subarray(0, bytes.length - (bytes.length % 2));
  const lastNewline = bytes.lastIndexOf(0x0a);
  return lastNewline > 0 ? bytes.subarray(0, lastNewline + 1) : bytes;
}

/**
 * The headers of a delimited text file, or null when the start of the file is not CSV
 * (JSON, plain text, binary, fewer than two columns) or is wider than MAX_COLUMNS.
 */
export function csvHeadersOf(bytes: Uint8Array, complete: boolean): string[] | null {
  const decoded = decodeBytes(trimProbe(bytes, complete));
  if (!decoded.ok) return null;
  const start = decoded.text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return null;
  const headers = csvHeaderOf(decoded.text);
  // Wider than any table ingest reads (MAX_COLUMNS): no mapping step; the server refuses it with the reason.
  if (headers === undefined || headers.length < 2 || headers.length > MAX_COLUMNS) return null;
  return headers;
}

/** Header normalisation of the ingest aliases: lower-case letters and digits only ("RAM (GB)" -> "ramgb"). */
export { headerKey } from "@/lib/ingest/csv/read-csv";

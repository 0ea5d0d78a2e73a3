import { csvHeaderOf, isBlank, isRepeatedHeader } from "@/lib/ingest/csv/csv-table";
import { readCsv } from "@/lib/ingest/csv/read-csv";
import { decodeBytes } from "@/lib/ingest/decode";
import { MAX_COLUMNS } from "@/lib/ingest/limits";
import { displayValue } from "@/lib/ingest/text/display";

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
  return csvPreviewOf(bytes, complete)?.headers ?? null;
}

/** Sample values shown per column in the mapping step, and how long each may be. */
export const SAMPLES_PER_COLUMN = 3;
export const SAMPLE_MAX_CHARS = 40;
/** Data rows looked at for samples (the probe holds at most HEADER_PROBE_BYTES anyway). */
const SAMPLE_ROWS = 50;

export interface CsvPreview {
  headers: string[];
  /**
   * Per header, up to SAMPLES_PER_COLUMN distinct non-blank values from the first data rows, in file order, each
   * quoted and shortened with displayValue (invisible and bidi characters shown as \u{…}): text for React to escape.
   */
  samples: string[][];
}

/** The headers and a few sample values per column, or null like csvHeadersOf. */
export function csvPreviewOf(bytes: Uint8Array, complete: boolean): CsvPreview | null {
  const decoded = decodeBytes(trimProbe(bytes, complete));
  if (!decoded.ok) return null;
  const start = decoded.text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return null;
  const headers = csvHeaderOf(decoded.text);
  // Wider than any table ingest reads (MAX_COLUMNS): no mapping step; the server refuses it with the reason.
  if (headers === undefined || headers.length < 2 || headers.length > MAX_COLUMNS) return null;
  return { headers, samples: samplesOf(decoded.text, headers.length) };
}

function samplesOf(text: string, width: number): string[][] {
  const samples: string[][] = Array.from({ length: width }, () => []);
  // The probe may end inside a quoted value: then no samples rather than wrong ones.
  const read = readCsv(text, { maxColumns: MAX_COLUMNS });
  if (!read.ok || read.rows.length < 2) return samples;
  const [header, ...rows] = read.rows;
  const seen = samples.map(() => new Set<string>());
  for (const row of rows.slice(0, SAMPLE_ROWS)) {
    if (isRepeatedHeader(row, header)) continue;
    for (let i = 0; i < width; i++) {
      const value = row.fields[i];
      if (value === undefined || samples[i].length >= SAMPLES_PER_COLUMN || isBlank(value.trim()) || seen[i].has(value)) continue;
      seen[i].add(value);
      samples[i].push(displayValue(value, SAMPLE_MAX_CHARS));
    }
  }
  return samples;
}

/** Header normalisation of the ingest aliases: lower-case letters and digits only ("RAM (GB)" -> "ramgb"). */
export { headerKey } from "@/lib/ingest/csv/read-csv";

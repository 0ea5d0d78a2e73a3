import type { Column, ColumnType, SqlValue } from "../write-tx";
import { storable } from "./storable";

// COPY … FROM STDIN (FORMAT binary) (https://www.postgresql.org/docs/15/sql-copy.html, "Binary Format"): a header, then
// per row a 16-bit field count and per field a 32-bit length (-1 for NULL) and the value in the type's binary form
// (its `recv` function), then a 16-bit -1. Unlike the text format, PostgreSQL neither scans the rows for tabs, newlines
// and backslashes nor parses numbers and timestamps, and the values need no escaping here (decision 031).

const HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]); // "PGCOPY\n\377\r\n\0", flags 0, no extension
const TRAILER = Buffer.from([0xff, 0xff]);

/**
 * The buffers the rows are encoded into. Small on purpose: 4 MB buffers cost the 50,000-server upload 1.6–2.4 s on
 * this machine, because large buffers are fresh memory each time while small ones are recycled (decision 030).
 */
const CHUNK_BYTES = 64 << 10;

/** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's timestamp epoch. */
const POSTGRES_EPOCH_MICROS = 946_684_800_000_000;
const TWO_32 = 2 ** 32;

/** "2026-12-01T09:30:00.000+00:00" (sqlDate), "2026-12-01 09:30:00", "2026-12-01": date, time, fraction, offset. */
const ISO_DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?)?(?:Z|[+-]\d\d(?::?\d\d)?)?$/;

/**
 * A timestamp as PostgreSQL's `timestamp` (without time zone) stores it: microseconds since 2000-01-01. The text is an
 * ISO date-time (sqlDate's "2026-12-01T09:30:00.000+00:00"); as PostgreSQL does for a `timestamp without time zone`,
 * an offset is ignored (the date and time are taken as written). Throws for anything else, and for fields out of range.
 */
export function timestampMicros(text: string): number {
  const match = ISO_DATE_TIME.exec(text);
  const refuse = () => new Error(`not an ISO date-time: ${JSON.stringify(text.slice(0, 40))}`);
  if (match === null) throw refuse();
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0-99 as 1900-1999
  // Out-of-range fields (February 30, 25:00) roll over in Date; PostgreSQL refuses them.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || date.getUTCHours() !== hour || date.getUTCMinutes() !== minute || date.getUTCSeconds() !== second) {
    throw refuse();
  }
  return date.getTime() * 1000 + Number((match[7] ?? "").padEnd(6, "0")) - POSTGRES_EPOCH_MICROS;
}

function integerOf(value: string | number, column: string): number {
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(number) || number < -(2 ** 31) || number >= 2 ** 31) throw new Error(`${column}: ${JSON.stringify(value)} is not a 32-bit integer`);
  return number;
}

function flagOf(value: string | number, column: string): number {
  if (value === 1 || value === "1" || value === "t" || value === "true") return 1;
  if (value === 0 || value === "0" || value === "f" || value === "false") return 0;
  throw new Error(`${column}: ${JSON.stringify(value)} is not a flag (0 or 1)`);
}

/** A text column's value: U+0000, which PostgreSQL refuses in text, stored as U+FFFD (`storable`, as for parameters). */
function textOf(value: string | number): string {
  return typeof value === "string" ? (storable(value) as string) : String(value);
}

/** The most bytes a value can take, its 4-byte length included. */
function room(type: ColumnType, value: SqlValue): number {
  if (value === null) return 4;
  if (type === "text") return 4 + (typeof value === "string" ? value.length * 3 : 32); // UTF-8: at most 3 bytes per UTF-16 code unit
  return 12;
}

/** Writes one value (length and bytes) at `at`; returns the offset after it. */
function writeValue(buffer: Buffer, at: number, type: ColumnType, value: SqlValue, column: string, timestamps: Map<string, number>): number {
  if (value === null) return buffer.writeInt32BE(-1, at);
  switch (type) {
    case "text": {
      const length = buffer.write(textOf(value), at + 4);
      buffer.writeInt32BE(length, at);
      return at + 4 + length;
    }
    case "int":
      buffer.writeInt32BE(4, at);
      return buffer.writeInt32BE(integerOf(value, column), at + 4);
    case "float": {
      const number = typeof value === "number" ? value : Number(value);
      if (Number.isNaN(number) && value !== "NaN") throw new Error(`${column}: ${JSON.stringify(value)} is not a number`);
      buffer.writeInt32BE(8, at);
      return buffer.writeDoubleBE(number, at + 4);
    }
    case "bool":
      buffer.writeInt32BE(1, at);
      return buffer.writeUInt8(flagOf(value, column), at + 4);
    case "timestamp": {
      if (typeof value !== "string") throw new Error(`${column}: ${JSON.stringify(value)} is not a date-time text (sqlDate)`);
      let micros = timestamps.get(value);
      if (micros === undefined) {
        micros = timestampMicros(value);
        if (timestamps.size > 1024) timestamps.clear(); // most rows of a batch share their times: a small memo
        timestamps.set(value, micros);
      }
      const high = Math.floor(micros / TWO_32);
      buffer.writeInt32BE(8, at);
      buffer.writeInt32BE(high, at + 4);
      return buffer.writeUInt32BE(micros - high * TWO_32, at + 8);
    }
  }
}

/**
 * Rows in COPY's binary format, encoded into buffers of CHUNK_BYTES (a row larger than that gets a buffer of its own;
 * rows are never split across buffers). Each column's values must be of its type: text (any string or number), int
 * (a 32-bit integer), float, bool (0 or 1) or timestamp (an ISO date-time, as sqlDate writes them); a value that is not
 * throws, naming the column.
 */
export function* binaryCopyChunks(columns: readonly Column[], rows: readonly (readonly SqlValue[])[]): Generator<Buffer> {
  const width = columns.length;
  const timestamps = new Map<string, number>();
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = HEADER.copy(buffer, 0);
  for (const row of rows) {
    if (row.length !== width) throw new Error(`${row.length} values for ${width} columns`);
    let need = 2;
    for (let c = 0; c < width; c++) need += room(columns[c]![1], row[c]!);
    if (used + need > buffer.length) {
      if (used > 0) yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, need + TRAILER.length));
      used = 0;
    }
    used = buffer.writeInt16BE(width, used);
    for (let c = 0; c < width; c++) used = writeValue(buffer, used, columns[c]![1], row[c]!, columns[c]![0], timestamps);
  }
  if (used + TRAILER.length > buffer.length) {
    yield buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(TRAILER.length);
    used = 0;
  }
  used += TRAILER.copy(buffer, used);
  yield buffer.subarray(0, used);
}

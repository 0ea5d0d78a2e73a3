import type { SqlValue } from "../write-tx";

// COPY … FROM STDIN's text format (https://www.postgresql.org/docs/15/sql-copy.html, "Text Format"): one line per row,
// values separated by tabs, \\N for NULL, backslash escapes for backslash, tab, newline and carriage return.

/** PostgreSQL refuses U+0000 in text; SQLite stores it. Uploaded text is kept otherwise as is (shown escaped). */
export function storable(value: SqlValue): SqlValue {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
}

/** What COPY's text format escapes (and U+0000, which PostgreSQL refuses in text: stored as U+FFFD, as by storable). */
const SPECIAL = /[\\\t\n\r\u0000]/;
const SPECIALS = /[\\\t\n\r\u0000]/g;
const ESCAPED: Readonly<Record<string, string>> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u0000": "\uFFFD" };

/** A value in COPY's text format: \\N for NULL; backslash, tab, newline and carriage return escaped; one scan of the text. */
export function copyText(value: SqlValue): string {
  if (value === null) return "\\N";
  const text = typeof value === "string" ? value : String(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPED[c]!) : text;
}

/**
 * The size of the buffers COPY's rows are encoded into (a row longer than that gets a buffer of its own). Small on
 * purpose: with 4 MB buffers the 50,000-server upload took 1.6–2.4 s longer on this machine (the process's CPU 2.7 s
 * more), and encoding into them cost 640–770 ms instead of 200–250 (the same bytes, encoded again afterwards in the same
 * process: 80–120 ms); buffers this small are recycled by the allocator as the young generation's collections free
 * them, where large ones are fresh memory each time (decision 030, docs/performance.md).
 */
const COPY_CHUNK_BYTES = 64 << 10;

/**
 * Rows as COPY text lines, UTF-8 encoded straight into buffers of COPY_CHUNK_BYTES: each line is written into the
 * current buffer (`Buffer.write`) instead of being appended to a string that is flattened and encoded when the stream
 * takes it.
 */
export function* copyChunks(rows: readonly (readonly SqlValue[])[], width: number): Generator<Buffer> {
  let buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  let used = 0;
  for (const row of rows) {
    if (row.length !== width) throw new Error(`${row.length} values for ${width} columns`);
    // The newline is written as a byte: appending it to the line would make a second copy of each row's text.
    const line = row.map(copyText).join("\t");
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const room = line.length * 3 + 1;
    if (used + room > buffer.length) {
      if (used > 0) yield buffer.subarray(0, used);
      buffer = Buffer.allocUnsafe(Math.max(COPY_CHUNK_BYTES, room));
      used = 0;
    }
    used += buffer.write(line, used);
    buffer[used++] = 0x0a;
  }
  if (used > 0) yield buffer.subarray(0, used);
}


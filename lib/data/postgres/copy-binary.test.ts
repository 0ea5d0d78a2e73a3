import { describe, expect, it } from "vitest";
import type { Column, SqlValue } from "../write-tx";
import { binaryCopyChunks, timestampMicros } from "./copy-binary";

/** Reads COPY's binary format back: each row as its fields' raw bytes (null for NULL). */
function decode(chunks: Buffer[]): (Buffer | null)[][] {
  const data = Buffer.concat(chunks);
  expect(data.subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0");
  expect(data.readInt32BE(11)).toBe(0); // flags
  expect(data.readInt32BE(15)).toBe(0); // header extension
  let at = 19;
  const rows: (Buffer | null)[][] = [];
  for (;;) {
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    const row: (Buffer | null)[] = [];
    for (let f = 0; f < fields; f++) {
      const length = data.readInt32BE(at);
      at += 4;
      row.push(length === -1 ? null : data.subarray(at, at + length));
      if (length > 0) at += length;
    }
    rows.push(row);
  }
  expect(at).toBe(data.length); // the trailer ends the stream
  return rows;
}

const COLUMNS: readonly Column[] = [
  ["t", "text"],
  ["i", "int"],
  ["f", "float"],
  ["b", "bool"],
  ["at", "timestamp"],
];

describe("timestampMicros", () => {
  it("counts microseconds from 2000-01-01, PostgreSQL's epoch, and takes the date and time as written (as a timestamp without time zone does)", () => {
    expect(timestampMicros("2000-01-01T00:00:00.000+00:00")).toBe(0);
    expect(timestampMicros("2026-12-01T10:00:00.123+00:00")).toBe((Date.UTC(2026, 11, 1, 10, 0, 0, 123) - Date.UTC(2000, 0, 1)) * 1000);
    expect(timestampMicros("1999-12-31T23:59:59.999Z")).toBe(-1000);
    expect(timestampMicros("2026-12-01 10:00:00.000001")).toBe(timestampMicros("2026-12-01T10:00:00Z") + 1);
    expect(timestampMicros("2026-12-01T10:00:00+02:00")).toBe(timestampMicros("2026-12-01T10:00:00Z"));
    expect(timestampMicros("2026-12-01")).toBe(timestampMicros("2026-12-01T00:00:00Z"));
    expect(timestampMicros("0050-06-01T00:00:00Z")).toBe((new Date("0050-06-01T00:00:00Z").getTime() - Date.UTC(2000, 0, 1)) * 1000);
  });

  it("refuses what is not a date-time, and fields out of range (which Date would roll over)", () => {
    for (const bad of ["", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-01T25:00:00Z", "2026-12-01T10:00:00.000+00:00 trailing"]) {
      expect(() => timestampMicros(bad), bad).toThrow("not an ISO date-time");
    }
  });
});

describe("binaryCopyChunks", () => {
  it("writes each type in its binary form, NULL as length -1, and U+0000 as U+FFFD", () => {
    const rows: SqlValue[][] = [
      ["ünï ✓ 𝄞\t\\N\n", -7, 0.375, 1, "2026-12-01T10:00:00.123+00:00"],
      [null, null, null, null, null],
      ["a\u0000b", 2 ** 31 - 1, -0, 0, "1999-12-31T23:59:59.999+00:00"],
      [42, "12", "1.5", "true", "2026-12-01T10:00:00.123+00:00"],
    ];
    const [first, empty, third, fourth] = decode([...binaryCopyChunks(COLUMNS, rows)]);
    expect(first![0]!.toString("utf8")).toBe("ünï ✓ 𝄞\t\\N\n");
    expect(first![1]!.readInt32BE(0)).toBe(-7);
    expect(first![2]!.readDoubleBE(0)).toBe(0.375);
    expect([...first![3]!]).toEqual([1]);
    expect(first![4]!.readBigInt64BE(0)).toBe(BigInt(timestampMicros("2026-12-01T10:00:00.123+00:00")));
    expect(empty).toEqual([null, null, null, null, null]);
    expect(third![0]!.toString("utf8")).toBe("a\uFFFDb");
    expect(third![1]!.readInt32BE(0)).toBe(2 ** 31 - 1);
    expect([...third![3]!]).toEqual([0]);
    expect(third![4]!.readBigInt64BE(0)).toBe(-1000n);
    expect(fourth![0]!.toString("utf8")).toBe("42");
    expect(fourth![1]!.readInt32BE(0)).toBe(12);
    expect(fourth![2]!.readDoubleBE(0)).toBe(1.5);
    expect([...fourth![3]!]).toEqual([1]);
  });

  it("refuses a value its column's type cannot hold, naming the column", () => {
    const one = (column: Column, value: SqlValue) => () => [...binaryCopyChunks([column], [[value]])];
    expect(one(["count", "int"], 2 ** 31)).toThrow("count: 2147483648 is not a 32-bit integer");
    expect(one(["count", "int"], 1.5)).toThrow("count: 1.5 is not a 32-bit integer");
    expect(one(["flag", "bool"], 2)).toThrow("flag: 2 is not a flag");
    expect(one(["share", "float"], "half")).toThrow('share: "half" is not a number');
    expect(one(["at", "timestamp"], 1_700_000_000)).toThrow("at: 1700000000 is not a date-time text");
    expect(one(["at", "timestamp"], "2026-02-30T00:00:00Z")).toThrow("not an ISO date-time");
    expect(() => [...binaryCopyChunks(COLUMNS, [["a", 1]])]).toThrow("2 values for 5 columns");
  });

  it("never splits a row across buffers; buffers stay at 64 KB but for a longer row's own", () => {
    const wide = "ü✓𝄞".repeat(600_000); // 5.4 MB of UTF-8
    const rows: SqlValue[][] = [
      ...Array.from({ length: 30_000 }, (_, i) => [`é ${"x".repeat(i % 300)}`, i, i / 7, i % 2, "2026-12-01T10:00:00.000+00:00"]),
      [wide, 1, 1, 1, null],
      ["after", 2, 2, 0, null],
    ];
    const chunks = [...binaryCopyChunks(COLUMNS, rows)];
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) if (chunk.length > 64 << 10) expect(chunk.includes(Buffer.from(wide.slice(0, 30)))).toBe(true);
    const decoded = decode(chunks);
    expect(decoded.length).toBe(rows.length);
    expect(decoded.every((row, i) => row[0]!.toString("utf8") === String(rows[i]![0]) && row[1]!.readInt32BE(0) === rows[i]![1])).toBe(true);
    // Each buffer but the first starts at a row: its first field count is the width.
    for (const chunk of chunks.slice(1, -1)) expect(chunk.readInt16BE(0)).toBe(COLUMNS.length);
  });

  it("is a header and a trailer for no rows", () => {
    expect(decode([...binaryCopyChunks(COLUMNS, [])])).toEqual([]);
  });
});

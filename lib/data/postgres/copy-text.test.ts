import { describe, expect, it } from "vitest";
import { copyChunks, copyText } from "./copy-text";

const decode = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");

describe("copyText", () => {
  it("writes NULL as \\N and escapes backslash, tab, newline and carriage return; numbers and booleans as text", () => {
    expect(copyText(null)).toBe("\\N");
    expect(copyText("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyText("\\N")).toBe("\\\\N");
    expect(copyText(42)).toBe("42");
    expect(copyText(0.5)).toBe("0.5");
    expect(copyText("a\u0000b")).toBe("a\uFFFDb");
  });
});

describe("copyChunks", () => {
  it("encodes every row as one UTF-8 line, none split across two buffers, none of them over 64 KB but for a longer row", () => {
    const wide = "ü✓𝄞".repeat(600_000); // 2.4 M UTF-16 units, 5.4 MB of UTF-8: far longer than a buffer
    const rows = [
      ...Array.from({ length: 30_000 }, (_, i) => [`id-${i}`, `é ${"x".repeat(i % 300)}`, i % 7 === 0 ? null : i]),
      ["wide", wide, 1],
      ["after", "tab\there", 2],
    ];
    const chunks = [...copyChunks(rows, 3)];
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk[chunk.length - 1]).toBe(0x0a); // each buffer ends at the end of a line
      if (!chunk.includes(Buffer.from(wide.slice(0, 30)))) expect(chunk.length).toBeLessThanOrEqual(64 << 10);
    }
    const expected = rows.map((row) => row.map(copyText).join("\t") + "\n").join("");
    expect(decode(chunks)).toBe(expected);
  });

  it("yields nothing for no rows and refuses a row of the wrong width", () => {
    expect([...copyChunks([], 3)]).toEqual([]);
    expect(() => [...copyChunks([["a", "b"]], 3)]).toThrow("2 values for 3 columns");
  });
});

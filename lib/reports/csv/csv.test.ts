import { describe, expect, it } from "vitest";
import { CSV_BOM, csvRow, formatCell, neutralizeFormula, quoteCell } from "./csv";
import { csvStream } from "./stream";
import type { ExportColumn } from "./tables";

describe("CSV cells", () => {
  it("quotes commas, quotes and line breaks (RFC 4180) and leaves plain text alone", () => {
    expect(quoteCell("plain")).toBe("plain");
    expect(quoteCell("a,b")).toBe('"a,b"');
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCell("two\nlines")).toBe('"two\nlines"');
    expect(quoteCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it.each(["=", "+", "-", "@", "\t", "\r"])("neutralizes a cell starting with %j against formula injection", (prefix) => {
    const cell = `${prefix}HYPERLINK("http://evil")`;
    expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    expect(formatCell(cell).startsWith(`'${prefix}`) || formatCell(cell).startsWith(`"'${prefix}`)).toBe(true);
  });

  it("neutralizes then quotes: =1+2,3 becomes \"'=1+2,3\"", () => {
    expect(formatCell("=1+2,3")).toBe(`"'=1+2,3"`);
    expect(formatCell("a=b")).toBe("a=b");
    expect(formatCell("")).toBe("");
  });

  it("keeps non-ASCII names as they are", () => {
    expect(csvRow(["SRV-MÜNCHEN-01", "東京", "Zürich, Süd"])).toBe('SRV-MÜNCHEN-01,東京,"Zürich, Süd"\r\n');
  });

  it("formats numbers, booleans, dates and empty values", () => {
    expect(formatCell(3)).toBe("3");
    expect(formatCell(-1)).toBe("-1"); // our own numbers are not text: no apostrophe
    expect(formatCell(0.25)).toBe("0.25");
    expect(formatCell(Number.NaN)).toBe("");
    expect(formatCell(true)).toBe("true");
    expect(formatCell(false)).toBe("false");
    expect(formatCell(new Date("2026-12-04T10:00:00Z"))).toBe("2026-12-04T10:00:00.000Z");
    expect(formatCell(null)).toBe("");
    expect(formatCell(undefined)).toBe("");
  });
});

describe("csvStream", () => {
  const columns: ExportColumn<{ name: string; count: number }>[] = [
    { header: "Name", width: 10, value: (row) => row.name },
    { header: "Count", width: 5, value: (row) => row.count },
  ];
  async function* batches() {
    yield [{ name: "SRV-MÜNCHEN-01", count: 1 }];
    yield [];
    yield [
      { name: "=cmd|' /C calc'!A0", count: 2 },
      { name: "東京", count: 3 },
    ];
  }

  it("writes the UTF-8 BOM, the header and every batch with CRLF line ends", async () => {
    let done: { rows: number; bytes: number } | undefined;
    const bytes = new Uint8Array(await new Response(csvStream(columns, batches(), (size) => {
      done = size;
    })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1)).toBe("Name,Count\r\nSRV-MÜNCHEN-01,1\r\n'=cmd|' /C calc'!A0,2\r\n東京,3\r\n");
    expect(done).toEqual({ rows: 3, bytes: bytes.byteLength });
  });
});

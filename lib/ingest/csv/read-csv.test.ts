import { describe, expect, it } from "vitest";
import { headerKey, readCsv, scanCsv, sniffDelimiter, type CsvRow } from "./read-csv";
import { csvHeaderOf } from "./csv-table";

describe("readCsv", () => {
  it("keeps the line where each record starts, across quoted newlines and blank lines", () => {
    const result = readCsv('a,b,c\r\n1,"x\r\ny\r\nz",3\r\n\r\n4,5\r\n"q""uote",,\r\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x\ny\nz", "3"] },
      { line: 6, fields: ["4", "5"] },
      { line: 7, fields: ['q"uote', "", ""] },
    ]);
  });

  it("skips the #TYPE line of Windows PowerShell Export-Csv and reports it", () => {
    const result = readCsv('#TYPE Selected.System.DirectoryServices.ActiveDirectoryAccessRule\n"A","B"\n"1","2"\n');
    expect(result).toMatchObject({
      ok: true,
      typeName: "Selected.System.DirectoryServices.ActiveDirectoryAccessRule",
      rows: [
        { line: 2, fields: ["A", "B"] },
        { line: 3, fields: ["1", "2"] },
      ],
    });
  });

  it("honours Excel's sep= line and sniffs semicolons and tabs", () => {
    expect(readCsv("sep=;\na;b\n1,5;2\n")).toMatchObject({ ok: true, delimiter: ";", rows: [{ line: 2 }, { line: 3, fields: ["1,5", "2"] }] });
    expect(readCsv('"a";"b,c"\n1;2\n')).toMatchObject({ ok: true, delimiter: ";", rows: [{ fields: ["a", "b,c"] }, { fields: ["1", "2"] }] });
    expect(readCsv("a\tb\n1\t2\n")).toMatchObject({ ok: true, delimiter: "\t" });
    expect(sniffDelimiter('"x;y",a,b')).toBe(",");
  });

  it("keeps text after a closing quote instead of failing (relaxed quotes)", () => {
    expect(readCsv('a,b\n"bad"x,1\n')).toMatchObject({ ok: true, rows: [{}, { fields: ["badx", "1"] }] });
  });

  it("scanCsv hands over each record as it is read, header first, and fails after the records before the problem", () => {
    const seen: Array<[number, string[]]> = [];
    const ok = scanCsv('a,b\n\n1,"x\ny"\n2,3\n', (row) => seen.push([row.line, row.fields]));
    expect(ok).toEqual({ ok: true, delimiter: ",", records: 3 });
    expect(seen).toEqual([[1, ["a", "b"]], [3, ["1", "x\ny"]], [5, ["2", "3"]]]);

    const before: number[] = [];
    expect(scanCsv('a,b\n1,2\n"never closed,3\n', (row) => before.push(row.line))).toMatchObject({ ok: false, reason: "unclosed-quote", line: 3 });
    expect(before).toEqual([1, 2]);
    const limited: number[] = [];
    expect(scanCsv("a\n1\n2\n3\n", (row) => limited.push(row.line), { maxRecords: 2 })).toMatchObject({ ok: false, reason: "too-many-rows" });
    expect(limited).toEqual([1, 2]);
  });

  it("reports an unclosed quote with the line where it starts", () => {
    const result = readCsv('a,b\n1,2\n"never closed,3\n4,5\n');
    expect(result).toMatchObject({ ok: false, reason: "unclosed-quote", line: 3 });
    if (!result.ok) expect(result.message).toMatch(/starts on line 3/);
  });

  it("stops at the record limit", () => {
    expect(readCsv("h\n1\n2\n3\n", { maxRecords: 3 })).toMatchObject({ ok: false, reason: "too-many-rows", limit: 3 });
    expect(readCsv("h\n1\n2\n", { maxRecords: 3 })).toMatchObject({ ok: true });
  });

  it("handles a file without a final newline and a trailing delimiter", () => {
    expect(readCsv("a,b\n1,")).toMatchObject({ ok: true, rows: [{ fields: ["a", "b"] }, { fields: ["1", ""] }] });
  });

  it("normalises headers for alias matching", () => {
    expect(headerKey("RAM (GB)")).toBe("ramgb");
    expect(headerKey(" .NET Release ")).toBe("netrelease");
    expect(headerKey("Hotfix(s)")).toBe("hotfixs");
  });

  it("reads just the header cheaply, skipping #TYPE", () => {
    expect(csvHeaderOf('#TYPE X\r\n"Host Name","OS"\r\n"a","b"\r\n')).toEqual(["Host Name", "OS"]);
  });
});

describe("scanCsv until / resume", () => {
  it("reads the same records in two scans split at any offset as in one", () => {
    const text = '#TYPE Selected.X\r\n"sep=,"\r\nName,Notes\r\n\r\na,"one\r\ntwo"\r\nb,"say ""hi"""\r\n\r\nc,plain\r\nd,"x,y"\r\n';
    const once: CsvRow[] = [];
    const whole = scanCsv(text, (row) => once.push(row));
    expect(whole.ok).toBe(true);
    for (let until = 0; until <= text.length; until++) {
      const rows: CsvRow[] = [];
      const first = scanCsv(text, (row) => rows.push(row), { until });
      if (!first.ok) throw new Error("first scan failed");
      if (first.next !== undefined) {
        const rest = scanCsv(text, (row) => rows.push(row), { resume: first.next, delimiter: first.delimiter });
        expect(rest.ok).toBe(true);
      }
      expect(rows).toEqual(once);
    }
  });

  it("needs the delimiter to resume", () => {
    expect(() => scanCsv("a,b\n", () => {}, { resume: { pos: 0, line: 1 } })).toThrow(/delimiter/);
  });
});

import { describe, expect, it } from "vitest";
import { parseBoolean } from "./booleans";
import { parseDateTime } from "./dates";
import { normalizeGuidText } from "./guid";
import { parseMemory, unitFromHeader } from "./memory";
import { parseGroupedInteger, parseLocaleNumber } from "./numbers";
import { parseOsVersion } from "./os-version";
import { parseDword } from "./registry";
import { parseJson } from "../json/parse-json";

describe("numbers", () => {
  it.each([
    ["15,998", 15998],
    ["15.998", 15998],
    ["15\u00a0998", 15998],
    ["15\u202f998", 15998],
    ["15'998", 15998],
    ["1,234,567", 1234567],
    ["1.234.567", 1234567],
    ["1,234.5", 1234.5],
    ["1.234,5", 1234.5],
    ["7,5", 7.5],
    ["16.0", 16],
    ["0x10", 16],
  ])("parseLocaleNumber(%j) = %d", (text, value) => {
    expect(parseLocaleNumber(text)).toBe(value);
  });

  it("rejects text that is not a number", () => {
    expect(parseLocaleNumber("lots")).toBeUndefined();
    expect(parseLocaleNumber("1,2,3")).toBeUndefined();
    expect(parseLocaleNumber("")).toBeUndefined();
  });

  it("treats every separator as grouping in integer-only contexts", () => {
    expect(parseGroupedInteger("32\u00a0767")).toBe(32767);
    expect(parseGroupedInteger("8.191")).toBe(8191);
    expect(parseGroupedInteger("12a")).toBeUndefined();
  });
});

describe("memory", () => {
  it("takes the unit from the value, then the header, then the default", () => {
    expect(parseMemory("16 GB")).toEqual({ ok: true, bytes: 16 * 1024 ** 3, unit: "GB", guessed: false });
    expect(parseMemory("15,998 MB")).toMatchObject({ ok: true, bytes: 15998 * 1024 ** 2 });
    expect(parseMemory("16", { headerUnit: "GB" })).toMatchObject({ bytes: 16 * 1024 ** 3, guessed: false });
    expect(parseMemory("67108864", { defaultUnit: "KB" })).toMatchObject({ bytes: 68719476736, guessed: false });
  });

  it("guesses the unit from the magnitude and says so", () => {
    expect(parseMemory("16")).toMatchObject({ unit: "GB", guessed: true });
    expect(parseMemory("16384")).toMatchObject({ unit: "MB", guessed: true });
    expect(parseMemory("16777216")).toMatchObject({ unit: "KB", guessed: true });
    expect(parseMemory("17179869184")).toMatchObject({ unit: "B", bytes: 17179869184, guessed: true });
  });

  it("reads the unit from header names", () => {
    expect(unitFromHeader("RAM (GB)")).toBe("GB");
    expect(unitFromHeader("Memory_MB")).toBe("MB");
    expect(unitFromHeader("MemoryGB")).toBe("GB");
    expect(unitFromHeader("TotalPhysicalMemory (bytes)")).toBe("B");
    expect(unitFromHeader("Memory")).toBeUndefined();
  });

  it("rejects unknown units and words", () => {
    expect(parseMemory("16 parsecs")).toMatchObject({ ok: false });
    expect(parseMemory("lots")).toMatchObject({ ok: false });
  });
});

describe("os versions", () => {
  it.each([
    ["10.0.17763.5696", { version: "10.0.17763", build: 17763, ubr: 5696 }],
    ["10.0.20348", { version: "10.0.20348", build: 20348 }],
    ["10.0.17763 N/A Build 17763", { version: "10.0.17763", build: 17763 }],
    ["6.1.7601 Service Pack 1 Build 7601", { version: "6.1.7601", build: 7601 }],
    ["10.0 (20348)", { version: "10.0.20348", build: 20348 }],
    ["26100", { build: 26100 }],
    ["20348.2402", { build: 20348, ubr: 2402 }],
  ])("parseOsVersion(%j)", (text, parts) => {
    expect(parseOsVersion(text)).toEqual(parts);
  });

  it("returns undefined for non-versions", () => {
    expect(parseOsVersion("Windows")).toBeUndefined();
    expect(parseOsVersion("1")).toBeUndefined();
  });
});

describe("dates", () => {
  it("reads Windows PowerShell /Date()/ values", () => {
    expect(parseDateTime("/Date(1700000000000)/")).toEqual({ ok: true, iso: "2023-11-14T22:13:20.000Z", assumedUtc: false });
    expect(parseDateTime("\\/Date(1700000000000+0100)\\/".replace(/\\/g, ""))).toMatchObject({ iso: "2023-11-14T22:13:20.000Z" });
  });

  it("reads ISO dates with 7 fractional digits and offsets", () => {
    expect(parseDateTime("2024-03-01T08:00:00.1234567+01:00")).toEqual({ ok: true, iso: "2024-03-01T07:00:00.123Z", assumedUtc: false });
    expect(parseDateTime("2024-03-01T08:00:00Z")).toMatchObject({ iso: "2024-03-01T08:00:00.000Z", assumedUtc: false });
  });

  it("reads zone-less dates as UTC and flags them", () => {
    expect(parseDateTime("2024-03-01T08:00:00")).toMatchObject({ iso: "2024-03-01T08:00:00.000Z", assumedUtc: true });
    expect(parseDateTime("7/27/2023 6:34:00 PM")).toMatchObject({ iso: "2023-07-27T18:34:00.000Z", assumedUtc: true });
  });

  it("rejects impossible and unknown dates", () => {
    expect(parseDateTime("2024-02-30T00:00:00Z")).toMatchObject({ ok: false });
    expect(parseDateTime("yesterday")).toMatchObject({ ok: false });
  });
});

describe("small parsers", () => {
  it("booleans", () => {
    for (const t of ["yes", "TRUE", "1", "y", "$true", "Ja"]) expect(parseBoolean(t)).toBe(true);
    for (const f of ["no", "False", "0", "n", "$false", "nein"]) expect(parseBoolean(f)).toBe(false);
    expect(parseBoolean("maybe")).toBeUndefined();
    expect(parseBoolean(true)).toBe(true);
  });

  it("registry DWORDs, with Not Found as null", () => {
    expect(parseDword("1")).toEqual({ ok: true, value: 1 });
    expect(parseDword("0x00000001")).toEqual({ ok: true, value: 1 });
    expect(parseDword("Not Found")).toEqual({ ok: true, value: null });
    expect(parseDword(null)).toEqual({ ok: true, value: null });
    expect(parseDword("enabled")).toMatchObject({ ok: false });
    expect(parseDword(-1)).toMatchObject({ ok: false });
  });

  it("GUIDs in any case, with braces or without dashes", () => {
    expect(normalizeGuidText("{BF967ABA-0DE6-11D0-A285-00AA003049E2}")).toBe("bf967aba-0de6-11d0-a285-00aa003049e2");
    expect(normalizeGuidText("bf967aba0de611d0a28500aa003049e2")).toBe("bf967aba-0de6-11d0-a285-00aa003049e2");
    expect(normalizeGuidText("not-a-guid")).toBeUndefined();
  });
});

describe("parseJson", () => {
  it("reports where truncated JSON stops", () => {
    const result = parseJson('[\n  {\n    "OsName": "Microsoft Windows Server 2022",\n    "CsName": "SYN');
    expect(result).toMatchObject({ ok: false, line: 4, column: 19 });
    if (!result.ok) expect(result.message).toMatch(/ends too early at line 4, column 19: the file looks truncated/);
  });

  it("reports the position of a syntax error inside the file", () => {
    const result = parseJson('{\n  "a": 1,,\n  "b": 2\n}');
    // The second comma is the 10th character of line 2.
    expect(result).toMatchObject({ ok: false, line: 2, column: 10 });
    if (!result.ok) expect(result.message).toMatch(/malformed at line 2, column 10/);
  });

  it("parses valid JSON", () => {
    expect(parseJson('\ufeff{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
  });
});

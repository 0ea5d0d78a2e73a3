import { describe, expect, it } from "vitest";
import { decodeBytes } from "./decode";

function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function utf16be(text: string, bom = true): Uint8Array {
  const le = utf16le(text, false);
  const out = new Uint8Array((bom ? 2 : 0) + le.length);
  let o = 0;
  if (bom) {
    out[o++] = 0xfe;
    out[o++] = 0xff;
  }
  for (let i = 0; i < le.length; i += 2) {
    out[o++] = le[i + 1];
    out[o++] = le[i];
  }
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeBytes", () => {
  it("reads plain UTF-8 and keeps accented characters", () => {
    const result = decodeBytes(utf8("Host Name,Owner\nsrv01,Société Générale\n"));
    expect(result).toMatchObject({ ok: true, encoding: "utf-8", text: "Host Name,Owner\nsrv01,Société Générale\n", newline: "lf" });
  });

  it("removes a UTF-8 BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("a,b\r\n1,2\r\n")]);
    const result = decodeBytes(bytes);
    expect(result).toMatchObject({ ok: true, encoding: "utf-8-bom", text: "a,b\n1,2\n", newline: "crlf" });
  });

  it("reads UTF-16 LE with BOM (Windows PowerShell 5.1 Out-File / >)", () => {
    const result = decodeBytes(utf16le("OsName : Microsoft Windows Server 2022 Datacenter\r\nCsName : SYNC01\r\n"));
    expect(result).toMatchObject({ ok: true, encoding: "utf-16le", text: "OsName : Microsoft Windows Server 2022 Datacenter\nCsName : SYNC01\n" });
  });

  it("reads UTF-16 BE with BOM", () => {
    const result = decodeBytes(utf16be("Name,Domain\r\nSRV-ü,corp\r\n"));
    expect(result).toMatchObject({ ok: true, encoding: "utf-16be", text: "Name,Domain\nSRV-ü,corp\n" });
  });

  it("detects UTF-16 LE without a BOM from the zero bytes and warns", () => {
    const result = decodeBytes(utf16le("Host Name,OS\r\nsrv01,Windows Server 2019\r\n", false));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.encoding).toBe("utf-16le");
      expect(result.text).toBe("Host Name,OS\nsrv01,Windows Server 2019\n");
      expect(result.warnings[0]).toMatch(/no byte-order mark/);
    }
  });

  it("detects UTF-16 BE without a BOM", () => {
    const result = decodeBytes(utf16be("Host Name,OS\nsrv01,Windows\n", false));
    expect(result).toMatchObject({ ok: true, encoding: "utf-16be", text: "Host Name,OS\nsrv01,Windows\n" });
  });

  it("normalises old Mac CR line endings and mixed endings", () => {
    expect(decodeBytes(utf8("a\rb\rc"))).toMatchObject({ ok: true, text: "a\nb\nc", newline: "cr" });
    expect(decodeBytes(utf8("a\r\nb\nc"))).toMatchObject({ ok: true, text: "a\nb\nc", newline: "mixed" });
  });

  it.each([
    ["a\nb\n", "lf"],
    ["a\r\nb\r\n", "crlf"],
    ["a\rb", "cr"],
    ["a\r\nb\rc", "mixed"],
    ["\na\r\nb", "mixed"],
    ["a\r\nb\r", "mixed"],
    ["a,b", "none"],
  ])("names the line endings of %j as %s", (text, newline) => {
    expect(decodeBytes(utf8(text))).toMatchObject({ ok: true, text: text.replace(/\r\n?/g, "\n"), newline });
  });

  it("refuses valid UTF-8 full of control characters, vertical tabs included, and keeps text with a few", () => {
    const controls = new Uint8Array(200).fill(0x0b);
    expect(decodeBytes(new Uint8Array([...utf8("Host Name\n"), ...controls]))).toMatchObject({ ok: false, message: expect.stringMatching(/control characters/) });
    const few = new Uint8Array([...utf8("Host Name\nsrv01"), 0x07, ...utf8(" ".repeat(200))]);
    expect(decodeBytes(few)).toMatchObject({ ok: true, encoding: "utf-8" });
  });

  it("falls back to Windows-1252 for ANSI text with a warning", () => {
    const bytes = new Uint8Array([...utf8("Owner\n"), 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]);
    const result = decodeBytes(bytes);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.encoding).toBe("windows-1252");
      expect(result.text).toBe("Owner\nMüller\n");
      expect(result.warnings[0]).toMatch(/Windows-1252/);
    }
  });

  it("refuses empty and blank files", () => {
    expect(decodeBytes(new Uint8Array())).toEqual({ ok: false, message: "The file is empty (0 bytes)." });
    expect(decodeBytes(utf8("  \r\n\t\n"))).toEqual({ ok: false, message: "The file contains only blank space: there is nothing to read." });
    expect(decodeBytes(utf16le("   \r\n"))).toMatchObject({ ok: false, message: expect.stringMatching(/only blank space/) });
  });

  it.each([
    ["PDF", [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37], /PDF document/],
    ["XLSX (ZIP)", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /Excel \.xlsx/],
    ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], /PNG image/],
    ["old XLS", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], /\.xls/],
    ["gzip", [0x1f, 0x8b, 0x08, 0x00], /gzip/],
  ])("refuses %s by its magic bytes", (_name, magic, pattern) => {
    const result = decodeBytes(new Uint8Array([...magic, ...utf8("rest of the file")]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(pattern);
  });

  it("refuses UTF-8 data containing NUL bytes", () => {
    const result = decodeBytes(new Uint8Array([...utf8("Host Name\nsrv01"), 0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47]));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/NUL/) });
  });

  it("refuses random binary data (invalid UTF-8 beyond the threshold)", () => {
    const bytes = new Uint8Array(2000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = 0x80 + (x % 0x80);
    }
    const result = decodeBytes(bytes);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not valid UTF-8|binary/) });
  });

  it("refuses UTF-32", () => {
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/UTF-32/),
    });
  });
});

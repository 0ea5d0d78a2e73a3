import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { csvHeadersOf, csvPreviewOf, SAMPLE_MAX_CHARS, trimProbe } from "./csv-header";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("csvHeadersOf", () => {
  it("reads a comma header with quotes and a PowerShell #TYPE line", () => {
    const file = readFileSync("lib/ingest/fixtures/getacl.csv");
    expect(csvHeadersOf(file, true)?.slice(0, 3)).toEqual(["DN", "ActiveDirectoryRights", "InheritanceType"]);
  });

  it("reads semicolon headers and quoted delimiters inside a header", () => {
    expect(csvHeadersOf(bytes('Asset;"Box; RAM";Role\r\nsrv-a;8;x\r\n'), true)).toEqual(["Asset", "Box; RAM", "Role"]);
  });

  it("reads UTF-16 LE with a BOM, as Out-File writes it", () => {
    const text = "Server,Memory\r\nsrv1,16\r\n";
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    expect(csvHeadersOf(utf16, true)).toEqual(["Server", "Memory"]);
  });

  it("returns null for JSON, one-column text and binary data", () => {
    expect(csvHeadersOf(bytes('{"a": 1}'), true)).toBeNull();
    expect(csvHeadersOf(bytes("just a line of text\n"), true)).toBeNull();
    expect(csvHeadersOf(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), true)).toBeNull();
  });

  it("cuts a partial UTF-8 read at the last newline so a split character does not change the encoding", () => {
    const full = bytes("Nom d'hôte,Mémoire\nsrv1,16\nsrv2,été\n");
    const partial = full.subarray(0, full.length - 2); // splits the last "é"
    expect(trimProbe(partial, false).at(-1)).toBe(0x0a);
    expect(csvHeadersOf(partial, false)).toEqual(["Nom d'hôte", "Mémoire"]);
  });
});

describe("csvPreviewOf: sample values for the mapping step", () => {
  it("takes up to three distinct non-blank values per column from the first rows, in file order", () => {
    const text = "Server,RAM,Policy,Notes\nsrv1,16,RemoteSigned ,\nsrv2,16,n/a,\nsrv3,32,Bypass,x\nsrv4,64,AllSigned,\nServer,RAM,Policy,Notes\nsrv5,8,Restricted,\n";
    expect(csvPreviewOf(bytes(text), true)).toEqual({
      headers: ["Server", "RAM", "Policy", "Notes"],
      samples: [['"srv1"', '"srv2"', '"srv3"'], ['"16"', '"32"', '"64"'], ['"RemoteSigned "', '"Bypass"', '"AllSigned"'], ['"x"']],
    });
  });

  it("shortens long values and shows invisible or bidi characters as escapes (the text stays inert)", () => {
    const long = "y".repeat(200);
    const preview = csvPreviewOf(bytes(`Name,Owner\nsrv1,"${long}"\nsrv2,"Ow\u202ener <b>x</b>"\n`), true);
    expect(preview?.samples[1]).toEqual([`"${"y".repeat(SAMPLE_MAX_CHARS)}…"`, '"Ow\\u{202E}ner <b>x</b>"']);
  });

  it("gives no samples rather than wrong ones when the probe ends inside a quoted value", () => {
    const preview = csvPreviewOf(bytes('Name,Notes\nsrv1,"line one\nline two'), false);
    expect(preview?.headers).toEqual(["Name", "Notes"]);
    expect(preview?.samples).toEqual([[], []]);
  });
});

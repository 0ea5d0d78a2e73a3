import { describe, expect, it } from "vitest";
import { splitDnAndSddl, bareSddlLine } from "../acl/sddl-lines";
import { columnsFromDashes, isDashesLine } from "../text/fixed-width";
import { FORMAT_PARSERS, formatById } from "../formats";
import { parseFile } from "../parse-file";
import { sheetToCsv } from "../xlsx/sheet-table";

/**
 * The minimal counterexamples the parser fuzzing (lib/ingest/fuzz/*.fuzz.test.ts) found, as plain cases: each failed
 * before its fix. Time bounds are generous guards against a return of the quadratic behaviour, not benchmarks.
 */

function parser(id: string) {
  const found = formatById(id);
  if (found === undefined) throw new Error(id);
  return found;
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe("quadratic regular expressions on a long run of blanks or dashes (a 200 KB line took 17-33 s)", () => {
  const blanks = "a" + " ".repeat(200_000) + "b\n";

  it.each(["getacl-table", "dsacls-text", "sddl-text"])("%s reads a line of 200,000 blanks between two letters in linear time", (id) => {
    const { value, ms } = timed(() => parser(id).parse({ fileName: "blanks.txt", text: blanks, options: {} }));
    expect(value.issues.some((i) => i.severity === "error")).toBe(true);
    expect(ms).toBeLessThan(1000);
  });

  it("getacl-table reads a header followed by 200,000 dashes and a letter in linear time", () => {
    const text = "ActiveDirectoryRights IdentityReference\n" + "-".repeat(200_000) + "x\n";
    const { ms } = timed(() => parser("getacl-table").parse({ fileName: "dashes.txt", text, options: {} }));
    expect(ms).toBeLessThan(1000);
  });

  it("isDashesLine is what /^[\\s-]*-{n,}[\\s-]*$/ was", () => {
    expect(isDashesLine("----- ---", 3)).toBe(true);
    expect(isDashesLine("  -- --", 3)).toBe(false);
    expect(isDashesLine("--- x", 3)).toBe(false);
    expect(isDashesLine("", 1)).toBe(false);
    expect(isDashesLine("-".repeat(200_000) + "x", 1)).toBe(false);
    expect(columnsFromDashes("Ab  Cd", "--  --")?.map((c) => c.label)).toEqual(["Ab", "Cd"]);
  });

  it("splitDnAndSddl is what /^(.+?)(?:\\t+|\\s*;\\s*)((?:O|G|D|S):.*)$/ was", () => {
    expect(splitDnAndSddl("DC=corp,DC=com\tO:DAG:DA")).toEqual({ dn: "DC=corp,DC=com", sddl: "O:DAG:DA" });
    expect(splitDnAndSddl("DC=corp,DC=com ; D:(A;;RP;;;AU)")).toEqual({ dn: "DC=corp,DC=com", sddl: "D:(A;;RP;;;AU)" });
    expect(splitDnAndSddl("DC=a;b;G:DA")).toEqual({ dn: "DC=a;b", sddl: "G:DA" });
    expect(splitDnAndSddl("\tO:DA")).toBeUndefined();
    expect(splitDnAndSddl("DC=corp O:DA")).toBeUndefined();
    expect(bareSddlLine("OU=Servers,DC=corp,DC=com\tO:DAG:DAD:(A;;RP;;;AU)")).toEqual({ dn: "OU=Servers,DC=corp,DC=com", sddl: "O:DAG:DAD:(A;;RP;;;AU)" });
    const { ms } = timed(() => splitDnAndSddl("a" + " ".repeat(200_000) + "b"));
    expect(ms).toBeLessThan(500);
  });

  it("parseFile refuses the same lines in linear time whatever the format", () => {
    const { value, ms } = timed(() => parseFile(new TextEncoder().encode(blanks), "blanks.txt"));
    expect(value.ok).toBe(false);
    expect(ms).toBeLessThan(1000);
    expect(FORMAT_PARSERS.length).toBeGreaterThan(10);
  });
});

describe("a 10 MB value is never echoed whole into an issue (fuzzing: a 10 MB ActiveDirectoryRights cell came back as a 10 MB message)", () => {
  const big = "x".repeat(10 * 1024 * 1024);

  it("Get-Acl CSV with a 10 MB rights cell", () => {
    const text = `ActiveDirectoryRights,IdentityReference,AccessControlType\n${big},CORP\\x,Allow\n`;
    const parsed = parser("getacl-csv").parse({ fileName: "acl.csv", text, options: {} });
    const message = parsed.issues.find((i) => i.column === "ActiveDirectoryRights")?.message ?? "";
    expect(message).toMatch(/^"x{40}…" is not an ActiveDirectoryRights name/);
    expect(JSON.stringify(parsed.issues).length).toBeLessThan(5000);
  });

  it.each([
    ["AccessControlType", "GenericAll,CORP\\x,BIG"],
    ["InheritanceType", "GenericAll,CORP\\x,Allow,BIG"],
  ])("Get-Acl CSV with a 10 MB %s cell", (_column, row) => {
    const text = `ActiveDirectoryRights,IdentityReference,AccessControlType,InheritanceType\n${row.replace("BIG", big)}\n`;
    const parsed = parser("getacl-csv").parse({ fileName: "acl.csv", text, options: {} });
    expect(JSON.stringify(parsed.issues).length).toBeLessThan(5000);
  });

  it("inventory values (memory, registry DWORD, date) of 10 MB", () => {
    const text = `Host Name,RAM (GB),SchUseStrongCrypto,Last Seen\nsrv01.corp.contoso.com,1${big},1${big},1${big}\n`;
    const parsed = parser("inventory-csv").parse({ fileName: "inv.csv", text, options: {} });
    expect(parsed.issues.length).toBeGreaterThan(0);
    for (const issue of parsed.issues) expect(issue.message.length).toBeLessThan(1000);
  });

  it("Get-Acl JSON with a nested list where an enum belongs (was JSON.stringify of the value)", () => {
    const deep = "[".repeat(50) + '"' + "x".repeat(100_000) + '"' + "]".repeat(50);
    const text = `[{"ActiveDirectoryRights":"GenericAll","IdentityReference":"CORP\\\\x","AccessControlType":${deep},"InheritanceType":"All","ObjectType":"00000000-0000-0000-0000-000000000000","InheritedObjectType":"00000000-0000-0000-0000-000000000000","IsInherited":false}]`;
    const parsed = parseFile(new TextEncoder().encode(text), "acl.json", {}, "getacl-json");
    const issues = parsed.ok ? parsed.result.issues : parsed.issues;
    expect(issues.some((i) => i.message.includes("a list is not an AccessControlType"))).toBe(true);
    expect(issues.every((i) => !i.message.includes("unexpected problem"))).toBe(true);
  });
});

describe("a sheet with a million rows (Excel's limit is 1,048,576)", () => {
  it("sheetToCsv finds the last row without spreading every row number into Math.max (a RangeError before)", () => {
    const rows = new Map<number, string[]>();
    for (let n = 1; n <= 1_048_576; n++) rows.set(n, n === 1 ? ["Host Name"] : []);
    rows.set(1_048_576, ["srv01"]);
    const csv = sheetToCsv(rows, 1);
    expect(csv.startsWith("Host Name\n")).toBe(true);
    expect(csv.endsWith("\nsrv01\n")).toBe(true);
  });
});

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parsePlanCsv } from "@/lib/rollout/plan-csv";
import { csvHeadersOf } from "@/components/uploads/csv-header";
import { DEFAULT_ARCHIVE_LIMITS } from "../archive";
import { readCsv } from "../csv/read-csv";
import { formatById } from "../formats";
import { createIssueSink, MAX_COLUMN_LABEL } from "../issues";
import { MAX_COLUMNS, MAX_LISTED } from "../limits";
import { parseFile } from "../parse-file";
import { listNames, listSome } from "../text/display";
import type { ParseIssue } from "../types";
import { readWorkbook } from "../xlsx";

/**
 * Issue 12: a CSV with 1,000,000 columns echoed every header back (a 26 MB response). Every tabular reader refuses a
 * row wider than MAX_COLUMNS before any per-column work, and every list quoted in an issue shows MAX_LISTED items.
 */

const MILLION = 1_000_000;
const wideHeader = (first: string[], total: number) => [...first, ...Array.from({ length: total - first.length }, (_, i) => `c${i}`)].join(",");
const bytes = (text: string) => new TextEncoder().encode(text);
const size = (issues: readonly ParseIssue[]) => JSON.stringify(issues).length;
const tooWide = (file: string, line = 1, columns = MILLION) =>
  `${file}: row ${line} has ${columns.toLocaleString("en-US")} columns; at most ${MAX_COLUMNS.toLocaleString("en-US")} are read (`;

describe("the column cap (MAX_COLUMNS) of every tabular reader", () => {
  it("readCsv stops at the first record wider than maxColumns and says which line and how wide", () => {
    const read = readCsv("a,b\n1,2,3,4\n", { maxColumns: 3 });
    expect(read).toMatchObject({ ok: false, reason: "too-many-columns", line: 2, columns: 4, limit: 3 });
    expect(readCsv("a,b,c\n1,2,3\n", { maxColumns: 3 }).ok).toBe(true);
  });

  const cases: { format: string; first: string[]; second: string }[] = [
    { format: "inventory-csv", first: ["Host Name"], second: "srv01" },
    { format: "getacl-csv", first: ["ActiveDirectoryRights", "IdentityReference", "AccessControlType"], second: "GenericAll,CORP\\x,Allow" },
    { format: "scope-plan", first: ["Name", "OUs"], second: "Main,OU=A" },
    { format: "sddl-text", first: ["DistinguishedName", "Sddl"], second: "DC=corp,O:DA" },
    { format: "systeminfo-csv", first: ["Host Name", "OS Name"], second: "srv01,Windows" },
  ];
  it.each(cases)("$format: a 1,000,000-column header is refused with one short error", ({ format, first, second }) => {
    const file = `${format}-wide.csv`;
    const started = performance.now();
    const parsed = parseFile(bytes(`${wideHeader(first, MILLION)}\n${second}\n`), file, {}, format);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([expect.objectContaining({ file, severity: "error", message: expect.stringContaining(tooWide(file)) })]);
    expect(size(parsed.issues)).toBeLessThan(2000);
  });

  it("detection still picks the format, and the parser refuses the width (no 'format not recognised' list of headers)", () => {
    const parsed = parseFile(bytes(`${wideHeader(["Host Name"], MILLION)}\nsrv01\n`), "wide.csv");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0].message).toContain(tooWide("wide.csv"));
  });

  it("a data row wider than the cap is refused too, naming its line", () => {
    const parsed = parseFile(bytes(`Host Name,OS\nsrv01,x\nsrv02${",x".repeat(MAX_COLUMNS)}\n`), "rows.csv", {}, "inventory-csv");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0].message).toContain(tooWide("rows.csv", 3, MAX_COLUMNS + 1));
  });

  it("exactly MAX_COLUMNS columns are read", () => {
    const parsed = parseFile(bytes(`${wideHeader(["Host Name"], MAX_COLUMNS)}\nsrv01.corp.contoso.com\n`), "edge.csv", {}, "inventory-csv");
    expect(parsed.ok).toBe(true);
  });

  it("the rollout plan CSV is capped the same way", () => {
    const plan = parsePlanCsv("plan.csv", bytes(`${wideHeader(["server"], MILLION)}\nsrv01\n`));
    expect(plan.issues).toEqual([expect.objectContaining({ severity: "error", message: expect.stringContaining(tooWide("plan.csv")) })]);
    expect(plan.rows).toEqual([]);
  });

  it("a workbook row wider than the cap is refused before the sheet is read as a table", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Servers");
    ws.getRow(1).values = ["Host Name", "OS"];
    ws.getCell(2, MAX_COLUMNS + 1).value = "far right";
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readWorkbook(data, "servers.xlsx", DEFAULT_ARCHIVE_LIMITS);
    expect(read).toEqual({ ok: false, message: expect.stringContaining(`servers.xlsx › Servers: row 2 has ${(MAX_COLUMNS + 1).toLocaleString("en-US")} columns; at most`) });
  });

  it("the upload page offers no column mapping for a header wider than the cap", () => {
    expect(csvHeadersOf(bytes(wideHeader(["Host Name"], 5000) + "\n"), false)).toBeNull();
    expect(csvHeadersOf(bytes("Host Name,OS\nsrv01,x\n"), true)).toEqual(["Host Name", "OS"]);
  });
});

describe("lists quoted in issue messages show the first MAX_LISTED items and count the rest", () => {
  it("listSome / listNames", () => {
    expect(listSome(["a", "b"])).toBe("a, b");
    const many = Array.from({ length: MILLION }, (_, i) => `h${i}`);
    expect(listSome(many)).toBe(`${many.slice(0, MAX_LISTED).join(", ")} … and 999,990 more`);
    expect(listNames(["x".repeat(100), "\u202eevil"])).toBe(`"${"x".repeat(40)}…", "\\u{202E}evil"`);
  });

  const headers999 = Array.from({ length: 999 }, (_, i) => `col${i}`);

  it("inventory CSV: headers found (no host column), unused columns, duplicate columns, mapping entries", () => {
    const noHost = formatById("inventory-csv")!.parse({ fileName: "f.csv", text: `${headers999.join(",")}\n${"x,".repeat(998)}x\n`, options: {} });
    expect(noHost.issues).toHaveLength(1);
    expect(noHost.issues[0].message).toContain(`"col9" … and 989 more. Rename`);

    const many = ["Host Name", ...headers999.slice(0, 998)];
    const unused = formatById("inventory-csv")!.parse({ fileName: "f.csv", text: `${many.join(",")}\nsrv01.corp.contoso.com\n`, options: {} });
    const note = unused.issues.find((i) => i.message.startsWith("These columns are not used"));
    expect(note?.message).toContain(`"col9" … and 988 more.`);

    const dupes = ["Host Name", ...Array.from({ length: 500 }, () => "Owner")];
    const dup = formatById("inventory-csv")!.parse({ fileName: "f.csv", text: `${dupes.join(",")}\nsrv01.corp.contoso.com,a\n`, options: {} });
    expect(dup.issues.find((i) => i.message.startsWith("Several columns hold Owner"))?.message).toContain("… and 490 more.");

    const mapping = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`Missing ${i}`, "hostName"]));
    const mapped = formatById("inventory-csv")!.parse({ fileName: "f.csv", text: "Host Name\nsrv01.corp.contoso.com\n", options: { columnMapping: mapping } });
    const mappingIssues = mapped.issues.filter((i) => i.message.includes("column mapping names"));
    expect(mappingIssues).toHaveLength(MAX_LISTED + 1);
    expect(mappingIssues[MAX_LISTED].message).toContain("290 more columns the file does not have");
    expect(mappingIssues[MAX_LISTED].message).toContain("… and 280 more;");

    const bad = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`Col ${i}`, "nonsense"]));
    const badMapped = formatById("inventory-csv")!.parse({ fileName: "f.csv", text: `Host Name,${Object.keys(bad).join(",")}\nsrv01\n`, options: { columnMapping: bad } });
    expect(badMapped.issues.filter((i) => i.message.includes("not a known field") || i.message.includes("fields that do not exist"))).toHaveLength(MAX_LISTED + 1);
  });

  it("Get-Acl CSV: one error for the missing columns, the headers listed once and capped", () => {
    const parsed = formatById("getacl-csv")!.parse({ fileName: "acl.csv", text: `${headers999.join(",")}\n${"x,".repeat(998)}x\n`, options: {} });
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0].message).toMatch(/^The columns "ActiveDirectoryRights", "IdentityReference", "AccessControlType" are missing\. Headers found: "col0", .*"col9" … and 989 more\./);
  });

  it("scope plan CSV: headers found are capped", () => {
    const text = `OUs,${headers999.slice(0, 900).join(",")}\nOU=A\n`;
    expect(formatById("scope-plan")!.parse({ fileName: "p.csv", text, options: {} }).issues[0].message).toContain("… and 891 more.");
  });

  it("rollout plan: headers found, unused columns and repeated fields are capped", () => {
    const noServer = parsePlanCsv("plan.csv", `${headers999.join(",")}\nx\n`);
    expect(noServer.issues[0].message).toContain("… and 989 more)");
    const unused = parsePlanCsv("plan.csv", `server,${headers999.join(",")}\nsrv01\n`);
    expect(unused.issues[0].message).toContain("… and 989 more.");
    const repeated = parsePlanCsv("plan.csv", `server,${Array.from({ length: 200 }, () => "wave").join(",")}\nsrv01\n`);
    expect(repeated.issues.filter((i) => i.message.includes("both hold"))).toHaveLength(MAX_LISTED);
    expect(repeated.issues.some((i) => i.message.startsWith("189 more columns repeat a field"))).toBe(true);
  });

  it("a column label in an issue is shortened (a 10 MB header stays a 200-character label)", () => {
    const sink = createIssueSink("f.csv");
    sink.error("bad", { row: 2, column: "h".repeat(10_000_000) });
    expect(sink.list()[0].column).toHaveLength(MAX_COLUMN_LABEL + 1);
  });
});

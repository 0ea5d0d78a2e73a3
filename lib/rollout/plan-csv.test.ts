import { describe, expect, it } from "vitest";
import { parsePlanCsv, parsePlanStatus, PLAN_MAX_ROWS } from "./plan-csv";

const utf8 = (text: string) => new TextEncoder().encode(text);
const errors = (result: ReturnType<typeof parsePlanCsv>) => result.issues.filter((issue) => issue.severity === "error");

describe("parsePlanCsv", () => {
  it("reads every column; empty leaves a field unchanged and '-' clears it", () => {
    const result = parsePlanCsv(
      "plan.csv",
      utf8(
        [
          "Server,Wave,Owner,Target Date,Status,Note",
          "sync01.corp.contoso.com,Wave 1,alice@contoso.com,2027-01-15,In progress,first batch",
          "SYNC02,,,,,",
          "sync03,-,-,-,not started,-",
        ].join("\r\n"),
      ),
    );
    expect(result.issues).toEqual([]);
    expect(result.columns).toEqual({ server: "Server", wave: "Wave", owner: "Owner", targetDate: "Target Date", status: "Status", note: "Note" });
    expect(result.rows).toEqual([
      { row: 2, server: "sync01.corp.contoso.com", wave: "Wave 1", owner: "alice@contoso.com", targetDate: "2027-01-15", status: "in-progress", note: "first batch" },
      { row: 3, server: "SYNC02" },
      { row: 4, server: "sync03", wave: null, owner: null, targetDate: null, status: "not-started", note: null },
    ]);
  });

  it("accepts header aliases and only the columns a file needs", () => {
    const result = parsePlanCsv("plan.csv", "ComputerName,WaveName,Due,RolloutStatus,Comment,Extra\nsrv1,W2,2027-02-01,BLOCKED,waiting for firewall,x\n");
    expect(result.rows).toEqual([{ row: 2, server: "srv1", wave: "W2", targetDate: "2027-02-01", status: "blocked", note: "waiting for firewall" }]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringContaining('"Extra"') })]);
  });

  it("knows the statuses by id and label, whatever the case and spacing", () => {
    expect(["not-started", "Not Started", "NOT_STARTED", " in progress ", "In-Progress", "installed", "Excluded", "scheduled"].map(parsePlanStatus)).toEqual([
      "not-started",
      "not-started",
      "not-started",
      "in-progress",
      "in-progress",
      "installed",
      "excluded",
      "scheduled",
    ]);
    expect(parsePlanStatus("done")).toBeUndefined();
  });

  it("refuses a bad status naming file, row, column and the allowed values", () => {
    const result = parsePlanCsv("plan.csv", "server,status\nsrv1,done\nsrv2,-\n");
    expect(errors(result)).toEqual([
      { file: "plan.csv", row: 2, column: "status", severity: "error", message: expect.stringMatching(/"done" is not a rollout status; use one of: not-started, scheduled, in-progress/) },
      { file: "plan.csv", row: 3, column: "status", severity: "error", message: expect.stringContaining("cannot be cleared") },
    ]);
    expect(result.rows).toEqual([]);
  });

  it("accepts only ISO dates and says so", () => {
    const result = parsePlanCsv("plan.csv", "server,targetDate\nsrv1,31/3/2027\nsrv2,2027-02-30\nsrv3,2027-03-31\n");
    expect(errors(result)).toEqual([
      expect.objectContaining({ row: 2, column: "targetDate", message: expect.stringContaining("YYYY-MM-DD") }),
      expect.objectContaining({ row: 3, column: "targetDate", message: expect.stringContaining("not a date that exists") }),
    ]);
    expect(result.rows).toEqual([{ row: 4, server: "srv3", targetDate: "2027-03-31" }]);
  });

  it("refuses a file without a server column, naming the file and the column", () => {
    const result = parsePlanCsv("my plan.csv", "wave,owner\nW1,bob\n");
    expect(result.rows).toEqual([]);
    expect(result.issues).toEqual([
      { file: "my plan.csv", column: "server", severity: "error", message: expect.stringMatching(/no "server" column \(headers found: "wave", "owner"\)/) },
    ]);
  });

  it("refuses the same server twice, on the second row, naming the first", () => {
    const result = parsePlanCsv("plan.csv", "server,wave\nSRV1,W1\nsrv2,W1\nsrv1.,W2\n");
    expect(errors(result)).toEqual([expect.objectContaining({ row: 4, column: "server", message: '"srv1." is already planned on row 2; a server may appear once per plan.' })]);
  });

  it("checks lengths and empty server names", () => {
    const result = parsePlanCsv("plan.csv", `server,owner,note,wave\n,a,b,c\nsrv1,${"o".repeat(201)},${"n".repeat(2_001)},${"w".repeat(121)}\n`);
    expect(errors(result).map((issue) => [issue.row, issue.column])).toEqual([
      [2, "server"],
      [3, "wave"],
      [3, "owner"],
      [3, "note"],
    ]);
  });

  it("reads semicolon-delimited files (Excel in many locales)", () => {
    const result = parsePlanCsv("plan.csv", utf8("server;wave;owner\r\nsrv1;Wave, the first;Ops; Team\r\n"));
    expect(result.rows).toEqual([{ row: 2, server: "srv1", wave: "Wave, the first", owner: "Ops" }]);
  });

  it("decodes UTF-16 LE with a BOM (Windows PowerShell's default)", () => {
    const text = "server,owner\r\nsrv1,Zoë Ødegaard\r\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const result = parsePlanCsv("plan.csv", bytes);
    expect(result.issues).toEqual([]);
    expect(result.rows).toEqual([{ row: 2, server: "srv1", owner: "Zoë Ødegaard" }]);
  });

  it("keeps quoted commas and newlines, and counts rows by file line", () => {
    const result = parsePlanCsv("plan.csv", 'server,note\nsrv1,"line one, with comma\nline two"\nsrv2,"say ""hi"""\n');
    expect(result.rows).toEqual([
      { row: 2, server: "srv1", note: "line one, with comma\nline two" },
      { row: 4, server: "srv2", note: 'say "hi"' },
    ]);
  });

  it("keeps formula-looking and markup text as text", () => {
    const result = parsePlanCsv("plan.csv", 'server,owner,note\nsrv1,=cmd|\' /C calc\'!A0,"<script>alert(1)</script> +SUM(A1)"\n');
    expect(result.rows).toEqual([{ row: 2, server: "srv1", owner: "=cmd|' /C calc'!A0", note: "<script>alert(1)</script> +SUM(A1)" }]);
  });

  it("refuses binary files, empty files and files over the row limit", () => {
    expect(parsePlanCsv("plan.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])).issues[0]?.message).toContain("Excel");
    expect(parsePlanCsv("plan.csv", new Uint8Array()).issues[0]?.message).toContain("empty");
    expect(parsePlanCsv("plan.csv", "server\n").issues[0]?.message).toContain("no data rows");
    const big = parsePlanCsv("plan.csv", `server\n${Array.from({ length: PLAN_MAX_ROWS + 1 }, (_, i) => `srv${i}`).join("\n")}\n`);
    expect(big.rows).toEqual([]);
    expect(big.issues[0]?.message).toContain("60,000 data rows");
  });
});

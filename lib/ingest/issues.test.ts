import { describe, expect, it } from "vitest";
import { createIssueSink } from "./issues";
import { finishResult, newResult } from "./result";
import { displayValue } from "./text/display";

describe("issue sink", () => {
  it("caps row-level issues and summarises the rest, keeping file-level errors", () => {
    const sink = createIssueSink("big.csv", 3);
    for (let row = 2; row < 12; row++) sink.error("bad", { row, column: "Name" });
    sink.error("whole file");
    const issues = sink.list();
    expect(issues.filter((i) => i.row !== undefined)).toHaveLength(3);
    expect(issues).toContainEqual({ file: "big.csv", message: "whole file", severity: "error" });
    expect(issues[issues.length - 1].message).toMatch(/^7 more row-level issue\(s\)/);
  });

  it("warns once per key", () => {
    const sink = createIssueSink("f");
    sink.warnOnce("k", "one");
    sink.warnOnce("k", "two");
    expect(sink.list()).toEqual([{ file: "f", message: "one", severity: "warning" }]);
  });

  it("drops accepted records when the file has a file-level error", () => {
    const sink = createIssueSink("f");
    const result = { ...newResult("host-inventory", "x"), hosts: [{ facts: {} }], tenant: {} };
    sink.error("row", { row: 2 });
    expect(finishResult(result, sink).hosts).toHaveLength(1);
    sink.error("file");
    const finished = finishResult(result, sink);
    expect(finished.hosts).toEqual([]);
    expect(finished.tenant).toBeUndefined();
  });

  it("quotes untrusted values safely in messages", () => {
    expect(displayValue("a\u202eb\u0000c")).toBe('"a\\u{202E}b\\u{0}c"');
    expect(displayValue("x".repeat(100), 10)).toBe(`"${"x".repeat(10)}…"`);
  });
});

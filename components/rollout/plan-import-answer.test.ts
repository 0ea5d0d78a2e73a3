import { describe, expect, it } from "vitest";
import { readPlanAnswer } from "./plan-import-answer";

const outcome = {
  status: "preview",
  fileName: "plan.csv",
  sha256: "ab",
  rows: 1,
  changed: 1,
  unchanged: 0,
  changes: [{ row: 2, server: "sync01.corp.contoso.com", name: "SYNC01", changes: [{ field: "wave", before: null, after: "<b>Pilot</b>" }] }],
  changesTruncated: false,
  wavesToCreate: ["<b>Pilot</b>"],
  issues: [],
  message: "Preview: 1 server(s) would change",
};

describe("readPlanAnswer", () => {
  it("reads a preview", () => {
    expect(readPlanAnswer(200, JSON.stringify(outcome), "plan.csv")).toEqual({ ok: true, outcome });
  });

  it("reads a refusal with its row errors, and request errors as file-level issues", () => {
    const body = { error: { code: "plan-refused", message: "refused", issues: [{ file: "plan.csv", row: 3, column: "server", message: "No server", severity: "error" }, { path: "dryRun", message: "Invalid" }] } };
    expect(readPlanAnswer(422, JSON.stringify(body), "plan.csv")).toEqual({
      ok: false,
      code: "plan-refused",
      message: "refused",
      issues: [
        { file: "plan.csv", row: 3, column: "server", message: "No server", severity: "error" },
        { file: "plan.csv", column: "dryRun", message: "Invalid", severity: "error" },
      ],
    });
  });

  it("never throws on odd answers", () => {
    expect(readPlanAnswer(200, "not json", "plan.csv")).toMatchObject({ ok: false, code: "bad-answer" });
    expect(readPlanAnswer(0, "", "plan.csv")).toMatchObject({ ok: false, code: "network" });
    expect(readPlanAnswer(413, "", "plan.csv")).toMatchObject({ ok: false, code: "too-large" });
    expect(readPlanAnswer(502, "<html>", "plan.csv")).toMatchObject({ ok: false, code: "http-502" });
  });
});

import { describe, expect, it } from "vitest";
import { parseStoredResults } from "./stored-results";

describe("parseStoredResults", () => {
  it("keeps well-formed results and drops the rest", () => {
    const good = { ruleId: "domain-schema-gmsa", status: "pass", severity: "blocker", scope: "domain", message: "ok", evidence: [{ fact: "domain.schemaVersion", actual: 88, expected: ">= 56" }] };
    const json = JSON.stringify([good, { ruleId: "x", status: "maybe" }, null, "text", { ...good, ruleId: "b", evidence: "nope", reason: 5 }]);
    expect(parseStoredResults(json)).toEqual([good, { ...good, ruleId: "b", evidence: [], reason: undefined }]);
  });

  it("returns nothing for text that is not a JSON array", () => {
    expect(parseStoredResults("{")).toEqual([]);
    expect(parseStoredResults('{"a":1}')).toEqual([]);
  });
});

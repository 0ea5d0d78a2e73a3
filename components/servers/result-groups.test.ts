import { describe, expect, it } from "vitest";
import type { RuleResult } from "@/lib/rules";
import { compactJson, decidedBy, groupInherited, sortResults, statusCounts } from "./result-groups";

const result = (ruleId: string, status: RuleResult["status"], severity: RuleResult["severity"], scope: RuleResult["scope"] = "host"): RuleResult => ({
  ruleId,
  status,
  severity,
  scope,
  message: "",
  evidence: [],
});

describe("result ordering and grouping", () => {
  it("puts failing results first, blockers before warnings, then by id", () => {
    const sorted = sortResults([
      result("a", "pass", "blocker"),
      result("b", "fail", "warning"),
      result("c", "unknown", "blocker"),
      result("d", "fail", "blocker"),
      result("e", "waived", "blocker"),
      result("f", "fail", "blocker"),
    ]);
    expect(sorted.map((r) => r.ruleId)).toEqual(["d", "f", "b", "c", "e", "a"]);
  });

  it("groups inherited results by scope in page order, skipping empty scopes", () => {
    const groups = groupInherited([
      result("t1", "pass", "blocker", "tenant"),
      result("d1", "pass", "blocker", "domain"),
      result("d2", "fail", "warning", "domain"),
      result("g1", "unknown", "blocker", "gmsa-acl"),
    ]);
    expect(groups.map((g) => [g.scope, g.results.map((r) => r.ruleId)])).toEqual([
      ["domain", ["d2", "d1"]],
      ["gmsa-acl", ["g1"]],
      ["tenant", ["t1"]],
    ]);
  });

  it("names the results that decide the verdict by effective severity", () => {
    const decided = decidedBy([
      result("block", "fail", "blocker"),
      result("demoted", "fail", "warning"),
      result("missing", "unknown", "blocker"),
      result("missing-info", "unknown", "info"),
      result("waived", "waived", "blocker"),
      result("info", "fail", "info"),
    ]);
    expect(decided.blocking.map((r) => r.ruleId)).toEqual(["block"]);
    expect(decided.conditions.map((r) => r.ruleId)).toEqual(["demoted"]);
    expect(decided.unknownBlockers.map((r) => r.ruleId)).toEqual(["missing"]);
  });

  it("counts statuses", () => {
    expect(statusCounts([result("a", "fail", "blocker"), result("b", "pass", "info"), result("c", "pass", "info")])).toEqual({ fail: 1, unknown: 0, waived: 0, pass: 2 });
  });
});

describe("compactJson", () => {
  it("renders values compactly and bounds their length", () => {
    expect(compactJson({ a: [1, 2], b: null })).toBe('{"a":[1,2],"b":null}');
    expect(compactJson("absent")).toBe('"absent"');
    expect(compactJson(undefined)).toBe("null");
    expect(compactJson("x".repeat(50), 10)).toBe(`"${"x".repeat(8)}…`);
  });
});

import { describe, expect, it } from "vitest";
import type { RuleResult } from "@/lib/rules";
import { decodeStatuses, delimitIds, encodeStatuses, undelimitIds } from "./statuses";

const result = (ruleId: string, status: RuleResult["status"]): RuleResult => ({
  ruleId,
  status,
  severity: "blocker",
  scope: "host",
  message: "",
  evidence: [],
});

describe("status encodings", () => {
  it("round-trips statuses of own and shared results, sorted", () => {
    const encoded = encodeStatuses([result("host-b", "fail"), result("host-a", "pass")], [result("domain-x", "waived"), result("tenant-y", "unknown")]);
    expect(encoded).toBe("domain-x:w,host-a:p,host-b:f,tenant-y:u");
    expect(Object.fromEntries(decodeStatuses(encoded))).toEqual({ "domain-x": "waived", "host-a": "pass", "host-b": "fail", "tenant-y": "unknown" });
    expect(decodeStatuses("").size).toBe(0);
  });

  it("delimits ids for LIKE matching", () => {
    expect(delimitIds(["a", "b"])).toBe(",a,b,");
    expect(delimitIds([])).toBe("");
    expect(undelimitIds(",a,b,")).toEqual(["a", "b"]);
  });
});

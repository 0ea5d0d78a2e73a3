import { describe, expect, it } from "vitest";
import { causeUploadIds, describeCause, parseCause, statusChanges } from "./history-changes";

describe("statusChanges", () => {
  it("lists the rules whose status changed, worst new status first", () => {
    expect(statusChanges("host-a:f,host-b:p,host-c:u,host-d:p", "host-a:p,host-b:f,host-c:u,host-e:u")).toEqual([
      { ruleId: "host-b", from: "pass", to: "fail" },
      { ruleId: "host-e", from: null, to: "unknown" },
      { ruleId: "host-a", from: "fail", to: "pass" },
      { ruleId: "host-d", from: "pass", to: null },
    ]);
  });

  it("finds nothing between equal lists and handles empty ones", () => {
    expect(statusChanges("a:p,b:f", "a:p,b:f")).toEqual([]);
    expect(statusChanges("", "a:w")).toEqual([{ ruleId: "a", from: null, to: "waived" }]);
  });
});

describe("causes", () => {
  const names = new Map([["u1", "hosts.csv"]]);

  it("parses and describes every cause the evaluations record", () => {
    expect(describeCause(parseCause("upload:u1"), names)).toBe("New data (upload hosts.csv)");
    expect(describeCause(parseCause("upload:gone"), names)).toBe("New data (upload gone, since deleted)");
    expect(describeCause(parseCause("upload-deleted:gone"), names)).toBe("An upload was deleted (gone)");
    expect(describeCause(parseCause("ruleset:rs-123"), names)).toBe("Ruleset changed (rs-123)");
    expect(describeCause(parseCause("ruleset"), names)).toBe("Ruleset changed");
    expect(describeCause(parseCause("attestation:idfix-run"), names)).toBe("Tenant attestation recorded (idfix-run)");
    expect(describeCause(parseCause("waiver:w7"), names)).toBe("Waiver changed (w7)");
    expect(describeCause(parseCause("something-new"), names)).toBe("something-new");
    expect(parseCause("upload:")).toEqual({ kind: "other", text: "upload:" });
  });

  it("collects the upload ids to look up", () => {
    expect(causeUploadIds(["upload:a", "ruleset:x", "upload-deleted:b", "upload:a"])).toEqual(["a", "b"]);
  });
});

import { describe, expect, it } from "vitest";
import type { RuleResult } from "@/lib/rules";
import { rollup } from "./rollup";
import { applyWaivers, isWaiverActive, waiverSchema, type Waiver } from "./waivers";

const asOf = "2026-08-01T12:00:00Z";

const failed: RuleResult = {
  ruleId: "host-memory",
  status: "fail",
  severity: "blocker",
  scope: "host",
  message: "2 GB of RAM; 4 GB needed.",
  evidence: [{ fact: "host.memory.totalPhysicalBytes", actual: 2147483648, expected: ">= 4 GB" }],
};
const passed: RuleResult = { ...failed, ruleId: "host-tier0", status: "pass", message: "ok" };
const unknownResult: RuleResult = {
  ...failed,
  ruleId: "host-dotnet-version",
  status: "unknown",
  reason: { code: "missing-fact", missingFact: "host.dotnet.release", collect: "Run the collector", message: "x" },
};

const waiver: Waiver = { id: "w1", ruleId: "host-memory", by: "alice@contoso.com", reason: "Lab server, accepted" };

describe("applyWaivers", () => {
  it("turns a failed result into waived, keeping severity, message and evidence", () => {
    const [result] = applyWaivers([failed], [waiver], asOf);
    expect(result).toEqual({ ...failed, status: "waived", waiver: { id: "w1", by: "alice@contoso.com", reason: "Lab server, accepted" } });
    expect(result.severity).toBe("blocker");
    expect(result.evidence).toBe(failed.evidence);
  });

  it("records the expiry when the waiver has one", () => {
    const [result] = applyWaivers([failed], [{ ...waiver, expiresAt: "2026-09-01T00:00:00Z" }], asOf);
    expect(result.waiver).toEqual({ id: "w1", by: "alice@contoso.com", reason: "Lab server, accepted", expiresAt: "2026-09-01T00:00:00Z" });
  });

  it("does not apply an expired waiver, nor one expiring exactly at asOf", () => {
    expect(applyWaivers([failed], [{ ...waiver, expiresAt: "2026-07-31T00:00:00Z" }], asOf)[0].status).toBe("fail");
    expect(applyWaivers([failed], [{ ...waiver, expiresAt: asOf }], asOf)[0].status).toBe("fail");
    expect(applyWaivers([failed], [{ ...waiver, expiresAt: "2026-08-01T12:00:01Z" }], asOf)[0].status).toBe("waived");
  });

  it("compares expiry instants, not strings (offsets)", () => {
    // 14:00+02:00 is 12:00Z: expired at asOf.
    expect(isWaiverActive({ ...waiver, expiresAt: "2026-08-01T14:00:00+02:00" }, asOf)).toBe(false);
    expect(isWaiverActive({ ...waiver, expiresAt: "2026-08-01T14:00:01+02:00" }, asOf)).toBe(true);
  });

  it("leaves pass and unknown results alone, and other rules' fails", () => {
    const other: RuleResult = { ...failed, ruleId: "host-ntlm-restricted" };
    const waivers: Waiver[] = [
      { ...waiver, ruleId: "host-tier0" },
      { ...waiver, ruleId: "host-dotnet-version" },
    ];
    const input = [passed, unknownResult, other];
    const out = applyWaivers(input, waivers, asOf);
    expect(out).toBe(input);
    expect(out.map((x) => x.status)).toEqual(["pass", "unknown", "fail"]);
  });

  it("is pure: the input array and results are not modified", () => {
    const input = Object.freeze([Object.freeze({ ...failed }), passed]);
    const out = applyWaivers(input, [waiver], asOf);
    expect(out).not.toBe(input);
    expect(input[0].status).toBe("fail");
    expect(out[1]).toBe(passed);
  });

  it("uses the first active waiver for a rule", () => {
    const out = applyWaivers([failed], [{ ...waiver, id: "old", expiresAt: "2020-01-01T00:00:00Z" }, { ...waiver, id: "w2" }, { ...waiver, id: "w3" }], asOf);
    expect(out[0].waiver?.id).toBe("w2");
  });

  it("makes a waived blocker stop blocking in the roll-up", () => {
    expect(rollup([failed, passed]).verdict).toBe("not-ready");
    expect(rollup(applyWaivers([failed, passed], [waiver], asOf)).verdict).toBe("ready");
  });
});

describe("waiverSchema", () => {
  it("accepts a waiver with and without expiry and rejects a bad expiry", () => {
    expect(waiverSchema.safeParse(waiver).success).toBe(true);
    expect(waiverSchema.safeParse({ ...waiver, expiresAt: "2026-09-01T00:00:00Z" }).success).toBe(true);
    expect(waiverSchema.safeParse({ ...waiver, expiresAt: "next week" }).success).toBe(false);
    expect(waiverSchema.safeParse({ ...waiver, reason: "" }).success).toBe(false);
  });

  it("never applies a waiver when a date cannot be read", () => {
    expect(isWaiverActive({ ...waiver, expiresAt: "garbage" }, asOf)).toBe(false);
    expect(isWaiverActive({ ...waiver, expiresAt: "2030-01-01T00:00:00Z" }, "garbage")).toBe(false);
  });
});

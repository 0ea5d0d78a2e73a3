import { describe, expect, it } from "vitest";
import { compareVerdicts, resultStatusSchema, VERDICT_LABELS, VERDICTS, verdictSchema, worstVerdict } from "./verdict";

describe("verdicts", () => {
  it("parses exactly the four verdicts", () => {
    expect(verdictSchema.options).toEqual(["ready", "ready-with-conditions", "unknown", "not-ready"]);
    expect(verdictSchema.safeParse("ready").success).toBe(true);
    expect(verdictSchema.safeParse("Ready").success).toBe(false);
  });

  it("parses exactly the four result statuses", () => {
    expect([...resultStatusSchema.options].sort()).toEqual(["fail", "pass", "unknown", "waived"]);
    expect(resultStatusSchema.safeParse("error").success).toBe(false);
  });

  it("has a label for each verdict", () => {
    expect(VERDICTS.map((v) => VERDICT_LABELS[v])).toEqual(["Ready", "Ready with conditions", "Unknown", "Not ready"]);
  });

  it("orders verdicts best first", () => {
    const sorted = (["not-ready", "ready", "unknown", "ready-with-conditions"] as const).slice().sort(compareVerdicts);
    expect(sorted).toEqual(["ready", "ready-with-conditions", "unknown", "not-ready"]);
    expect(worstVerdict("ready", "unknown")).toBe("unknown");
    expect(worstVerdict("not-ready", "unknown")).toBe("not-ready");
  });
});

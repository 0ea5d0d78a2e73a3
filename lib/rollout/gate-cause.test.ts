import { describe, expect, it } from "vitest";
import { formatCause } from "@/lib/readiness";
import { describeGateCause } from "./gate-cause";

describe("describeGateCause", () => {
  it("says in words what flipped a gate, from the one cause vocabulary", () => {
    expect(describeGateCause(formatCause({ kind: "upload", uploadId: "u1" }))).toBe("an upload");
    expect(describeGateCause(formatCause({ kind: "waiver", waiverId: "w1" }))).toBe("a waiver change");
    expect(describeGateCause(formatCause({ kind: "rollout", change: "bulk" }))).toBe("a bulk rollout change");
    expect(describeGateCause(formatCause({ kind: "rollout", change: "sync01.corp.contoso.com" }))).toBe("a rollout change of sync01.corp.contoso.com");
    expect(describeGateCause(formatCause({ kind: "rollout", change: "plan-import:abc" }))).toBe("a plan import");
    expect(describeGateCause("something-new")).toBe("something-new");
  });
});

import { describe, expect, it } from "vitest";
import { causeUploadIds, formatCause, parseCause, type EvaluationCause } from "./evaluation-cause";

describe("EvaluationCause", () => {
  it("round-trips every kind through its stored text", () => {
    const causes: EvaluationCause[] = [
      { kind: "upload", uploadId: "u1" },
      { kind: "upload-deleted", uploadId: "u2" },
      { kind: "ruleset", version: "rs-0123456789ab" },
      { kind: "ruleset", version: null },
      { kind: "attestation", key: "idfix-run" },
      { kind: "waiver", waiverId: "w7" },
      { kind: "other", text: "something-new" },
    ];
    for (const cause of causes) expect(parseCause(formatCause(cause))).toEqual(cause);
    expect(formatCause({ kind: "upload", uploadId: "u1" })).toBe("upload:u1");
    expect(formatCause({ kind: "ruleset", version: "rs-1" })).toBe("ruleset:rs-1");
  });

  it("keeps text it does not know, and lists the uploads causes name", () => {
    expect(parseCause("upload:")).toEqual({ kind: "other", text: "upload:" });
    expect(causeUploadIds(["upload:a", "ruleset:x", "upload-deleted:b", "upload:a"])).toEqual(["a", "b"]);
  });
});

import { describe, expect, it } from "vitest";
import { entryNeeds } from "./entry-needs";
import type { UploadRefused } from "./upload-response";

const refusal = (message: string, extra: Partial<UploadRefused> = {}): UploadRefused => ({ code: "bad-input", message, issues: [], ...extra });

describe("entryNeeds", () => {
  it("asks for the gMSA account and the target DN when the ACL export names neither", () => {
    const error = refusal("The file does not say which gMSA its permissions should be checked for. Enter the account with the upload.", {
      issues: [
        { file: "acl.csv", message: "The file does not say which gMSA its permissions should be checked for.", severity: "error" },
        { file: "acl.csv", message: "The file does not name the object whose permissions it lists. Enter the target distinguished name with the upload.", severity: "error" },
      ],
    });
    expect(entryNeeds(error, true)).toEqual({ account: true, target: true, mapping: false });
  });

  it("offers the mapping step for a CSV whose headers name no host", () => {
    const error = refusal('No column identifies the host. Headers found: "Asset", "Role".');
    expect(entryNeeds(error, true)).toEqual({ account: false, target: false, mapping: true });
    expect(entryNeeds(error, false).mapping).toBe(false);
  });

  it("does not offer the mapping step for a CSV of another kind, or for refusals a mapping cannot fix", () => {
    expect(entryNeeds(refusal("Broken.", { kind: "sync-scope" }), true).mapping).toBe(false);
    expect(entryNeeds(refusal("Too big.", { code: "too-large" }), true).mapping).toBe(false);
    expect(entryNeeds(null, true)).toEqual({ account: false, target: false, mapping: false });
  });
});

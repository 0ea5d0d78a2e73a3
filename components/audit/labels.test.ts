import { describe, expect, it } from "vitest";
import { auditTargetHref, changedFields, displayValue } from "./labels";

describe("audit labels", () => {
  it("links targets that have a page, encoded", () => {
    expect(auditTargetHref({ targetType: "server", targetId: "sync01.corp.contoso.com", targetLabel: "SYNC01" })).toBe("/servers/sync01.corp.contoso.com");
    expect(auditTargetHref({ targetType: "server", targetId: null, targetLabel: "12 selected server(s)" })).toBeNull();
    expect(auditTargetHref({ targetType: "waiver", targetId: "w9", targetLabel: "host-memory" })).toBe("/rollout/waivers");
    expect(auditTargetHref({ targetType: "upload", targetId: "a/b", targetLabel: "x.csv" })).toBe("/uploads/a%2Fb");
    expect(auditTargetHref({ targetType: "wave", targetId: "w1", targetLabel: "Pilot" })).toBe("/rollout/waves/w1");
    expect(auditTargetHref({ targetType: "user", targetId: "u1", targetLabel: "a@b.c" })).toBeNull();
    expect(auditTargetHref({ targetType: "upload", targetId: null, targetLabel: null })).toBeNull();
  });

  it("pairs changed fields of before and after", () => {
    expect(changedFields({ role: "viewer" }, { role: "lead" })).toEqual([{ field: "role", before: "viewer", after: "lead" }]);
    expect(changedFields(null, { a: 1 })).toEqual([{ field: "a", before: undefined, after: 1 }]);
    expect(changedFields([1], { a: 1 })).toBeNull();
    expect(displayValue(undefined)).toBe("—");
    expect(displayValue(null)).toBe("null");
    expect(displayValue({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

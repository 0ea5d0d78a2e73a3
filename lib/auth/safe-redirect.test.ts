import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps relative paths with queries", () => {
    expect(safeRedirectPath("/servers?readiness=not-ready")).toBe("/servers?readiness=not-ready");
  });

  it.each(["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "", "/login", "/\u0000x", 42])(
    "refuses %s",
    (value) => {
      expect(safeRedirectPath(value)).toBe("/");
    },
  );
});

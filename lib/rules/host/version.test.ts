import { describe, expect, it } from "vitest";
import { compareVersionParts, compareVersions, parseVersion } from "./version";

describe("version helpers", () => {
  it("compares numerically per part, not as text", () => {
    expect(compareVersions("1.1.999.0", "1.1.1365.0")).toBeLessThan(0);
    expect(compareVersions("1.1.2505.0", "1.1.2334.0")).toBeGreaterThan(0);
    expect(compareVersions("1.10.0.0", "1.9.9999.0")).toBeGreaterThan(0);
  });

  it("treats missing trailing parts as 0", () => {
    expect(compareVersions("1.1.2505", "1.1.2505.0")).toBe(0);
    expect(compareVersionParts([1], [1, 0, 0, 1])).toBeLessThan(0);
  });

  it("rejects text that is not a dotted version", () => {
    expect(parseVersion("1.1.x")).toBeUndefined();
    expect(parseVersion("v1.1")).toBeUndefined();
    expect(parseVersion("")).toBeUndefined();
    expect(parseVersion("1.2.3.4.5")).toBeUndefined();
    expect(parseVersion(" 1.1.2505.0 ")).toEqual([1, 1, 2505, 0]);
    expect(compareVersions("latest", "1.0")).toBeUndefined();
  });
});

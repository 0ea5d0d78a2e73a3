import { validate, version } from "uuid";
import { describe, expect, it } from "vitest";
import { newRowId } from "./ids";

describe("newRowId", () => {
  it("makes valid, unique UUIDv7 ids that sort in the order they were made", () => {
    const ids = Array.from({ length: 20_000 }, () => newRowId());
    for (const id of ids.slice(0, 100)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
  });

  it("puts the current time in the first 48 bits", () => {
    const before = Date.now();
    const id = newRowId();
    const msecs = parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now() + 1);
  });

  it("keeps the random bits random (no two ids share their last 48 bits)", () => {
    const tails = new Set(Array.from({ length: 5_000 }, () => newRowId().slice(-12)));
    expect(tails.size).toBe(5_000);
  });
});

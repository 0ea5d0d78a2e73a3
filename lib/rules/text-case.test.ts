import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toLower, toUpper } from "./text-case";

describe("toUpper / toLower", () => {
  it("equal the built-ins on any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("CORP", "corp", "S-1-5-21-1-2-3", "ß", "İstanbul", "ǅ", "ﬁ", "")), (text) => {
        expect(toUpper(text)).toBe(text.toUpperCase());
        expect(toLower(text)).toBe(text.toLowerCase());
      }),
      { numRuns: 2000, seed: 20260801 },
    );
  });
});

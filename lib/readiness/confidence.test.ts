import { describe, expect, it } from "vitest";
import { confidenceFrom } from "./confidence";

describe("confidenceFrom", () => {
  it.each([
    [0, 10, 1],
    [1, 10, 1],
    [2, 10, 1], // 20% exactly: 1 star
    [21, 100, 2], // 21%: 2 stars
    [4, 10, 2], // 40%: 2 stars
    [41, 100, 3],
    [6, 10, 3], // 60%: 3 stars
    [61, 100, 4],
    [8, 10, 4], // 80%: 4 stars
    [81, 100, 5],
    [10, 10, 5],
    [7, 35, 1], // 20% through a division that is not a power of ten
    [14, 35, 2],
    [21, 35, 3],
    [28, 35, 4],
  ])("%i of %i with data -> %i stars", (withData, applicable, stars) => {
    const confidence = confidenceFrom(withData, applicable);
    expect(confidence.stars).toBe(stars);
    expect(confidence.share).toBeCloseTo(withData / applicable, 12);
    expect(confidence).toMatchObject({ withData, applicable });
  });

  it("puts the band edges just above 20/40/60/80% in the next band", () => {
    expect(confidenceFrom(201, 1000).stars).toBe(2);
    expect(confidenceFrom(401, 1000).stars).toBe(3);
    expect(confidenceFrom(601, 1000).stars).toBe(4);
    expect(confidenceFrom(801, 1000).stars).toBe(5);
  });

  it("gives 1 star and share 0 when nothing is applicable", () => {
    expect(confidenceFrom(0, 0)).toEqual({ stars: 1, share: 0, withData: 0, applicable: 0 });
  });
});

/**
 * Confidence in a verdict, as 1–5 stars like Azure Migrate's assessment confidence rating.
 *
 * share = withData / applicable, where `applicable` counts the applicable blocker and warning results
 * and `withData` those whose status is not "unknown" (pass, fail and waived all count as data).
 * Info results are left out: they never change the verdict.
 *
 * Exact boundaries (upper bound inclusive, computed exactly as ceil(5 × withData / applicable)):
 *   0%  ≤ share ≤ 20%  → 1 star
 *   20% < share ≤ 40%  → 2 stars
 *   40% < share ≤ 60%  → 3 stars
 *   60% < share ≤ 80%  → 4 stars
 *   80% < share ≤ 100% → 5 stars
 * So 20% exactly is 1 star and 21% is 2 stars, matching Azure Migrate's "0%-20%, 21%-40%, …" bands.
 * With no applicable blocker or warning rule there is no evidence at all: share 0, 1 star.
 */
export interface Confidence {
  stars: 1 | 2 | 3 | 4 | 5;
  share: number;
  withData: number;
  applicable: number;
}

export function confidenceFrom(withData: number, applicable: number): Confidence {
  if (applicable <= 0) return { stars: 1, share: 0, withData: 0, applicable: 0 };
  const share = withData / applicable;
  // withData * 5 / applicable is an exact quotient of integers when it is a whole number, so the
  // band edges (20%, 40%, …) never suffer from floating-point rounding.
  return { stars: starsFor(Math.ceil((withData * 5) / applicable)), share, withData, applicable };
}

function starsFor(band: number): Confidence["stars"] {
  if (band <= 1) return 1;
  if (band === 2) return 2;
  if (band === 3) return 3;
  if (band === 4) return 4;
  return 5;
}

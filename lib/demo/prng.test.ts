import { describe, expect, it } from "vitest";
import { createRandom, mulberry32, seedFrom } from "./prng";

describe("mulberry32", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const next = mulberry32(7);
    const buckets: number[] = new Array(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = next();
      if (!(x >= 0 && x < 1)) outOfRange++;
      else buckets[Math.floor(x * 10)]++;
    }
    expect(outOfRange).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(600);
  });
});

describe("createRandom", () => {
  it("accepts string seeds deterministically", () => {
    expect(seedFrom("demo")).toBe(seedFrom("demo"));
    expect(seedFrom("demo")).not.toBe(seedFrom("demp"));
    expect(createRandom("demo").next()).toBe(createRandom("demo").next());
  });

  it("draws integers within bounds, both inclusive", () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const n = random.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5]);
  });

  it("weights choices", () => {
    const random = createRandom(2);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (random.weighted([["heavy", 9], ["light", 1]] as const) === "heavy") heavy++;
    expect(heavy).toBeGreaterThan(8_700);
    expect(heavy).toBeLessThan(9_300);
  });

  it("makes hex strings of the requested length and refuses to pick from nothing", () => {
    const random = createRandom(3);
    expect(random.hex(32)).toMatch(/^[0-9a-f]{32}$/);
    expect(random.hex(5)).toMatch(/^[0-9a-f]{5}$/);
    expect(() => random.pick([])).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { countVerdicts } from "./count";
import expected from "./expected.json";

// The 300-server demo fleet through the real engine gives the verdicts recorded before the layering refactor
// (issue #8). The 50,000-server benchmark fleet is checked by `npx tsx scripts/verdict-counts.ts`.
describe("verdict counts", () => {
  it("the demo fleet (300 servers, seed demo) keeps its recorded verdicts, per-rule statuses and results", () => {
    expect(countVerdicts("demo-300")).toEqual(expected["demo-300"]);
  });
});

import { describe, expect, it } from "vitest";
import { buildBurnUp } from "./progress";

describe("buildBurnUp", () => {
  it("accumulates installs and target dates per day, with no installs after today", () => {
    const installed = new Map([["2026-12-01", 2], ["2026-12-03", 1]]);
    const planned = new Map([["2026-12-02", 3], ["2026-12-06", 2]]);
    const points = buildBurnUp(installed, planned, "2026-12-04");
    expect(points[0]).toEqual({ day: "2026-12-01", planned: 0, installed: 2 });
    expect(points.find((point) => point.day === "2026-12-03")).toEqual({ day: "2026-12-03", planned: 3, installed: 3 });
    expect(points.find((point) => point.day === "2026-12-04")).toEqual({ day: "2026-12-04", planned: 3, installed: 3 });
    expect(points.at(-1)).toEqual({ day: "2026-12-06", planned: 5, installed: null });
  });

  it("is empty without any dates and caps long spans", () => {
    expect(buildBurnUp(new Map(), new Map(), "2026-12-04")).toEqual([]);
    const points = buildBurnUp(new Map([["2020-01-01", 1]]), new Map([["2026-12-31", 1]]), "2026-12-04", 50);
    expect(points.length).toBeLessThanOrEqual(51);
    expect(points.at(-1)).toMatchObject({ day: "2026-12-31", planned: 1 });
  });
});

import { describe, expect, it } from "vitest";
import { formatInstant, spreadLabels, timeTicks } from "./time-axis";

const t = (iso: string) => Date.parse(iso);

describe("timeTicks", () => {
  it("labels a few minutes of uploads by time of day, the date on the first tick, all distinct", () => {
    const ticks = timeTicks(t("2026-12-05T08:35:04Z"), t("2026-12-05T08:39:03Z"));
    expect(ticks.map((tick) => tick.label)).toEqual(["5 Dec 08:36", "08:37", "08:38", "08:39"]);
    expect(new Set(ticks.map((tick) => tick.label)).size).toBe(ticks.length);
  });

  it("repeats the date where it changes within a sub-day axis", () => {
    const labels = timeTicks(t("2026-12-04T20:10:00Z"), t("2026-12-05T07:00:00Z")).map((tick) => tick.label);
    expect(labels).toEqual(["4 Dec 21:00", "5 Dec 00:00", "03:00", "06:00"]);
  });

  it("labels weeks of snapshots by date", () => {
    const labels = timeTicks(t("2026-11-01T10:00:00Z"), t("2026-12-05T10:00:00Z")).map((tick) => tick.label);
    expect(labels.length).toBeLessThanOrEqual(5);
    expect(labels.every((label) => /^\d{1,2} [A-Z][a-z]{2}$/.test(label))).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("labels years of history by month, with the year", () => {
    const labels = timeTicks(t("2025-01-15T00:00:00Z"), t("2026-12-05T00:00:00Z")).map((tick) => tick.label);
    expect(labels).toEqual(["Jul 2025", "Jan 2026", "Jul 2026"]);
  });

  it("puts every tick inside the span, in order", () => {
    const start = t("2026-12-05T08:35:04.986Z");
    const end = t("2026-12-05T08:35:05.182Z");
    const ticks = timeTicks(start, end);
    expect(ticks.length).toBeGreaterThan(0);
    for (const tick of ticks) expect(tick.at >= start && tick.at <= end).toBe(true);
  });

  it("gives one labelled tick when every point is at the same instant", () => {
    expect(timeTicks(t("2026-12-05T08:35:00Z"), t("2026-12-05T08:35:00Z"))).toEqual([{ at: t("2026-12-05T08:35:00Z"), label: "5 Dec 2026 08:35 UTC" }]);
    expect(formatInstant(t("2026-01-02T03:04:00Z"))).toBe("2 Jan 2026 03:04 UTC");
  });
});

describe("spreadLabels", () => {
  it("keeps labels at least a gap apart, in their order, inside the plot", () => {
    const ys = spreadLabels([100, 101, 20, 180], 10, 174, 13);
    expect(ys[2]).toBe(20);
    expect(ys[1]! - ys[0]!).toBeGreaterThanOrEqual(13);
    expect(ys[3]).toBe(174);
    expect(ys[3]! - ys[1]!).toBeGreaterThanOrEqual(13);
    expect(spreadLabels([170, 170, 170, 170], 10, 174, 13)).toEqual([135, 148, 161, 174]);
  });
});

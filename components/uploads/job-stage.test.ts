import { describe, expect, it } from "vitest";
import { ordinal, sendPercent, stageLabel, stagePercent } from "./job-stage";

const job = (stage: Parameters<typeof stageLabel>[0]["stage"], extra: { position?: number | null; servers?: number | null } = {}) => ({
  stage,
  position: extra.position ?? null,
  records: null,
  servers: extra.servers ?? null,
});

describe("upload job stages in words", () => {
  it("says where a job stands", () => {
    expect(stageLabel(job("queued", { position: 2 }))).toBe("Queued (2nd in line)");
    expect(stageLabel(job("queued", { position: 1 }))).toBe("Queued (1st in line)");
    expect(stageLabel(job("parsing"))).toBe("Parsing…");
    expect(stageLabel(job("evaluating", { servers: 12_000 }))).toBe("Evaluating 12,000 servers…");
    expect(stageLabel(job("evaluating", { servers: 1 }))).toBe("Evaluating 1 server…");
    expect(stageLabel(job("evaluating"))).toBe("Evaluating…");
    expect(stageLabel(job("committing"))).toBe("Committing…");
  });

  it("writes ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]);
  });

  it("fills the bar: sending up to 40 %, then the stages in order", () => {
    expect(sendPercent(0, 0)).toBe(0);
    expect(sendPercent(100, 100)).toBe(40);
    const order = (["queued", "parsing", "evaluating", "committing", "done"] as const).map((stage) => stagePercent(job(stage)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.at(-1)).toBe(100);
  });
});

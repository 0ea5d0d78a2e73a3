import { describe, expect, it } from "vitest";
import { evidence, unknown } from "@/lib/rules/outcome";
import { constantUnknown, dwordCode, DWORD_CODE_VALUES, freezeOutcome, frozenEvidence, frozenSingle, NO_EVIDENCE, outcomeMemo } from "./frozen";

describe("shared constant evidence and outcomes", () => {
  it("freezes the list, its items and their actual objects", () => {
    const list = frozenEvidence(evidence("host.x", { a: 1 }, "1"), evidence("host.y", 2, "2"));
    expect(Object.isFrozen(list)).toBe(true);
    expect(list.every((item) => Object.isFrozen(item))).toBe(true);
    expect(Object.isFrozen(list[0].actual)).toBe(true);
    expect(() => list.push(evidence("host.z", 3, "3"))).toThrow(TypeError);
    expect(frozenSingle("host.tier0", true, "Tier 0")).toEqual([{ fact: "host.tier0", actual: true, expected: "Tier 0" }]);
    expect(NO_EVIDENCE).toEqual([]);
    expect(Object.isFrozen(NO_EVIDENCE)).toBe(true);
  });

  it("constantUnknown equals unknown() and returns the same frozen outcome on every call", () => {
    const make = constantUnknown("host.memory.totalPhysicalBytes", "Get-ComputerInfo", "Memory was not collected.");
    const first = make();
    const second = make();
    expect(first).toEqual(unknown("host.memory.totalPhysicalBytes", "Get-ComputerInfo", "Memory was not collected."));
    expect(first).toBe(second);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.status === "unknown" && Object.isFrozen(first.reason)).toBe(true);
    expect(constantUnknown("host.x", "collect it")()).toEqual(unknown("host.x", "collect it"));
    const withEvidence = constantUnknown("host.x", "collect it", "Not collected.", [evidence("host.x", null, "1")]);
    expect(withEvidence()).toEqual(unknown("host.x", "collect it", "Not collected.", [evidence("host.x", null, "1")]));
    expect(Object.isFrozen(withEvidence().evidence)).toBe(true);
  });

  it("freezeOutcome freezes the outcome, its evidence and its reason", () => {
    const outcome = freezeOutcome(unknown("host.x", "collect it", "Not collected.", [evidence("host.x", null, "1")]));
    expect(Object.isFrozen(outcome)).toBe(true);
    expect(Object.isFrozen(outcome.evidence)).toBe(true);
    expect(outcome.status === "unknown" && Object.isFrozen(outcome.reason)).toBe(true);
  });

  it("codes DWORDs for outcome tables, leaving every other value to the general path", () => {
    expect(DWORD_CODE_VALUES.map(dwordCode)).toEqual([0, 1, 2, 3]);
    for (const other of [2, -1, -0, 0xffffffff, 0.5, Number.NaN]) expect(dwordCode(other)).toBe(-1);
  });
});

describe("outcomeMemo", () => {
  it("judges a key once, hands out the frozen outcome after, and stays bounded", () => {
    const memo = outcomeMemo<string>(2);
    let judged = 0;
    const judge = (n: number) => () => {
      judged++;
      return unknown("host.x", "collect it", `n is ${n}`, [evidence("host.x", { n }, "a number")]);
    };
    const first = memo("1", judge(1));
    expect(memo("1", judge(1))).toBe(first);
    expect(judged).toBe(1);
    expect(Object.isFrozen(first) && Object.isFrozen(first.evidence) && Object.isFrozen(first.evidence[0].actual)).toBe(true);
    expect(first).toEqual(unknown("host.x", "collect it", "n is 1", [evidence("host.x", { n: 1 }, "a number")]));
    memo("2", judge(2));
    memo("3", judge(3)); // the third key empties the memo first
    expect(memo("1", judge(1))).not.toBe(first);
    expect(judged).toBe(4);
  });
});

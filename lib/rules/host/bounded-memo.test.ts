import { describe, expect, it } from "vitest";
import { stringMemo } from "./bounded-memo";

describe("stringMemo", () => {
  it("computes each key once, remembers undefined and null answers, and stays bounded", () => {
    const calls: string[] = [];
    const memo = stringMemo((key: string) => {
      calls.push(key);
      return key === "none" ? undefined : key.length;
    }, 3);
    expect([memo("a"), memo("a"), memo("none"), memo("none")]).toEqual([1, 1, undefined, undefined]);
    expect(calls).toEqual(["a", "none"]);
    memo("bb");
    memo("ccc"); // the fourth distinct key empties the memo first
    expect(memo("ccc")).toBe(3);
    expect(memo("a")).toBe(1);
    expect(calls).toEqual(["a", "none", "bb", "ccc", "a"]);
  });
});

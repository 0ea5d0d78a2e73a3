import { describe, expect, it } from "vitest";
import { pageWindow } from "./server-pagination";

describe("pageWindow", () => {
  it("shows the first, the last and two pages either side of the current one", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(10, 1000)).toEqual([1, null, 8, 9, 10, 11, 12, null, 1000]);
    expect(pageWindow(4, 10)).toEqual([1, 2, 3, 4, 5, 6, null, 10]);
    expect(pageWindow(1000, 1000)).toEqual([1, null, 998, 999, 1000]);
  });
});

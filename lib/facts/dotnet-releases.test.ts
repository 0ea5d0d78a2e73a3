import { describe, expect, it } from "vitest";
import { dotnetReleaseOfVersionText } from "./dotnet-releases";

describe("dotnetReleaseOfVersionText", () => {
  it("reads the spellings inventories use as the smallest Release of that version", () => {
    expect(dotnetReleaseOfVersionText(".NET 4.8.1")).toEqual({ version: "4.8.1", minRelease: 533320 });
    expect(dotnetReleaseOfVersionText("4.8")).toEqual({ version: "4.8", minRelease: 528040 });
    expect(dotnetReleaseOfVersionText(".NET Framework 4.7.2")).toEqual({ version: "4.7.2", minRelease: 461808 });
    expect(dotnetReleaseOfVersionText(" v4.6.2 ")).toEqual({ version: "4.6.2", minRelease: 394802 });
    expect(dotnetReleaseOfVersionText("4.8.09032")).toEqual({ version: "4.8", minRelease: 528040 });
    expect(dotnetReleaseOfVersionText("net framework 4.7.1 (installed)")).toEqual({ version: "4.7.1", minRelease: 461308 });
  });

  it("answers undefined for what is not a 4.5+ version", () => {
    for (const text of ["3.5", "4.0", "4.9", "5.0", "latest", "", "4.8.1.2.3", "4.8.1; 4.7.2"]) expect(dotnetReleaseOfVersionText(text), text).toBeUndefined();
  });
});

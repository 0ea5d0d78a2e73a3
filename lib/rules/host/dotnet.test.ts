import { describe, expect, it } from "vitest";
import { DOTNET_MIN_RELEASE, DOTNET_RELEASES, dotnetVersionName } from "./dotnet";

describe("dotnetVersionName", () => {
  it.each([
    [378389, ".NET Framework 4.5"],
    [378758, ".NET Framework 4.5.1"],
    [394802, ".NET Framework 4.6.2"],
    [460805, ".NET Framework 4.7"],
    [461308, ".NET Framework 4.7.1"],
    [461310, ".NET Framework 4.7.1"],
    [461814, ".NET Framework 4.7.2"],
    [528449, ".NET Framework 4.8"],
    [533320, ".NET Framework 4.8.1 or later"],
    [378388, "older than .NET Framework 4.5"],
  ])("maps Release %i to %s", (release, name) => {
    expect(dotnetVersionName(release)).toBe(name);
  });

  it("keeps the table sorted and the minimum at 4.7.1", () => {
    const values = DOTNET_RELEASES.map((entry) => entry.minRelease);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(DOTNET_RELEASES.find((entry) => entry.version === "4.7.1")?.minRelease).toBe(DOTNET_MIN_RELEASE);
  });
});

import { describe, expect, it } from "vitest";
import { FactSources } from "./fact-sources";

describe("FactSources", () => {
  it("answers the column a path was read from in the current record only", () => {
    const sources = new FactSources();
    sources.set("os.build", "OS Build");
    sources.set("memory.totalPhysicalBytes", "RAM (GB)");
    expect(sources.get("os.build")).toBe("OS Build");
    expect(sources.get("os")).toBeUndefined();

    sources.reset();
    expect(sources.get("os.build")).toBeUndefined();
    expect(sources.get("memory.totalPhysicalBytes")).toBeUndefined();
    sources.set("os.build", "Build");
    expect(sources.get("os.build")).toBe("Build");
    expect(sources.get("memory.totalPhysicalBytes")).toBeUndefined();
  });

  it("the last note of a path in a record wins", () => {
    const sources = new FactSources();
    sources.set("site", "Site");
    sources.set("site", "Location");
    expect(sources.get("site")).toBe("Location");
  });
});
